/**
 * A residual linear projection of pooled sentence vectors, f(x) = normalise(x + A·x), trained with the
 * InfoNCE loss and in-batch negatives (van den Oord 2018) on self-supervised pairs of the indexed text:
 * a sentence cut out of a chunk against the rest of the chunk (the inverse cloze task of Lee et al. 2019)
 * and a heading against its section's body. Because pooling is linear, A folds into the word vectors.
 */

import { createRng } from '../../src/retrieval/train/rng.js';
import type { Chunk } from '../../src/retrieval/types.js';

export interface ProjectionOptions {
  readonly epochs: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly temperature: number;
  readonly seed: number;
  /** Pull of A toward 0 (keeps f near the identity). */
  readonly decay: number;
}

export const PROJECTION_DEFAULTS: ProjectionOptions = {
  epochs: 4,
  batch: 128,
  learningRate: 2e-3,
  temperature: 0.05,
  seed: 5,
  decay: 1e-4,
};

const SENTENCE = /[^.!?\n]+[.!?]?/g;

/** Self-supervised (question, passage) text pairs from chunks. */
export function makePairs(chunks: readonly Chunk[], seed: number): Array<{ query: string; passage: string }> {
  const rng = createRng(seed);
  const pairs: Array<{ query: string; passage: string }> = [];
  for (const chunk of chunks) {
    const heading = chunk.headings.at(-1);
    if (heading !== undefined && heading.split(/\s+/).length >= 2) {
      pairs.push({ query: heading, passage: `${chunk.headings.slice(0, -1).join(' ')}\n${chunk.text}` });
    }
    const sentences = (chunk.text.match(SENTENCE) ?? []).filter((s) => {
      const words = s.trim().split(/\s+/).length;
      return words >= 5 && words <= 40;
    });
    if (sentences.length < 2) continue;
    const pick = sentences[Math.floor(rng.next() * sentences.length)]!;
    pairs.push({ query: pick, passage: `${chunk.headings.join(' ')}\n${chunk.text.replace(pick, ' ')}` });
  }
  return pairs;
}

function project(a: Float32Array, dim: number, x: Float32Array, out: Float32Array): number {
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    let v = x[i]!;
    const row = i * dim;
    for (let j = 0; j < dim; j++) v += a[row + j]! * x[j]!;
    out[i] = v;
    norm += v * v;
  }
  return Math.sqrt(norm) || 1;
}

/** Trains A on paired vectors (rows of `queries` match rows of `passages`); returns A row-major. */
export function trainProjection(
  queries: readonly Float32Array[],
  passages: readonly Float32Array[],
  options: ProjectionOptions = PROJECTION_DEFAULTS,
): Float32Array {
  const dim = queries[0]!.length;
  const a = new Float32Array(dim * dim);
  const m = new Float32Array(dim * dim);
  const v = new Float32Array(dim * dim);
  const rng = createRng(options.seed);
  const order = queries.map((_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start + 8 <= order.length; start += options.batch) {
      const ids = order.slice(start, start + options.batch);
      const grad = batchGradient(
        a,
        dim,
        ids.map((i) => queries[i]!),
        ids.map((i) => passages[i]!),
        options,
      );
      step++;
      for (let k = 0; k < a.length; k++) {
        const g = grad[k]! + options.decay * a[k]!;
        m[k] = 0.9 * m[k]! + 0.1 * g;
        v[k] = 0.999 * v[k]! + 0.001 * g * g;
        const mh = m[k]! / (1 - 0.9 ** step);
        const vh = v[k]! / (1 - 0.999 ** step);
        a[k]! -= (options.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  return a;
}

/** Gradient of the symmetric InfoNCE loss of one batch with respect to A. */
function batchGradient(
  a: Float32Array,
  dim: number,
  qs: readonly Float32Array[],
  ps: readonly Float32Array[],
  options: ProjectionOptions,
): Float32Array {
  const n = qs.length;
  const uq = qs.map(() => new Float32Array(dim));
  const up = ps.map(() => new Float32Array(dim));
  const nq = qs.map((x, i) => project(a, dim, x, uq[i]!));
  const np = ps.map((x, i) => project(a, dim, x, up[i]!));
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) uq[i]![k]! /= nq[i]!;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) up[i]![k]! /= np[i]!;
  const logits = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += uq[i]![k]! * up[j]![k]!;
      logits[i * n + j] = s / options.temperature;
    }
  // d loss / d logits for rows (query → passages) and columns (passage → queries), averaged.
  const dl = new Float64Array(n * n);
  const softmaxInto = (get: (k: number) => number, put: (k: number, g: number) => void, target: number) => {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) max = Math.max(max, get(k));
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.exp(get(k) - max);
    for (let k = 0; k < n; k++) put(k, (Math.exp(get(k) - max) / sum - (k === target ? 1 : 0)) / (2 * n));
  };
  for (let i = 0; i < n; i++)
    softmaxInto(
      (k) => logits[i * n + k]!,
      (k, g) => {
        dl[i * n + k]! += g;
      },
      i,
    );
  for (let j = 0; j < n; j++)
    softmaxInto(
      (k) => logits[k * n + j]!,
      (k, g) => {
        dl[k * n + j]! += g;
      },
      j,
    );
  const grad = new Float32Array(dim * dim);
  const gq = new Float32Array(dim);
  const gp = new Float32Array(dim);
  const accumulate = (u: Float32Array, norm: number, g: Float32Array, x: Float32Array) => {
    // through the normalisation: (I − û ûᵀ) g / |u|, then d/dA of u = x + A x is g ⊗ x.
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += u[k]! * g[k]!;
    for (let r = 0; r < dim; r++) {
      const gr = (g[r]! - dot * u[r]!) / norm;
      if (gr === 0) continue;
      const row = r * dim;
      for (let c = 0; c < dim; c++) grad[row + c]! += gr * x[c]!;
    }
  };
  for (let i = 0; i < n; i++) {
    gq.fill(0);
    for (let j = 0; j < n; j++) {
      const d = dl[i * n + j]! / options.temperature;
      for (let k = 0; k < dim; k++) gq[k]! += d * up[j]![k]!;
    }
    accumulate(uq[i]!, nq[i]!, gq, qs[i]!);
  }
  for (let j = 0; j < n; j++) {
    gp.fill(0);
    for (let i = 0; i < n; i++) {
      const d = dl[i * n + j]! / options.temperature;
      for (let k = 0; k < dim; k++) gp[k]! += d * uq[i]![k]!;
    }
    accumulate(up[j]!, np[j]!, gp, ps[j]!);
  }
  return grad;
}

/** Applies f to a vector: normalise(x + A·x). */
export function applyProjection(a: Float32Array, x: Float32Array): Float32Array {
  const dim = x.length;
  const out = new Float32Array(dim);
  const norm = project(a, dim, x, out);
  for (let k = 0; k < dim; k++) out[k]! /= norm;
  return out;
}
