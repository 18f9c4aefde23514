import { describe, expect, it } from 'vitest';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../../src/retrieval/search/hybrid.js';
import type { Chunk, RerankCandidate, Reranker } from '../../../src/retrieval/types.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { createFakeEmbedder } from '../fakes.js';
import { chunk } from '../rerank/file-fixtures.js';

const CHUNKS: Chunk[] = [
  chunk('a.md', 0, 'x'),
  chunk('a.md', 1, 'y'),
  chunk('b.md', 0, 'z'),
  chunk('c.md', 0, 'w'),
];

function legs(reranker: Reranker): SearchLegs {
  const byId = new Map(CHUNKS.map((c) => [c.id, c]));
  const hits = ['a.md#0', 'b.md#0', 'a.md#1', 'c.md#0'].map((chunkId, i) => ({ chunkId, score: 10 - i }));
  return {
    sparse: { search: () => hits },
    dense: null,
    reranker,
    chunks: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
}

describe('searchLegs with a file-level reranker', () => {
  it('offers whole files with their evidence and keeps the reranker order', async () => {
    const seen: RerankCandidate[][] = [];
    const reranker: Reranker = {
      id: 'fake',
      score: async () => {
        throw new Error('score must not be called when scoreCandidates exists');
      },
      scoreCandidates: async (_q, head) => {
        seen.push([...head]);
        return head.map((c) => (c.chunk.source === 'c.md' ? 3 : c.chunk.source === 'b.md' ? 2 : 1));
      },
    };
    const request = { question: 'q', k: 3, mode: 'bm25' as const, rerank: true, explain: true };
    const outcome = await searchLegs(request, legs(reranker), FUSION_DEFAULTS);
    expect(outcome.reranked).toBe(true);
    expect(outcome.results.map((r) => r.source)).toEqual(['c.md', 'b.md', 'a.md']);
    expect(outcome.results[0]!.explain!.ranks['rerank']).toBe(1);
    expect(outcome.results[0]!.explain!.rerank).toBe(3);
    // Scores are the softmax of the reranker's scores 3, 2, 1 over the files it read.
    const total = Math.exp(3) + Math.exp(2) + Math.exp(1);
    const expected = [3, 2, 1].map((s) => Math.exp(s) / total);
    for (const [i, result] of outcome.results.entries()) expect(result.score).toBeCloseTo(expected[i]!, 6);
    const [head] = seen;
    expect(head!.map((c) => c.chunk.source)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(head![0]!.others.map((c) => c.id)).toEqual(['a.md#1']);
    expect(head![0]!.evidence).toMatchObject({
      fusedRank: 1,
      chunksInPool: 2,
      legRanks: { bm25: 1 },
      legScores: { bm25: 10 },
    });
    expect(head![0]!.evidence.fusedSum).toBeGreaterThan(head![0]!.evidence.fusedScore);
    const off = await searchLegs({ ...request, rerank: false }, legs(reranker), FUSION_DEFAULTS);
    expect(off.reranked).toBe(false);
    expect(off.results.map((r) => r.source)).toEqual(['a.md', 'b.md', 'c.md']);
  });

  it("hands the reranker the dense leg's embedder and the collection's file sizes", async () => {
    const vocabulary = featureVocabulary(['x'], Float64Array.from([1]), 1, Float32Array.from([1]));
    const given: unknown[] = [];
    const sizes: Array<Array<number | undefined>> = [];
    const reranker: Reranker = {
      id: 'fake',
      score: async (_q, chunks) => chunks.map(() => 0),
      scoreCandidates: async (_q, head, embedder) => {
        given.push(embedder);
        sizes.push(head.map((c) => c.evidence.fileChars));
        return head.map(() => 0);
      },
    };
    const embedder = { ...createFakeEmbedder(), vocabulary: () => vocabulary };
    const dense = { embedder, search: () => [{ chunkId: 'b.md#0', score: 0.9 }] };
    const request = { question: 'q', k: 3, mode: 'hybrid' as const, rerank: true, explain: false };
    const fileChars = (sources: readonly string[]) => new Map(sources.map((s) => [s, s.length * 10]));
    await searchLegs(request, { ...legs(reranker), dense, fileChars }, FUSION_DEFAULTS);
    await searchLegs(request, legs(reranker), FUSION_DEFAULTS);
    expect(given).toEqual([embedder, undefined]);
    expect(sizes[0]!.length).toBeGreaterThan(0);
    expect(sizes[0]!.every((size) => size === 40)).toBe(true);
    expect(sizes[1]!.every((size) => size === undefined)).toBe(true);
  });
});
