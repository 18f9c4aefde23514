import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bm25Term } from '../../src/text/bm25.js';

describe('bm25Term', () => {
  it('matches a hand-computed value', () => {
    const idf = Math.log(1 + (10 - 2 + 0.5) / (2 + 0.5));
    const expected = (idf * (3 * 2.2)) / (3 + 1.2 * (1 - 0.75 + (0.75 * 20) / 10));
    expect(bm25Term(3, 2, 10, 20, 10)).toBeCloseTo(expected, 12);
  });

  it('rises with term frequency, falls with document frequency and length, never negative', () => {
    const small = fc.integer({ min: 1, max: 50 });
    fc.assert(
      fc.property(small, small, small, (tf, df, len) => {
        const n = 100;
        expect(bm25Term(tf + 1, df, n, len, 20)).toBeGreaterThan(bm25Term(tf, df, n, len, 20));
        expect(bm25Term(tf, df + 1, n, len, 20)).toBeLessThan(bm25Term(tf, df, n, len, 20));
        expect(bm25Term(tf, df, n, len + 5, 20)).toBeLessThan(bm25Term(tf, df, n, len, 20));
        expect(bm25Term(tf, n, n, len, 20)).toBeGreaterThanOrEqual(0);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('is 0 for an absent term', () => {
    expect(bm25Term(0, 3, 10, 5, 5)).toBe(0);
  });
});
