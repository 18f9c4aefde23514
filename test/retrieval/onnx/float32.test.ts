import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/lib/random.js';
import { dot32, fusedProducts } from '../../../src/retrieval/onnx/float32.js';

/** Each entry of fusedProducts as dot32 sums it in the `fused` order, one pair at a time. */
function pairByPair(a: Float32Array, rows: number, length: number, b: Float32Array, count: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let q = 0; q < count; q++)
      out.push(Math.fround(dot32(a, r * length, b, q * length, 1, length, 'fused')));
  return out;
}

describe('fusedProducts', () => {
  it('gives the bits of dot32 in the fused order for every pair (seeded)', () => {
    const next = createRandom(20261206);
    for (const [rows, length, count] of [
      [1, 1, 1],
      [3, 7, 2],
      [40, 224, 11],
      [17, 96, 5],
    ] as const) {
      const a = Float32Array.from(
        { length: rows * length },
        () => (next() - 0.5) * (next() < 0.1 ? 1e-3 : 1),
      );
      const b = Float32Array.from({ length: count * length }, () => next() - 0.5);
      const mine = Array.from(fusedProducts(a, rows, length, b, count));
      expect(mine).toEqual(pairByPair(a, rows, length, b, count));
    }
  });

  it('rounds a sum that lands halfway between two floats only once, as a fused multiply-add does', () => {
    // 2^-30·2^-30 then (1 + 2^-12)²: the double sum 1 + 2^-11 + 2^-24 is a float32 midpoint, the exact one
    // is above it (by 2^-60) and below it for the negated term.
    const a = 1 + 2 ** -12;
    const rows = Float32Array.from([2 ** -30, a, -(2 ** -30), a]);
    const terms = Float32Array.from([2 ** -30, a, 0, a]);
    expect(Array.from(fusedProducts(rows, 2, 2, terms, 2))).toEqual([
      1 + 2 ** -11 + 2 ** -23,
      1 + 2 ** -11,
      1 + 2 ** -11,
      1 + 2 ** -11,
    ]);
    expect(Array.from(fusedProducts(rows, 2, 2, terms, 2))).toEqual(pairByPair(rows, 2, 2, terms, 2));
  });

  it('agrees with fma32 step by step on floats of every magnitude and on sums that land halfway', () => {
    const next = createRandom(7);
    const bits = new Int32Array(1);
    const float = new Float32Array(bits.buffer);
    const anyFloat = () => {
      do bits[0] = Math.floor(next() * 2 ** 32) | 0;
      while (!Number.isFinite(float[0]!) || Math.abs(float[0]!) > 1e18 || Math.abs(float[0]!) < 1e-30);
      return float[0]!;
    };
    const wide = Float32Array.from({ length: 3000 * 3 }, anyFloat);
    const terms = Float32Array.from({ length: 2 * 3 }, anyFloat);
    expect(Array.from(fusedProducts(wide, 3000, 3, terms, 2))).toEqual(pairByPair(wide, 3000, 3, terms, 2));
    // A tiny first product, then (1 + odd·2^-12)²-like products: 25-bit sums, each a float halfway case
    // that the tiny part decides (up or down about as often), which double rounding alone gets wrong.
    const tiny = () => Math.fround((next() < 0.5 ? 1 : -1) * 2 ** -(28 + Math.floor(next() * 6)));
    const odd = () => Math.fround(1 + (2 * Math.floor(next() * 2 ** 10) + 1) * 2 ** -12);
    const halfway = (n: number) =>
      Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? tiny() : odd()));
    const rows = halfway(3000);
    const questions = halfway(2);
    expect(Array.from(fusedProducts(rows, 3000, 2, questions, 2))).toEqual(
      pairByPair(rows, 3000, 2, questions, 2),
    );
    // Vectors are taken two at a time: an odd count's last vector goes alone.
    for (const count of [1, 3, 5]) {
      const several = halfway(count);
      expect(Array.from(fusedProducts(rows, 3000, 2, several, count))).toEqual(
        pairByPair(rows, 3000, 2, several, count),
      );
    }
  });
});
