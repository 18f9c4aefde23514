/**
 * The built-in specs get their fusion at build time: writeSpecsFusion calibrates the snapshot's collection
 * from its own pseudo-questions and stores the record in the snapshot; searches of the specs use it while the
 * snapshot matches the files and the embedder is the one it was chosen with.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FUSION_RECORD_VERSION } from '../../../src/retrieval/fusion/record.js';
import { writeSpecsFusion } from '../../../src/retrieval/indexing/specs-fusion.js';
import { loadMemoryCollection, SPECS_COLLECTION } from '../../../src/retrieval/search/memory-collection.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import { writeSpecsSnapshot } from '../../../src/retrieval/search/specs-snapshot.js';
import type { Embedder } from '../../../src/retrieval/types.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeModels } from '../fakes.js';

const tmp = tempDir('specs-fusion-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const specs = join(tmp, 'specs');
const snapshot = join(tmp, 'specs-snapshot.json');
const embedder = createFakeEmbedder();

const TOPICS: Record<string, string[]> = {
  trueno: ['Matrix multiplication kernels', 'Vector reduction on SIMD lanes', 'GPU dispatch thresholds'],
  entrenar: ['Training loops with adapters', 'Gradient clipping settings', 'Checkpoint file layout'],
  realizar: ['Serving token generation', 'Key value cache sizing', 'Batching incoming requests'],
  depyler: ['Python type inference', 'Translating list comprehensions', 'Error handling translation'],
  pacha: ['Model registry signatures', 'Publishing model versions', 'Verifying downloaded artifacts'],
};

mkdirSync(specs, { recursive: true });
for (const [name, headings] of Object.entries(TOPICS)) {
  const body = headings
    .map((heading, i) => `## ${heading}\n\nNotes ${i} on ${name}: ${heading.toLowerCase()} in practice.\n`)
    .join('\n');
  writeFileSync(join(specs, `${name}.md`), `# ${name}\n\nWhat ${name} does.\n\n${body}`);
}

async function fusionOfSearch(models: { embedder: Embedder }) {
  const searcher = createSearcher({
    dbPath: null,
    models: createFakeModels(models.embedder),
    specsDir: specs,
    specsSnapshot: snapshot,
  });
  const request = {
    question: 'gradient clipping',
    k: 3,
    mode: 'hybrid',
    rerank: false,
    explain: true,
  } as const;
  const outcome = await searcher.search(SPECS_COLLECTION, request);
  await searcher.close();
  return outcome.fusion;
}

describe('writeSpecsFusion', () => {
  it('stores the choice in the snapshot, and specs searches use it', async () => {
    await writeSpecsSnapshot(specs, snapshot, embedder);
    const record = await writeSpecsFusion(snapshot, createFakeModels(embedder), specs);
    expect(record).toMatchObject({ version: FUSION_RECORD_VERSION, embedder: embedder.id });
    expect(record!.explain.questions).toBeGreaterThanOrEqual(15);
    expect(record!.explain).toMatchObject({ heldOut: true, anchor: expect.any(String) });
    expect(JSON.parse(readFileSync(snapshot, 'utf8')).fusion).toEqual(record);
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fusion).toEqual(record);
    expect(await fusionOfSearch({ embedder })).toMatchObject({ source: 'collection', record });
  });

  it('is not used with another embedder, nor once a spec file changed', async () => {
    expect(await fusionOfSearch({ embedder: createFakeEmbedder('fake-bow/2') })).toMatchObject({
      source: 'default',
    });
    writeFileSync(join(specs, 'pacha.md'), '# pacha\n\n## Model registry signatures\n\nChanged.\n');
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fusion).toBeUndefined();
    expect(await fusionOfSearch({ embedder })).toMatchObject({ source: 'default' });
    expect(await writeSpecsFusion(snapshot, createFakeModels(embedder), specs)).toBeNull();
  });
});
