/**
 * RM3 feedback in the search path over both sparse engines: the in-memory wink index and the FTS5 legs of
 * a stored collection. A page that shares no word with the question is found through the words of the
 * pages the question does match, and the explanation lists those words.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rm3Use } from '../../../src/retrieval/search/feedback-pass.js';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../../src/retrieval/search/hybrid.js';
import { createFtsLegs } from '../../../src/retrieval/sparse/fts-index.js';
import { createWinkIndex } from '../../../src/retrieval/sparse/wink-index.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';

const dir = tempDir('feedback-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAGES: Record<string, string> = {
  'cache.md': 'The cache drops stale entries by eviction; eviction follows the recency policy.',
  'cache-size.md': 'Cache size limits: eviction of entries starts when the cache is full (recency policy).',
  'lru.md': 'Eviction policy: the least recently used entries go first; recency decides eviction.',
  'routing.md': 'Routes map addresses to handlers and views.',
  'logging.md': 'Log lines go to standard error with a timestamp.',
  'deploy.md': 'Deploy behind a proxy; the proxy terminates encryption.',
};

const chunkOf = (source: string): Chunk => ({
  id: source,
  collection: 'docs',
  source,
  component: null,
  headings: [],
  lines: [1, 1],
  text: PAGES[source]!,
});

let opened = 0;

const RM3: Rm3Use = { feedbackChunks: 2, terms: 5, questionWeight: 0.5, how: 'replace', weight: 1 };

function storedLegs(): { legs: SearchLegs['sparse']; chunks: SearchLegs['chunks']; close(): void } {
  opened += 1;
  const store = IndexStore.open(join(dir, `index-${opened}.db`));
  const { id } = store.saveCollection('docs', '/docs', 'v');
  store.writeDocuments(
    id,
    Object.keys(PAGES).map((source) => ({
      source,
      hash: 'h',
      size: 1,
      mtime: 1,
      title: '',
      chunks: [chunkOf(source)],
    })),
  );
  const bySource = (ids: readonly string[]) => {
    const rows = store.chunks(ids.map(Number));
    return new Map(ids.map((chunkId) => [chunkId, { ...rows.get(Number(chunkId))!, id: chunkId }]));
  };
  return { legs: createFtsLegs(store, id).sparse, chunks: bySource, close: () => store.close() };
}

const engines: Array<{ name: string; open(): { legs: SearchLegs; close(): void } }> = [
  {
    name: 'wink (in memory)',
    open() {
      const chunks = Object.keys(PAGES).map(chunkOf);
      const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
      return {
        legs: {
          sparse: createWinkIndex(chunks),
          dense: null,
          reranker: null,
          chunks: (ids) => new Map(ids.map((chunkId) => [chunkId, byId.get(chunkId)!])),
        },
        close() {},
      };
    },
  },
  {
    name: 'FTS5 (stored)',
    open() {
      const stored = storedLegs();
      return {
        legs: { sparse: stored.legs, dense: null, reranker: null, chunks: stored.chunks },
        close: stored.close,
      };
    },
  },
];

describe.each(engines)('RM3 feedback over $name', ({ open }) => {
  const request = { question: 'cache', k: 10, mode: 'bm25' as const, rerank: false, explain: true };

  it('finds the page without the question word through the feedback words, and explains them', async () => {
    const { legs, close } = open();
    try {
      const plain = await searchLegs(request, legs, FUSION_DEFAULTS);
      expect(plain.results.map((r) => r.source).sort()).toEqual(['cache-size.md', 'cache.md']);
      expect(plain.fusion?.expansion).toBeUndefined();
      const fed = await searchLegs(request, legs, { ...FUSION_DEFAULTS, rm3: RM3 });
      const sources = fed.results.map((r) => r.source);
      expect(sources).toContain('lru.md');
      expect(sources.slice(0, 2).sort()).toEqual(['cache-size.md', 'cache.md']);
      expect(sources).not.toContain('routing.md');
      const added = fed.fusion?.expansion?.added.map((term) => term.word) ?? [];
      expect(fed.fusion?.expansion?.how).toBe('replace');
      expect(added).toContain('eviction');
      expect(added).not.toContain('cache');
    } finally {
      close();
    }
  });

  it('fused as a third list, keeps the first pass and adds the feedback pass beside it', async () => {
    const { legs, close } = open();
    try {
      const fed = await searchLegs(request, legs, { ...FUSION_DEFAULTS, rm3: { ...RM3, how: 'fuse' } });
      const lru = fed.results.find((r) => r.source === 'lru.md');
      expect(lru?.explain?.ranks).toHaveProperty('rm3');
      expect(lru?.explain?.ranks).not.toHaveProperty('bm25');
      expect(fed.fusion?.expansion?.how).toBe('fuse');
    } finally {
      close();
    }
  });
});
