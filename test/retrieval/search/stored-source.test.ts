import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectionFiles } from '../../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import { createStoredSource } from '../../../src/retrieval/search/stored-source.js';
import type { ModelProvider } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeReranker } from '../fakes.js';

describe('stored source: dense leg after a re-index removed documents', () => {
  const tmp = tempDir('stored-source-');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const root = join(tmp, 'docs');
  mkdirSync(root);
  const topics = ['kernels vectors', 'graphs edges', 'tables joins', 'models training', 'profiles traces'];
  for (const [i, topic] of topics.entries())
    writeFileSync(join(root, `${i}.md`), `# ${topic}\n\n${topic} ${topic}.\n`);
  writeFileSync(join(root, 'gone.md'), '# Quantized weights\n\nQuantized weights shrink models.\n');
  const dbPath = join(tmp, 'index.db');
  const models: ModelProvider = {
    embedder: async () => createFakeEmbedder('fake-base/1'),
    reranker: async () => createFakeReranker(),
  };
  const index = async () => {
    const store = IndexStore.open(dbPath);
    try {
      await indexCollection({ name: 'docs', root, store, models, ...collectionFiles(dbPath, 'docs') });
    } finally {
      store.close();
    }
  };

  it('never answers with the vector of a chunk that no longer exists', async () => {
    await index();
    unlinkSync(join(root, 'gone.md'));
    await index();
    const source = createStoredSource({ dbPath, models, noModels: 'no models' });
    try {
      const legs = await source.legs('docs', 'dense', null);
      const [query] = await createFakeEmbedder('fake-base/1').embed(['Quantized weights shrink models']);
      const hits = await legs.dense!.search(query!, 10);
      const live = await legs.chunks(hits.map((hit) => hit.chunkId));
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.filter((hit) => !live.has(hit.chunkId))).toEqual([]);
    } finally {
      await source.close();
    }
  });

  it("tells the reranker each file's size: the characters of its chunks", async () => {
    const source = createStoredSource({ dbPath, models, noModels: 'no models' });
    try {
      const legs = await source.legs('docs', 'hybrid', null);
      const hits = await legs.sparse.search('"graphs"', 10);
      const [chunk] = (await legs.chunks(hits.map((hit) => hit.chunkId))).values();
      const sizes = await legs.fileChars!([chunk!.source, 'gone.md']);
      expect([...sizes]).toEqual([[chunk!.source, chunk!.text.length]]);
    } finally {
      await source.close();
    }
  });
});
