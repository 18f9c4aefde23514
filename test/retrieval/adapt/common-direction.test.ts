import { describe, expect, it } from 'vitest';
import {
  commonDirection,
  MIN_TEXTS,
  removeCommonDirection,
} from '../../../src/retrieval/adapt/common-direction.js';
import { sifWeights } from '../../../src/retrieval/onnx/embedder-graph.js';
import type { WordVectors } from '../../../src/retrieval/wordvec/skipgram.js';

/** Three words over 3 dimensions: every word lies along the first axis, "alpha" and "beta" differ on the second. */
function vectorsOf(rows: number[][]): WordVectors {
  const words = ['how', 'alpha', 'beta'];
  return {
    words,
    counts: Float64Array.from([100, 1, 1]),
    dim: 3,
    input: Float32Array.from(rows.flat()),
    output: new Float32Array(9),
  };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
};

describe('commonDirection', () => {
  it('finds the axis that rows share, whatever their sign elsewhere', () => {
    const rows = [
      [1, 0.3, 0],
      [1, -0.3, 0],
      [1, 0, 0.2],
      [1, 0, -0.2],
    ].map((row) => Float64Array.from(row));
    const u = commonDirection(rows, 3)!;
    expect(Math.abs(u[0]!)).toBeCloseTo(1, 6);
    expect(Math.hypot(...u)).toBeCloseTo(1, 9);
  });

  it('is null when no row has a direction', () => {
    expect(commonDirection([new Float64Array(2)], 2)).toBeNull();
    expect(commonDirection([], 2)).toBeNull();
  });
});

describe('removeCommonDirection', () => {
  const vectors = vectorsOf([
    [2, 0, 0],
    [1, 1, 0.5],
    [1, -1, 0.5],
  ]);
  // Symmetric in alpha and beta, so the shared direction is what they have in common.
  const texts = Array.from(
    { length: MIN_TEXTS },
    (_, i) => ['how alpha', 'how beta', 'alpha', 'beta'][i % 4]!,
  );

  it('projects every word row off the direction the texts share, leaving the rest', () => {
    const removed = removeCommonDirection(vectors, texts);
    const rows = [0, 1, 2].map((w) => removed.input.subarray(3 * w, 3 * w + 3));
    // What the texts share outweighs what tells them apart, and "how" carries less of a text than before.
    const u = [0, 1, 2].map((k) => vectors.input[k]! - rows[0]![k]!);
    expect(Math.abs(u[1]!)).toBeLessThan(1e-6);
    expect(Math.hypot(...rows[0]!)).toBeLessThan(Math.hypot(...vectors.input.subarray(0, 3)) / 2);
    // What tells "alpha" from "beta" is kept.
    expect(dot(rows[1]!, rows[2]!)).toBeLessThan(
      dot(vectors.input.subarray(3, 6), vectors.input.subarray(6, 9)),
    );
    expect(Math.hypot(...rows[1]!)).toBeGreaterThan(0.9);
    expect(removed.words).toBe(vectors.words);
    expect(removed.counts).toBe(vectors.counts);
  });

  it('gives pooled text vectors orthogonal to the direction, as pooling the projected rows', () => {
    const removed = removeCommonDirection(vectors, texts);
    const weights = sifWeights(removed.counts);
    const pooled = (ids: number[]) =>
      [0, 1, 2].map((k) => ids.reduce((sum, id) => sum + weights[id]! * removed.input[3 * id + k]!, 0));
    const a = pooled([0, 1]);
    const b = pooled([0, 2]);
    expect(dot(a, b) / (Math.hypot(...a) * Math.hypot(...b))).toBeLessThan(0.1);
  });

  it('leaves the vectors as they are when the texts have no known word', () => {
    expect(removeCommonDirection(vectors, Array(MIN_TEXTS).fill('nothing known'))).toBe(vectors);
  });

  it('leaves the vectors of a collection of a handful of texts as they are', () => {
    expect(removeCommonDirection(vectors, texts.slice(0, MIN_TEXTS - 1))).toBe(vectors);
  });

  it('does not change the vectors it is given', () => {
    const before = Float32Array.from(vectors.input);
    removeCommonDirection(vectors, texts);
    expect(vectors.input).toEqual(before);
  });
});
