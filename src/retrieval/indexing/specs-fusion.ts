/**
 * Build step (`npm run build` runs it after the specs snapshot): chooses the built-in `specs` collection's
 * fusion from its own pseudo-questions, the way `batuta index` does for a stored collection, over the legs
 * the in-memory specs search runs (wink BM25 and the shipped embedder), and adds the record to the build's
 * specs snapshot, so searches of `specs` use it without calibrating at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pseudoQuestions } from '../fusion/pseudo-questions.js';
import type { FusionRecord } from '../fusion/record.js';
import { createModelProvider } from '../models/provider.js';
import { memoryFileChars } from '../search/file-chars.js';
import type { SearchLegs } from '../search/hybrid.js';
import {
  createMemoryDense,
  defaultSpecsSnapshotPath,
  findSpecsDir,
  loadMemoryCollection,
  SPECS_COLLECTION,
} from '../search/memory-collection.js';
import { createWinkIndex } from '../sparse/wink-index.js';
import type { ModelProvider } from '../types.js';
import { calibrateLegs } from './calibrate-legs.js';

/**
 * Calibrates the specs in the snapshot at `path` (its chunks, index and vectors) and writes the record into
 * it. Returns the record, or null when there is no current snapshot or no embedder to calibrate with.
 */
export async function writeSpecsFusion(
  path = defaultSpecsSnapshotPath(),
  models: ModelProvider = createModelProvider(),
  dir = findSpecsDir(),
): Promise<FusionRecord | null> {
  const started = performance.now();
  const collection = loadMemoryCollection(SPECS_COLLECTION, dir, { snapshot: path });
  if (!collection.fromSnapshot) return null;
  const embedder = await models.embedder(null).catch(() => null);
  if (embedder === null) return null;
  const reranker = await models.reranker().catch(() => null);
  const all = [...collection.chunks.values()];
  const legs: SearchLegs = {
    sparse: collection.sparse,
    dense: await createMemoryDense(collection, embedder),
    reranker,
    chunks: (ids) =>
      new Map(ids.flatMap((id) => (collection.chunks.has(id) ? [[id, collection.chunks.get(id)!]] : []))),
    fileChars: memoryFileChars(all),
  };
  const record = await calibrateLegs({
    questions: pseudoQuestions(all),
    legs,
    // The same BM25 with the heading field empty: chunks scored on their bodies alone.
    bodies: createWinkIndex(all.map((chunk) => ({ ...chunk, headings: [] }))),
    chunks: collection.chunks,
    reranker,
    embedder: embedder.id,
    // The shipped embedder was trained on Debian documentation only, never on specs/.
    heldOut: true,
    started,
  });
  const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...snapshot, fusion: record }));
  return record;
}
