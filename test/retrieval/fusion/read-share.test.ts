import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_RRF } from '../../../src/retrieval/fusion/first-stage.js';
import { bm25Idf, questionStage, readShare } from '../../../src/retrieval/fusion/read-share.js';

const SEED = 20261207;
const convex = (dense: number) => ({
  method: 'convex' as const,
  rrfK: 60,
  bm25Weight: 1 - dense,
  denseWeight: dense,
});

describe('bm25Idf', () => {
  it('is highest for a word no chunk holds and falls as more chunks hold it', () => {
    expect(bm25Idf(0, 100)).toBeCloseTo(Math.log(1 + 100.5 / 0.5));
    expect(bm25Idf(0, 100)).toBeGreaterThan(bm25Idf(1, 100));
    expect(bm25Idf(1, 100)).toBeGreaterThan(bm25Idf(50, 100));
    expect(bm25Idf(100, 100)).toBeGreaterThan(0);
  });
});

describe('readShare', () => {
  const counts = {
    total: 1000,
    counts: new Map([
      ['session', 10],
      ['cookie', 100],
    ]),
  };

  it('is the IDF mass of the words the best hit holds over that of all the question words', () => {
    const share = readShare(['session', 'cookie'], counts, (word) => word === 'session');
    const session = bm25Idf(10, 1000);
    expect(share).toBeCloseTo(session / (session + bm25Idf(100, 1000)));
    expect(share).toBeGreaterThan(0.5);
  });

  it("weighs a word the collection lacks at the collection's highest IDF", () => {
    const share = readShare(['session', 'sessao'], counts, (word) => word === 'session');
    expect(share).toBeCloseTo(bm25Idf(10, 1000) / (bm25Idf(10, 1000) + bm25Idf(0, 1000)));
    expect(share).toBeLessThan(0.5);
  });

  it('counts a repeated word once, and is 1 for a question without words', () => {
    expect(readShare(['session', 'session', 'cookie'], counts, (w) => w === 'cookie')).toBeCloseTo(
      readShare(['session', 'cookie'], counts, (w) => w === 'cookie'),
    );
    expect(readShare([], counts, () => false)).toBe(1);
  });

  it('lies in [0, 1] and is 1 when the best hit holds every word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 4, maxLength: 4 }),
        fc.subarray(['a', 'b', 'c', 'd']),
        (words, found, held) => {
          const table = { total: 50, counts: new Map(['a', 'b', 'c', 'd'].map((w, i) => [w, found[i]!])) };
          const share = readShare(words, table, (w) => held.includes(w));
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1 + 1e-12);
          expect(readShare(words, table, () => true)).toBeCloseTo(1);
        },
      ),
      { seed: SEED },
    );
  });
});

describe('questionStage', () => {
  it('keeps the stage for a question BM25 reads whole', () => {
    const stage = convex(0.1);
    expect(questionStage(stage, 1, 0.5)).toBe(stage);
    expect(questionStage(stage, 0.2, 0)).toBe(stage);
  });

  it('multiplies the BM25 weight by 1 − shift · (1 − read), under either method', () => {
    expect(questionStage(convex(0.5), 0.4, 0.5)).toEqual({ ...convex(0.5), bm25Weight: 0.5 * 0.7 });
    expect(questionStage(PLAIN_RRF, 0, 0.5)).toEqual({ ...PLAIN_RRF, bm25Weight: 0.5 });
  });

  it('leaves BM25 out of a question it cannot read at all when the shift is 1', () => {
    expect(questionStage(convex(0.1), 0, 1).bm25Weight).toBe(0);
  });

  it('never raises the BM25 weight and moves it further the less BM25 reads', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (read, other, shift) => {
          const stage = convex(0.3);
          const moved = questionStage(stage, read, shift);
          expect(moved.bm25Weight).toBeLessThanOrEqual(stage.bm25Weight);
          expect(moved.bm25Weight).toBeGreaterThanOrEqual(0);
          expect(moved.denseWeight).toBe(stage.denseWeight);
          if (other <= read)
            expect(questionStage(stage, other, shift).bm25Weight).toBeLessThanOrEqual(
              moved.bm25Weight + 1e-12,
            );
        },
      ),
      { seed: SEED },
    );
  });
});
