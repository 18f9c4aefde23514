import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, mrrAt, ndcgAt, pairedPermutationTest, recallAt } from '../../bench/lib/metrics.js';
import { createRandom } from '../../bench/lib/random.js';

const FC = { seed: 4242, numRuns: 200 };
const files = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'), {
  maxLength: 12,
});
const judgements = fc.dictionary(
  fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y'),
  fc.integer({ min: 0, max: 2 }),
);

describe('ndcgAt', () => {
  it('is 1 for the ideal order and uses linear graded gains', () => {
    expect(ndcgAt(['a', 'b'], { a: 2, b: 1 })).toBeCloseTo(1, 12);
    // swapped: (1 + 2/log2 3) / (2 + 1/log2 3)
    const swapped = (1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3));
    expect(ndcgAt(['b', 'a'], { a: 2, b: 1 })).toBeCloseTo(swapped, 12);
  });

  it('ignores files after the cut-off and unjudged files', () => {
    const ranked = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'a'];
    expect(ndcgAt(ranked, { a: 2 })).toBe(0);
    expect(ndcgAt(ranked, { a: 2 }, 11)).toBeGreaterThan(0);
  });

  it('is 0 when nothing is relevant', () => {
    expect(ndcgAt(['a'], { a: 0 })).toBe(0);
    expect(ndcgAt([], {})).toBe(0);
  });

  it('stays within [0, 1] and reaches 1 on the grade-sorted judged files', () => {
    fc.assert(
      fc.property(files, judgements, (ranked, judged) => {
        const value = ndcgAt(ranked, judged);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-12);
        const ideal = Object.keys(judged)
          .filter((file) => (judged[file] ?? 0) > 0)
          .sort((x, y) => (judged[y] ?? 0) - (judged[x] ?? 0));
        if (ideal.length > 0) expect(ndcgAt(ideal, judged)).toBeCloseTo(1, 12);
      }),
      FC,
    );
  });
});

describe('mrrAt and recallAt', () => {
  it('score the first relevant rank and the share of relevant files found', () => {
    expect(mrrAt(['x', 'y', 'a'], { a: 1 })).toBeCloseTo(1 / 3, 12);
    expect(mrrAt(['x'], { a: 1 })).toBe(0);
    expect(recallAt(['a', 'x'], { a: 2, b: 1, c: 0 })).toBe(0.5);
    expect(recallAt(['a'], { c: 0 })).toBe(0);
  });

  it('stay within [0, 1]', () => {
    fc.assert(
      fc.property(files, judgements, (ranked, judged) => {
        for (const value of [mrrAt(ranked, judged), recallAt(ranked, judged)]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
      FC,
    );
  });
});

describe('pairedPermutationTest', () => {
  it('gives p = 1 for identical rankers and p = 1 on no questions', () => {
    expect(pairedPermutationTest([0.2, 0.5, 0.9], [0.2, 0.5, 0.9]).p).toBe(1);
    expect(pairedPermutationTest([], []).p).toBe(1);
  });

  it('finds a consistent difference significant and is repeatable for a seed', () => {
    const random = createRandom(7);
    const b = Array.from({ length: 40 }, () => random() * 0.5);
    const a = b.map((value) => value + 0.3);
    const result = pairedPermutationTest(a, b, { seed: 3, rounds: 2000 });
    expect(result.difference).toBeCloseTo(0.3, 12);
    expect(result.p).toBeLessThan(0.01);
    expect(pairedPermutationTest(a, b, { seed: 3, rounds: 2000 })).toEqual(result);
  });

  it('does not call noise significant (symmetric differences)', () => {
    const a = [0.5, 0.1, 0.7, 0.3, 0.6, 0.2];
    const b = [0.1, 0.5, 0.3, 0.7, 0.2, 0.6];
    expect(pairedPermutationTest(a, b, { seed: 1 }).p).toBeGreaterThan(0.5);
  });

  it('is symmetric in its arguments and p stays in (0, 1]', () => {
    const scores = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(scores, scores, (x, y) => {
        const n = Math.min(x.length, y.length);
        const a = x.slice(0, n);
        const b = y.slice(0, n);
        const ab = pairedPermutationTest(a, b, { seed: 9, rounds: 300 });
        const ba = pairedPermutationTest(b, a, { seed: 9, rounds: 300 });
        expect(ab.p).toBeCloseTo(ba.p, 12);
        expect(ab.p).toBeGreaterThan(0);
        expect(ab.p).toBeLessThanOrEqual(1);
      }),
      { seed: 11, numRuns: 50 },
    );
  });

  it('rejects unpaired inputs', () => {
    expect(() => pairedPermutationTest([1], [1, 2])).toThrow(RangeError);
  });

  it('mean of an empty list is 0', () => {
    expect(mean([])).toBe(0);
  });
});
