/**
 * Trains the reranker's scoring MLP (features → 16 leaky ReLU → 1) with the pairwise RankNet loss
 * (Burges 2005): for each question, the positive should outscore each negative. Seeded SGD with momentum.
 */
import type { MlpWeights } from '../rerank-knrm.js';
import { createRng } from './rng.js';

/** One question's candidates: feature rows, the first row is the positive. */
export interface TrainingGroup {
  readonly rows: readonly number[][];
}

/** Optimiser settings. */
export interface MlpOptions {
  readonly hidden: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly seed: number;
}

/** Slope of the leaky ReLU below zero, so no hidden unit can die for good. */
export const LEAK = 0.01;

export const MLP_DEFAULTS: MlpOptions = {
  hidden: 16,
  epochs: 12,
  learningRate: 0.01,
  momentum: 0.9,
  seed: 3,
};

function standardisation(groups: readonly TrainingGroup[], width: number) {
  const mean = new Float32Array(width);
  const std = new Float32Array(width);
  let n = 0;
  for (const g of groups)
    for (const row of g.rows) {
      n++;
      row.forEach((v, k) => {
        mean[k]! += v;
      });
    }
  for (let k = 0; k < width; k++) mean[k]! /= Math.max(n, 1);
  for (const g of groups)
    for (const row of g.rows)
      row.forEach((v, k) => {
        std[k]! += (v - mean[k]!) ** 2;
      });
  for (let k = 0; k < width; k++) std[k] = Math.sqrt(std[k]! / Math.max(n, 1)) || 1;
  return { mean, std };
}

/** Scores one standardised row, keeping the hidden activations for the backward pass. */
function forward(w: MlpWeights, x: Float32Array, hiddenOut: Float32Array): number {
  const hidden = w.b1.length;
  let score = w.b2;
  for (let h = 0; h < hidden; h++) {
    let a = w.b1[h]!;
    for (let k = 0; k < x.length; k++) a += x[k]! * w.w1[k * hidden + h]!;
    hiddenOut[h] = a > 0 ? a : LEAK * a;
    score += hiddenOut[h]! * w.w2[h]!;
  }
  return score;
}

/** Trains and returns the weights with the standardisation folded in (ready for buildRerankerOnnx). */
export function trainMlp(
  groups: readonly TrainingGroup[],
  width: number,
  options: MlpOptions = MLP_DEFAULTS,
): MlpWeights {
  const rng = createRng(options.seed);
  const { mean, std } = standardisation(groups, width);
  const hidden = options.hidden;
  const w1 = Float32Array.from({ length: width * hidden }, () => (rng.next() - 0.5) * (2 / Math.sqrt(width)));
  const weights = {
    mean,
    std,
    w1,
    b1: new Float32Array(hidden),
    w2: Float32Array.from({ length: hidden }, () => (rng.next() - 0.5) * 0.5),
    b2: 0,
  };
  const velocity = {
    w1: new Float32Array(w1.length),
    b1: new Float32Array(hidden),
    w2: new Float32Array(hidden),
  };
  const scale = (row: readonly number[]) => Float32Array.from(row, (v, k) => (v - mean[k]!) / std[k]!);
  const hp = new Float32Array(hidden);
  const hn = new Float32Array(hidden);
  const order = groups.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = options.learningRate * (1 - epoch / options.epochs);
    for (const gi of order) {
      const rows = groups[gi]!.rows;
      const pos = scale(rows[0]!);
      for (let r = 1; r < rows.length; r++) {
        const neg = scale(rows[r]!);
        const diff = forward(weights, pos, hp) - forward(weights, neg, hn);
        const g = -1 / (1 + Math.exp(diff));
        step(weights, velocity, pos, hp, g, lr, options.momentum);
        step(weights, velocity, neg, hn, -g, lr, options.momentum);
      }
    }
  }
  return weights;
}

function step(
  w: { w1: Float32Array; b1: Float32Array; w2: Float32Array },
  v: { w1: Float32Array; b1: Float32Array; w2: Float32Array },
  x: Float32Array,
  h: Float32Array,
  g: number,
  lr: number,
  momentum: number,
): void {
  const hidden = w.b1.length;
  for (let j = 0; j < hidden; j++) {
    {
      const gh = g * w.w2[j]! * (h[j]! > 0 ? 1 : LEAK);
      for (let k = 0; k < x.length; k++) {
        const idx = k * hidden + j;
        v.w1[idx] = momentum * v.w1[idx]! - lr * gh * x[k]!;
        w.w1[idx]! += v.w1[idx]!;
      }
      v.b1[j] = momentum * v.b1[j]! - lr * gh;
      w.b1[j]! += v.b1[j]!;
    }
    v.w2[j] = momentum * v.w2[j]! - lr * g * h[j]!;
    w.w2[j]! += v.w2[j]!;
  }
}

/** Scores a raw (unstandardised) row with trained weights; used to check held-out groups. */
export function scoreRow(w: MlpWeights, row: readonly number[]): number {
  const x = Float32Array.from(row, (v, k) => (v - w.mean[k]!) / w.std[k]!);
  return forward(w, x, new Float32Array(w.b1.length));
}
