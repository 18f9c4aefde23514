/**
 * Dense feedback reads the feedback chunks' vectors as their collection stores them (the SQLite chunk rows,
 * the specs collection's vectors in memory) and embeds a chunk's text only when no vector is stored for it;
 * either way the search gives the same results.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectionFiles, indexedText } from '../../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import { denseFeedbackVector } from '../../../src/retrieval/search/dense-feedback.js';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../../src/retrieval/search/hybrid.js';
import {
  createMemoryDense,
  embedChunks,
  loadMemoryCollection,
} from '../../../src/retrieval/search/memory-collection.js';
import { createStoredSource } from '../../../src/retrieval/search/stored-source.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeModels } from '../fakes.js';

const tmp = tempDir('dense-feedback-stored-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('denseFeedbackVector with stored vectors', () => {
  const chunk = (id: string, text: string): Chunk => ({
    id,
    collection: 'docs',
    source: `${id}.md`,
    component: null,
    headings: ['Guide', id],
    lines: [1, 1],
    text,
  });
  const chunks = new Map([
    ['a', chunk('a', 'alpha')],
    ['b', chunk('b', 'beta')],
  ]);
  const hits = [
    { chunkId: 'a', score: 3 },
    { chunkId: 'b', score: 2 },
  ];
  const q = Float32Array.from([1, 0, 0]);

  it('reads stored vectors and embeds nothing when every feedback chunk has one', async () => {
    const embedded: string[] = [];
    const fed = await denseFeedbackVector(
      q,
      hits,
      {
        stored: (ids) =>
          new Map(ids.map((id) => [id, Float32Array.from(id === 'a' ? [0, 1, 0] : [0, 0, 1])])),
        chunks: () => chunks,
        embed: async (texts) => {
          embedded.push(...texts);
          return texts.map(() => Float32Array.from([1, 1, 1]));
        },
      },
      { chunks: 2, weight: 0.5 },
    );
    expect(embedded).toEqual([]);
    const expected = [0.5, 0.25, 0.25].map((v) => v / Math.hypot(0.5, 0.25, 0.25));
    for (const [i, v] of [...fed.vector].entries()) expect(v).toBeCloseTo(expected[i]!, 6);
    expect(fed.from).toEqual(['a', 'b']);
  });

  it('embeds only the chunks without a stored vector, as indexing embeds them, and keeps the BM25 order', async () => {
    const embedded: string[] = [];
    const fed = await denseFeedbackVector(
      q,
      hits,
      {
        stored: (ids) =>
          new Map(ids.filter((id) => id === 'b').map((id) => [id, Float32Array.from([0, 0, 1])])),
        chunks: () => chunks,
        embed: async (texts) => {
          embedded.push(...texts);
          return texts.map(() => Float32Array.from([0, 1, 0]));
        },
      },
      { chunks: 2, weight: 0.5 },
    );
    expect(embedded).toEqual([indexedText(['Guide', 'a'], 'alpha')]);
    expect(fed.from).toEqual(['a', 'b']);
    expect(fed.vector[1]).toBeCloseTo(fed.vector[2]!, 6);
  });
});

describe('dense feedback over a stored (SQLite) collection', () => {
  const root = join(tmp, 'docs');
  mkdirSync(root);
  const pages: Record<string, string> = {
    cache: '# Cache\n\nThe cache drops stale entries by eviction under the recency policy.\n',
    lru: '# Eviction\n\nEviction policy: stale entries go first; recency decides eviction.\n',
    routing: '# Routing\n\nRoutes map addresses to handlers and views.\n',
    logging: '# Logging\n\nLog lines go to standard error with a timestamp.\n',
    deploy: '# Deploy\n\nDeploy behind a proxy; the proxy terminates encryption.\n',
  };
  for (const [name, text] of Object.entries(pages)) writeFileSync(join(root, `${name}.md`), text);
  const dbPath = join(tmp, 'index.db');
  const embedder = createFakeEmbedder('fake-stored/1', 256);
  const models = createFakeModels(embedder);
  const request = { question: 'cache', k: 10, mode: 'hybrid' as const, rerank: false, explain: true };

  it('embeds only the question and answers as re-embedding the feedback chunks would', async () => {
    const store = IndexStore.open(dbPath);
    try {
      await indexCollection({ name: 'docs', root, store, models, ...collectionFiles(dbPath, 'docs') });
    } finally {
      store.close();
    }
    const source = createStoredSource({ dbPath, models, noModels: 'no models' });
    try {
      const legs = await source.legs('docs', 'hybrid', null);
      const before = embedder.texts;
      const stored = await searchLegs(request, legs, FUSION_DEFAULTS);
      expect(embedder.texts - before).toBe(1);
      expect(stored.fusion?.denseFeedback?.from).toEqual(['cache.md > Cache']);
      const { vectors: _stored, ...dense } = legs.dense!;
      const reembedding: SearchLegs = { ...legs, dense };
      const again = embedder.texts;
      const embedded = await searchLegs(request, reembedding, FUSION_DEFAULTS);
      expect(embedder.texts - again).toBe(2);
      expect(embedded).toEqual(stored);
    } finally {
      await source.close();
    }
  });

  it("never reads vectors as another embedder's", async () => {
    const store = IndexStore.open(dbPath, { readOnly: true });
    try {
      const id = store.getCollection('docs')!.id;
      const all = store.vectorIds(id);
      expect(store.vectorsOf(id, 'fake-stored/1', all).size).toBe(all.length);
      expect([...store.vectorsOf(id, 'fake-stored/1', all)]).toEqual([...store.vectors(all)]);
      expect(store.vectorsOf(id, 'another/1', all).size).toBe(0);
      expect(store.vectorsOf(id + 1, 'fake-stored/1', all).size).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('dense feedback over an in-memory collection', () => {
  it('offers the vectors it searches, by chunk id', async () => {
    const root = join(tmp, 'specs');
    mkdirSync(root);
    writeFileSync(join(root, 'a.md'), '# Kernels\n\nSIMD kernels pick a backend.\n');
    writeFileSync(join(root, 'b.md'), '# Graphs\n\nGraphs hold edges.\n');
    const collection = loadMemoryCollection('specs', root);
    const embedder = createFakeEmbedder('fake-memory/1', 64);
    const dense = await createMemoryDense(collection, embedder);
    const ids = [...collection.chunks.keys()];
    const expected = await embedChunks(collection, embedder);
    const read = await dense.vectors!([...ids, 'unknown']);
    expect([...read.keys()]).toEqual(ids);
    for (const [i, id] of ids.entries()) expect(read.get(id)).toEqual(expected[i]);
  });
});
