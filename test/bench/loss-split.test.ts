import { describe, expect, it } from 'vitest';
import { splitLoss } from '../../bench/retrieval/loss-split.js';

const parts = (l: ReturnType<typeof splitLoss>) => l.recall + l.ungraded + l.graded;

describe('splitLoss', () => {
  it('finds no loss in an ideal order', () => {
    const split = splitLoss(['a', 'b', 'x'], ['a', 'b', 'x'], { a: 2, b: 1 });
    expect(split).toMatchObject({ loss: 0, recall: 0, ungraded: 0, graded: 0, above: [] });
  });

  it('charges a graded file the head never held to recall', () => {
    const split = splitLoss(['a', 'x'], ['a', 'x'], { a: 2, b: 1 });
    expect(split.recall).toBeCloseTo(split.loss, 12);
    expect(split.loss).toBeGreaterThan(0.2);
    expect(split.ungraded).toBe(0);
    expect(split.graded).toBeCloseTo(0, 12);
  });

  it('charges an ungraded file above the answer to the ungraded part and names it', () => {
    const split = splitLoss(['x', 'a'], ['x', 'a'], { a: 2 });
    expect(split.ungraded).toBeCloseTo(1 - 1 / Math.log2(3), 12);
    expect(split.recall).toBe(0);
    expect(split.above).toEqual([{ file: 'x', grade: 0 }]);
  });

  it('charges a grade-1 file above the grade-2 file to the graded order', () => {
    const split = splitLoss(['b', 'a'], ['b', 'a'], { a: 2, b: 1 });
    expect(split.graded).toBeCloseTo(split.loss, 12);
    expect(split.above).toEqual([{ file: 'b', grade: 1 }]);
  });

  it('splits a mixed loss into parts that sum to the loss', () => {
    const split = splitLoss(['x', 'c', 'a', 'y'], ['x', 'c', 'a', 'y', 'z'], { a: 2, b: 2, c: 1 });
    expect(split.recall).toBeGreaterThan(0);
    expect(split.ungraded).toBeGreaterThan(0);
    expect(split.graded).toBeGreaterThan(0);
    expect(parts(split)).toBeCloseTo(split.loss, 12);
  });

  it('counts a graded file a blended order shows from outside the head as reached', () => {
    const split = splitLoss(['a', 'b'], ['a'], { a: 2, b: 1 });
    expect(split).toMatchObject({ loss: 0, recall: 0, ungraded: 0, graded: 0 });
  });
});
