import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseConvex } from '../../../src/retrieval/fusion/convex.js';

const SEED = 20261125;
const hitList = fc
  .uniqueArray(fc.integer({ min: 0, max: 30 }).map(String), { maxLength: 15 })
  .chain((ids) =>
    fc
      .array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: ids.length, maxLength: ids.length })
      .map((scores) =>
        ids.map((chunkId, i) => ({ chunkId, score: scores[i]! })).sort((a, b) => b.score - a.score),
      ),
  );

describe('fuseConvex', () => {
  it('adds each list share times its min-max normalised score', () => {
    const fused = fuseConvex([
      {
        name: 'bm25',
        hits: [
          { chunkId: 'x', score: 12 },
          { chunkId: 'y', score: 7 },
          { chunkId: 'z', score: 2 },
        ],
        weight: 0.9,
      },
      {
        name: 'dense',
        hits: [
          { chunkId: 'z', score: 0.8 },
          { chunkId: 'y', score: 0.4 },
        ],
        weight: 0.1,
      },
    ]);
    expect(fused.map((item) => item.id)).toEqual(['x', 'y', 'z']);
    expect(fused[1]!.score).toBeCloseTo(0.9 * 0.5);
    expect(fused[2]!.score).toBeCloseTo(0.1);
    expect(fused[2]!.ranks).toEqual({ bm25: 3, dense: 1 });
  });

  it('lets a weak leg reorder only what the strong leg left close together', () => {
    const bm25 = [
      { chunkId: 'a', score: 10 },
      { chunkId: 'b', score: 9.9 },
      { chunkId: 'c', score: 1 },
    ];
    const dense = [
      { chunkId: 'c', score: 0.9 },
      { chunkId: 'b', score: 0.8 },
      { chunkId: 'a', score: 0.1 },
    ];
    const fused = fuseConvex([
      { name: 'bm25', hits: bm25, weight: 0.9 },
      { name: 'dense', hits: dense, weight: 0.1 },
    ]);
    expect(fused.map((item) => item.id)).toEqual(['b', 'a', 'c']);
  });

  it('gives 1 to the hits of a list whose scores are all equal, and ignores lists with weight 0', () => {
    const fused = fuseConvex([
      { name: 'bm25', hits: [{ chunkId: 'only', score: 3 }], weight: 1 },
      { name: 'dense', hits: [{ chunkId: 'off', score: 1 }], weight: 0 },
    ]);
    expect(fused).toEqual([{ id: 'only', score: 1, ranks: { bm25: 1 } }]);
  });

  it('returns the union of the lists, each id once, scores descending and within [0, 1]', () => {
    fc.assert(
      fc.property(hitList, hitList, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (a, b, share) => {
        const fused = fuseConvex([
          { name: 'a', hits: a, weight: 1 - share },
          { name: 'b', hits: b, weight: share },
        ]);
        const ids = new Set([...a, ...b].map((hit) => hit.chunkId));
        expect(new Set(fused.map((item) => item.id))).toEqual(ids);
        expect(fused).toHaveLength(ids.size);
        for (const [i, item] of fused.entries()) {
          expect(item.score).toBeGreaterThanOrEqual(-1e-12);
          expect(item.score).toBeLessThanOrEqual(1 + 1e-12);
          if (i > 0) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(item.score);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
