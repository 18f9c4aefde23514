/**
 * Float32 arithmetic as onnxruntime's CPU kernels (MLAS) do it, so a small graph can be computed in
 * JavaScript with the same bits: a fused multiply-add rounded once, and MLAS's rational approximation of
 * the logistic function (its published coefficients, evaluated with fused multiply-adds, the result kept
 * within [0, 1]).
 */

const word = new Float32Array(1);
const bits = new Int32Array(word.buffer);

/** The float32 next to `x` (a float32) in the direction of `toward`. */
function nextFloat32(x: number, toward: number): number {
  if (x === 0) {
    bits[0] = 1;
    return toward > 0 ? word[0]! : -word[0]!;
  }
  word[0] = x;
  bits[0] = bits[0]! + (x > 0 === toward > x ? 1 : -1);
  return word[0]!;
}

/**
 * a·b + c rounded once to float32, for float32 a, b and c: the product is exact in a double, the sum's
 * rounding error is recovered (Knuth's TwoSum) to settle the one case double rounding gets wrong, a sum
 * that lands exactly halfway between two floats.
 */
export function fma32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const back = sum - product;
  const error = product - (sum - back) + (c - back);
  const rounded = Math.fround(sum);
  if (error === 0 || rounded === sum) return rounded;
  const other = nextFloat32(rounded, sum);
  if (Math.abs(sum - rounded) !== Math.abs(other - sum)) return rounded;
  return error > 0 === other > rounded ? other : rounded;
}

/**
 * Two ways onnxruntime's float32 matrix product (MLAS) sums Σ_k a[a0 + k]·b[b0 + k·stride] on this kind
 * of machine: `fused`, one fused multiply-add at a time from 0 (the general kernel, and any product whose
 * right side is a constant); `blocks`, for a left side of one row: products rounded, summed in blocks of
 * four (then a pair, then one) and the blocks added in order.
 */
export type DotOrder = 'fused' | 'blocks';

/** Σ_k a[a0 + k]·b[b0 + k·stride] for k < length, in float32, summed in `order`. */
export function dot32(
  a: ArrayLike<number>,
  a0: number,
  b: ArrayLike<number>,
  b0: number,
  stride: number,
  length: number,
  order: DotOrder = 'fused',
): number {
  const f = Math.fround;
  const product = (k: number) => f(a[a0 + k]! * b[b0 + k * stride]!);
  if (order === 'blocks') {
    let sum: number | undefined;
    for (let k = 0; k < length; ) {
      const size = length - k >= 4 ? 4 : length - k >= 2 ? 2 : 1;
      let block = product(k);
      for (let j = k + 1; j < k + size; j++) block = f(block + product(j));
      sum = sum === undefined ? block : f(sum + block);
      k += size;
    }
    return sum ?? 0;
  }
  return fusedDot(a, a0, b, b0, stride, length);
}

function fusedDot(
  a: ArrayLike<number>,
  a0: number,
  b: ArrayLike<number>,
  b0: number,
  stride: number,
  length: number,
): number {
  let sum = 0;
  for (let k = 0; k < length; k++) sum = fma32(a[a0 + k]!, b[b0 + k * stride]!, sum);
  return sum;
}

/**
 * The rows × length matrix `a` (row-major) times each of `count` vectors given side by side in `b`
 * ([count × length]): row-major [rows × count], each entry summed in dot32's `fused` order (the same bits).
 * A fresh search process compares thousands of words with a question's terms in this one call, so its
 * cost is mostly how soon the engine's optimised code takes over and how long each step waits for the
 * previous one: the work is laid out for that (see productsInPairs), after a first pass over a small
 * example that takes every branch, so that the optimised code has seen each operation and is not thrown
 * away on the first rare step (measured: about half the CPU of the plain loop in a fresh process).
 */
export function fusedProducts(
  a: Float32Array,
  rows: number,
  length: number,
  b: Float32Array,
  count: number,
): Float32Array {
  const example = halfwayExample();
  productsInPairs(example.a, example.rows, 2, example.b, 3);
  return productsInPairs(a, rows, length, b, count);
}

/**
 * Rows of two whose second step, with each of three vectors, lands halfway between two floats with an
 * inexact double sum: 2^29 then (1 + 2^-23)·32(1 − 2^-23) = 32 − 2^-41.
 */
function halfwayExample(): { a: Float32Array; rows: number; b: Float32Array } {
  const rows = 8;
  const a = new Float32Array(2 * rows);
  for (let r = 0; r < rows; r++) a.set([1, 1 + 2 ** -23], 2 * r);
  const b = new Float32Array(6);
  for (let q = 0; q < 3; q++) b.set([2 ** 29, 32 * (1 - 2 ** -23)], 2 * q);
  return { a, rows, b };
}

/**
 * fusedProducts two vectors at a time (the last one twice when `count` is odd): two independent chains of
 * fused multiply-adds, so one step's rounding overlaps the other's instead of waiting for it. Each step is
 * fma32 written inline: the double sum rounded to float32 is the fused result unless that sum lies exactly
 * halfway between two float32s, i.e. unless the value on its other side, 2·exact − rounded (computed
 * exactly), is a float32 too; only then (rarely) is the rounding error recovered to settle it.
 */
function productsInPairs(
  a: Float32Array,
  rows: number,
  length: number,
  b: Float32Array,
  count: number,
): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) {
    const a0 = r * length;
    for (let q = 0; q < count; q += 2) {
      const b0 = q * length;
      const b1 = q + 1 < count ? b0 + length : b0;
      let sum0 = 0;
      let sum1 = 0;
      for (let k = 0; k < length; k++) {
        const x = a[a0 + k]!;
        let product = x * b[b0 + k]!;
        let exact = product + sum0;
        let rounded = f(exact);
        let other = 2 * exact - rounded;
        sum0 =
          f(other) === other && rounded !== exact ? settle(product, sum0, exact, rounded, other) : rounded;
        product = x * b[b1 + k]!;
        exact = product + sum1;
        rounded = f(exact);
        other = 2 * exact - rounded;
        sum1 =
          f(other) === other && rounded !== exact ? settle(product, sum1, exact, rounded, other) : rounded;
      }
      out[r * count + q] = sum0;
      if (q + 1 < count) out[r * count + q + 1] = sum1;
    }
  }
  return out;
}

/**
 * The fused result of product + sum when their double sum `exact` lies halfway between the float32s
 * `rounded` and `other`: the one on the side of the sum's rounding error (Knuth's TwoSum), `rounded` when
 * the double sum was exact.
 */
function settle(product: number, sum: number, exact: number, rounded: number, other: number): number {
  const back = exact - product;
  const error = product - (exact - back) + (sum - back);
  return error !== 0 && error > 0 === other > rounded ? other : rounded;
}

/**
 * The rows × length matrix `a` (row-major) times the vector `v`, as onnxruntime's one-column product
 * (MLAS's M=1 transposed-B kernel, AVX) sums it: per row, rounded products added into eight lanes
 * (k mod 8); rows are reduced in groups of four while four remain, as ((l0 + l1) + l2) + l3 plus
 * ((l4 + l5) + l6) + l7, then a pair as ((l0 + l2) + (l4 + l6)) + ((l1 + l3) + (l5 + l7)), then a last
 * row as ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
 */
export function matrixVector32(a: Float32Array, rows: number, length: number, v: Float32Array): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(rows);
  const lanes = new Float32Array(8);
  const grouped = rows - (rows % 4);
  const paired = grouped + (rows % 4 >= 2 ? 2 : 0);
  for (let r = 0; r < rows; r++) {
    lanes.fill(0);
    for (let k = 0; k < length; k++) lanes[k % 8] = lanes[k % 8]! + f(a[r * length + k]! * v[k]!);
    const l = (i: number) => lanes[i]!;
    let sum: number;
    if (r < grouped) sum = f(f(f(f(l(0) + l(1)) + l(2)) + l(3)) + f(f(f(l(4) + l(5)) + l(6)) + l(7)));
    else if (r < paired) sum = f(f(f(l(0) + l(2)) + f(l(4) + l(6))) + f(f(l(1) + l(3)) + f(l(5) + l(7))));
    else sum = f(f(f(l(0) + l(1)) + f(l(2) + l(3))) + f(f(l(4) + l(5)) + f(l(6) + l(7))));
    out[r] = sum + 0;
  }
  return out;
}

/** Numerator and denominator coefficients of MLAS's logistic (odd powers, then even), as float32. */
const ALPHA = [
  4.37031012579801e-11, 1.15627324459942e-7, 6.08574864600143e-5, 8.51377133304701e-3, 2.48287947061529e-1,
].map(Math.fround);
const BETA = [
  6.10247389755681e-13, 5.76102136993427e-9, 6.2910678501704e-6, 1.70198817374094e-3, 1.16817656904453e-1,
  9.9315192102318e-1,
].map(Math.fround);

/** The logistic function 1 / (1 + e^-x) as onnxruntime's Sigmoid computes it in float32. */
export function logistic32(x: number): number {
  const value = Math.min(18, Math.max(-18, Math.fround(x)));
  const square = Math.fround(value * value);
  let p = ALPHA[0]!;
  for (const alpha of ALPHA.slice(1)) p = fma32(p, square, alpha);
  p = Math.fround(p * value);
  let q = BETA[0]!;
  for (const beta of BETA.slice(1)) q = fma32(q, square, beta);
  return Math.min(1, Math.max(0, Math.fround(Math.fround(p / q) + 0.5)));
}
