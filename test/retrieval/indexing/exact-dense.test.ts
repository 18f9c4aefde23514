import { describe, expect, it } from 'vitest';
import { EXACT_MAX, exactDense } from '../../../src/retrieval/indexing/exact-dense.js';
import type { DenseSearch } from '../../../src/retrieval/search/hybrid.js';

const approximate: DenseSearch = {
  embedder: { id: 'e', dimension: 2 } as DenseSearch['embedder'],
  search: () => [{ chunkId: 'approximate', score: 1 }],
};

const reader = (vectors: Array<[number, number[]]>, count = vectors.length) => ({
  vectorCount: async () => count,
  allVectors: async () => new Map(vectors.map(([id, v]) => [id, Float32Array.from(v)])),
});

describe('exactDense', () => {
  it('ranks every stored vector by its dot product with the question, ties by chunk id', async () => {
    const dense = await exactDense(
      approximate,
      reader([
        [9, [0, 1]],
        [4, [0.6, 0.8]],
        [7, [1, 0]],
        [2, [0, 1]],
      ]),
    );
    expect(dense.embedder).toBe(approximate.embedder);
    const hits = await dense.search(Float32Array.from([0, 1]), 3);
    expect(hits.map((hit) => hit.chunkId)).toEqual(['2', '9', '4']);
    expect(hits[2]!.score).toBeCloseTo(0.8, 6);
  });

  it('hands out the stored vectors it searches (the feedback calibration gives the dense leg reads them)', async () => {
    const dense = await exactDense(
      approximate,
      reader([
        [4, [0.6, 0.8]],
        [7, [1, 0]],
      ]),
    );
    const vectors = await dense.vectors!(['7', '5']);
    expect([...vectors.keys()]).toEqual(['7']);
    expect([...vectors.get('7')!]).toEqual([1, 0]);
  });

  it('keeps the leg’s own search beyond EXACT_MAX vectors', async () => {
    const dense = await exactDense(approximate, reader([[1, [1, 0]]], EXACT_MAX + 1));
    expect(dense).toBe(approximate);
  });
});
