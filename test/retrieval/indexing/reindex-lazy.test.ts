import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectionFiles, vectorFile } from '../../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import { currentAdaptedDir } from '../../../src/retrieval/models/provider.js';
import type { ModelProvider } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeReranker, writeFakeAdaptedVersion } from '../fakes.js';

const tmp = tempDir('reindex-lazy-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A provider that adapts like models/provider.ts (a current.json pointer in modelDir) and counts model loads. */
function adaptingModels(): ModelProvider & { loads: number } {
  const adapted = createFakeEmbedder('fake-adapted/1');
  const provider = {
    loads: 0,
    async embedder(modelDir: string | null) {
      provider.loads += 1;
      const pointer = modelDir === null ? null : currentAdaptedDir(modelDir);
      return pointer === null ? createFakeEmbedder('fake-base/1') : adapted;
    },
    async adapt(_texts: readonly string[], modelDir: string) {
      writeFakeAdaptedVersion(modelDir, 'v-0123456789ab');
      return adapted;
    },
    reranker: async () => createFakeReranker(),
  };
  return provider;
}

describe('re-indexing without loading the model when nothing needs embedding', () => {
  const root = join(tmp, 'docs');
  mkdirSync(root);
  writeFileSync(join(root, 'gpu.md'), '# GPU\n\nKernels for matrix multiplication.\n');
  writeFileSync(join(root, 'cli.md'), '# CLI\n\nPrints JSON.\n');
  const dbPath = join(tmp, 'index.db');
  const run = async (models: ModelProvider) => {
    const store = IndexStore.open(dbPath);
    try {
      return await indexCollection({ name: 'docs', root, store, models, ...collectionFiles(dbPath, 'docs') });
    } finally {
      store.close();
    }
  };

  it('skips the model on a no-change run, loads it for a changed file or a changed model pointer', async () => {
    const first = adaptingModels();
    expect(await run(first)).toMatchObject({ embedder: 'fake-adapted/1', added: 2 });
    const idle = adaptingModels();
    expect(await run(idle)).toMatchObject({ embedder: 'fake-adapted/1', unchanged: 2, embedded: 0 });
    expect(idle.loads).toBe(0);
    writeFileSync(join(root, 'cli.md'), '# CLI\n\nPrints JSON and markdown.\n');
    const changed = adaptingModels();
    expect(await run(changed)).toMatchObject({ embedder: 'fake-adapted/1', updated: 1, embedded: 1 });
    expect(changed.loads).toBeGreaterThan(0);
    const pointer = join(collectionFiles(dbPath, 'docs').modelDir, 'current.json');
    writeFileSync(pointer, `${readFileSync(pointer, 'utf8')} `);
    const repointed = adaptingModels();
    expect(await run(repointed)).toMatchObject({ unchanged: 2, embedded: 0 });
    expect(repointed.loads).toBeGreaterThan(0);
    const after = adaptingModels();
    await run(after);
    expect(after.loads).toBe(0);
  });

  it('loads the model again when the vector file is gone, and rebuilds it', async () => {
    rmSync(vectorFile(collectionFiles(dbPath, 'docs').vectorStem, 'fake-adapted/1'));
    const models = adaptingModels();
    expect(await run(models)).toMatchObject({ embedder: 'fake-adapted/1', embedded: 0 });
    expect(models.loads).toBeGreaterThan(0);
    const store = IndexStore.open(dbPath);
    const row = store.getCollection('docs')!;
    expect(store.getCollectionById(row.id)?.pendingVectors).toBe(0);
    expect(store.vectorCountsAround(row.id, 0)).toEqual([0, row.chunks]);
    store.close();
  });
});
