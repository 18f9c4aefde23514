/**
 * Build step (`npm run build` runs it after tsc): chunks and BM25-indexes the shipped specs/ once, embeds
 * the chunks with the shipped embedder when it loads, and writes dist/specs-snapshot.json, so a fresh
 * `batuta oracle` process loads all that instead of stemming and embedding every chunk. memory-collection.ts
 * uses the file only while its fingerprint matches specs/, and the vectors only with the same embedder id.
 */
import { writeFileSync } from 'node:fs';
import { createWinkIndex } from '../sparse/wink-index.js';
import type { Embedder } from '../types.js';
import {
  chunkFolder,
  defaultSpecsSnapshotPath,
  embedChunks,
  encodeVectors,
  findSpecsDir,
  folderFingerprint,
  type MemorySnapshot,
  readFolderDocuments,
  SPECS_COLLECTION,
} from './memory-collection.js';

/**
 * Writes the snapshot of the specs folder `dir` to `path` and returns the path. `embedder` defaults to the
 * shipped one; null (or an embedder that fails to load) leaves the vectors out.
 */
export async function writeSpecsSnapshot(
  dir = findSpecsDir(),
  path = defaultSpecsSnapshotPath(),
  embedder: Embedder | null | undefined = undefined,
): Promise<string> {
  const folder = readFolderDocuments(SPECS_COLLECTION, dir);
  const chunks = chunkFolder(folder);
  const sparse = createWinkIndex(chunks);
  const chosen = embedder === undefined ? await shippedEmbedder() : embedder;
  const collection = { name: SPECS_COLLECTION, chunks: new Map(chunks.map((c) => [c.id, c])), sparse };
  const vectors =
    chosen === null
      ? undefined
      : encodeVectors(chosen.id, await embedChunks({ ...collection, fromSnapshot: false }, chosen));
  const snapshot: MemorySnapshot = {
    fingerprint: folderFingerprint(folder),
    chunks,
    wink: sparse.exportJSON(),
    ...(vectors === undefined ? {} : { vectors }),
  };
  writeFileSync(path, JSON.stringify(snapshot));
  return path;
}

async function shippedEmbedder(): Promise<Embedder | null> {
  try {
    const { createModelProvider } = await import('../models/provider.js');
    return await createModelProvider().embedder(null);
  } catch {
    return null;
  }
}
