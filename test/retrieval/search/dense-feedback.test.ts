/**
 * Dense feedback: the pure vector update, and the search path over both sparse engines (the in-memory wink
 * index and the FTS5 legs of a stored collection) feeding the same dense leg. A page that shares no word
 * with the question comes up in the dense leg through the words of the page BM25 found, and the explanation
 * names the chunks the question vector moved toward.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { denseFeedbackVector } from '../../../src/retrieval/search/dense-feedback.js';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../../src/retrieval/search/hybrid.js';
import { createFtsLegs } from '../../../src/retrieval/sparse/fts-index.js';
import { createWinkIndex } from '../../../src/retrieval/sparse/wink-index.js';
import type { Chunk, RerankCandidate, Reranker } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder } from '../fakes.js';

const dir = tempDir('dense-feedback-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunkOf = (id: string, text: string): Chunk => ({
  id,
  collection: 'docs',
  source: `${id}.md`,
  component: null,
  headings: [id],
  lines: [1, 1],
  text,
});

describe('denseFeedbackVector', () => {
  const unit = (values: number[]) => Float32Array.from(values);
  const chunks = new Map([
    ['a', chunkOf('a', 'alpha')],
    ['b', chunkOf('b', 'beta')],
  ]);
  const embed = async (texts: readonly string[]) =>
    texts.map((text) => (text.includes('alpha') ? unit([0, 1, 0]) : unit([0, 0, 1])));

  it('moves the question toward the mean vector of the first chunks by the weight, at unit length', async () => {
    const hits = [
      { chunkId: 'a', score: 3 },
      { chunkId: 'b', score: 2 },
    ];
    const fed = await denseFeedbackVector(
      unit([1, 0, 0]),
      hits,
      { chunks: () => chunks, embed },
      {
        chunks: 1,
        weight: 0.5,
      },
    );
    const [x, y, z] = fed.vector;
    expect(x).toBeCloseTo(Math.SQRT1_2, 6);
    expect(y).toBeCloseTo(Math.SQRT1_2, 6);
    expect(z).toBe(0);
    expect(fed.from).toEqual(['a']);
    const both = await denseFeedbackVector(
      unit([1, 0, 0]),
      hits,
      { chunks: () => chunks, embed },
      {
        chunks: 2,
        weight: 0.5,
      },
    );
    const expected = [0.5, 0.25, 0.25].map((v) => v / Math.hypot(0.5, 0.25, 0.25));
    for (const [i, v] of [...both.vector].entries()) expect(v).toBeCloseTo(expected[i]!, 6);
    expect(both.from).toEqual(['a', 'b']);
  });

  it('keeps the question when BM25 found nothing or the weight is 0', async () => {
    const q = unit([1, 0, 0]);
    expect(
      await denseFeedbackVector(q, [], { chunks: () => chunks, embed }, { chunks: 3, weight: 0.5 }),
    ).toEqual({
      vector: q,
      from: [],
    });
    const hits = [{ chunkId: 'a', score: 1 }];
    expect(
      (await denseFeedbackVector(q, hits, { chunks: () => chunks, embed }, { chunks: 3, weight: 0 })).vector,
    ).toBe(q);
  });
});

const PAGES: Record<string, string> = {
  cache: 'The cache drops stale entries by eviction under the recency policy.',
  lru: 'Eviction policy: stale entries go first; recency decides eviction.',
  routing: 'Routes map addresses to handlers and views.',
  logging: 'Log lines go to standard error with a timestamp.',
  deploy: 'Deploy behind a proxy; the proxy terminates encryption.',
};
const CHUNKS = Object.entries(PAGES).map(([id, text]) => chunkOf(id, text));
const byId = new Map(CHUNKS.map((chunk) => [chunk.id, chunk]));

async function denseLeg(): Promise<NonNullable<SearchLegs['dense']>> {
  const embedder = createFakeEmbedder('fake-bow/1', 512);
  const vectors = await embedder.embed(CHUNKS.map((c) => `${c.headings.join(' ')}\n${c.text}`));
  return {
    embedder,
    search: (q, limit) =>
      vectors
        .map((v, i) => ({ chunkId: CHUNKS[i]!.id, score: v.reduce((sum, x, k) => sum + x * q[k]!, 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit),
  };
}

let opened = 0;
/** The FTS5 legs of a stored collection; their chunk ids are row ids, mapped back to the page ids here. */
function storedSparse(): { sparse: SearchLegs['sparse']; close(): void } {
  opened += 1;
  const store = IndexStore.open(join(dir, `index-${opened}.db`));
  const { id } = store.saveCollection('docs', '/docs', 'v');
  store.writeDocuments(
    id,
    CHUNKS.map((chunk) => ({
      source: chunk.source,
      hash: 'h',
      size: 1,
      mtime: 1,
      title: '',
      chunks: [chunk],
    })),
  );
  const legs = createFtsLegs(store, id);
  const pageOf = (rowId: string) =>
    store
      .chunks([Number(rowId)])
      .get(Number(rowId))!
      .source.replace('.md', '');
  return {
    sparse: {
      search: (question, limit) =>
        legs.sparse.search(question, limit).map((hit) => ({ ...hit, chunkId: pageOf(hit.chunkId) })),
    },
    close: () => store.close(),
  };
}

const engines = [
  { name: 'wink (in memory)', open: () => ({ sparse: createWinkIndex(CHUNKS), close() {} }) },
  { name: 'FTS5 (stored)', open: storedSparse },
];

describe.each(engines)('dense feedback in the search path, BM25 by $name', ({ open }) => {
  const request = { question: 'cache', k: 10, mode: 'hybrid' as const, rerank: false, explain: true };
  const { denseFeedback: _shipped, ...unfed } = FUSION_DEFAULTS;

  it('lifts the page without the question word in the dense leg and explains what moved the question', async () => {
    const { sparse, close } = open();
    try {
      const legs: SearchLegs = {
        sparse,
        dense: await denseLeg(),
        reranker: null,
        chunks: (ids) => new Map(ids.map((id) => [id, byId.get(id)!])),
      };
      const dense = async (settings: typeof unfed) => {
        const outcome = await searchLegs(request, legs, settings);
        return { outcome, lru: outcome.results.find((r) => r.source === 'lru.md')!.explain! };
      };
      const before = await dense(unfed);
      const after = await dense(FUSION_DEFAULTS);
      expect(before.lru.dense ?? 0).toBeLessThan(0.05);
      expect(after.lru.dense).toBeGreaterThan(0.2);
      expect(after.lru.ranks['dense']).toBe(2);
      expect(before.outcome.fusion?.denseFeedback).toBeUndefined();
      expect(after.outcome.fusion?.denseFeedback).toEqual({ weight: 0.5, from: ['cache.md > cache'] });
    } finally {
      close();
    }
  });
});

describe('the reranker trained on its own first stage reads the dense leg without feedback', () => {
  /** Records the head it is offered (files and dense evidence) and scores by the fused rank. */
  function recordingReranker(seen: RerankCandidate[][]): Reranker {
    return {
      id: 'recording/1',
      firstStage: { method: 'convex', rrfK: 60, bm25Weight: 0.9, denseWeight: 0.1 },
      score: async (_q, chunks) => chunks.map(() => 0),
      scoreCandidates: async (_q, candidates) => {
        seen.push([...candidates]);
        return candidates.map((c) => -c.evidence.fusedRank);
      },
    };
  }

  it('offers the same head with the same dense evidence whether or not the search fed the dense leg', async () => {
    const { denseFeedback: _shipped, ...unfed } = FUSION_DEFAULTS;
    const seen: RerankCandidate[][] = [];
    const legs: SearchLegs = {
      sparse: createWinkIndex(CHUNKS),
      dense: await denseLeg(),
      reranker: recordingReranker(seen),
      chunks: (ids) => new Map(ids.map((id) => [id, byId.get(id)!])),
    };
    const request = { question: 'cache', k: 10, mode: 'hybrid' as const, rerank: true, explain: true };
    // A blend with the fused order: the search feeds its dense leg, the reranker still reads the unfed one.
    const plain = await searchLegs(request, legs, { ...unfed, rerankShare: 0.5 });
    const fed = await searchLegs(request, legs, { ...FUSION_DEFAULTS, rerankShare: 0.5 });
    const view = (head: RerankCandidate[]) =>
      head.map((c) => [c.chunk.source, c.evidence.legRanks['dense'], c.evidence.legScores['dense']]);
    expect(seen).toHaveLength(2);
    expect(view(seen[1]!)).toEqual(view(seen[0]!));
    // The results still show the fed dense leg's ranks.
    const lru = (outcome: typeof fed) => outcome.results.find((r) => r.source === 'lru.md')!.explain!;
    expect(lru(fed).dense!).toBeGreaterThan(lru(plain).dense ?? 0);
    expect(fed.fusion?.denseFeedback?.from).toEqual(['cache.md > cache']);
  });

  it('skips the feedback when the reranker order alone gives every result', async () => {
    const seen: RerankCandidate[][] = [];
    const embedder = await denseLeg();
    const legs: SearchLegs = {
      sparse: createWinkIndex(CHUNKS),
      dense: embedder,
      reranker: recordingReranker(seen),
      chunks: (ids) => new Map(ids.map((id) => [id, byId.get(id)!])),
    };
    const request = { question: 'cache', k: 10, mode: 'hybrid' as const, rerank: true, explain: true };
    const before = (embedder.embedder as ReturnType<typeof createFakeEmbedder>).texts;
    const outcome = await searchLegs(request, legs, FUSION_DEFAULTS);
    expect(outcome.fusion?.denseFeedback).toBeUndefined();
    expect((embedder.embedder as ReturnType<typeof createFakeEmbedder>).texts - before).toBe(1);
    const unranked = await searchLegs({ ...request, rerank: false }, legs, FUSION_DEFAULTS);
    expect(unranked.fusion?.denseFeedback?.from).toEqual(['cache.md > cache']);
  });
});
