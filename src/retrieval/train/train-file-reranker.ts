/**
 * Trains the file-level reranker: a linear scorer over standardised features with the pairwise RankNet
 * loss (Burges et al. 2005), every relevant file of a question against every other file of its head,
 * each question weighted equally unless its group says otherwise, L2-regularised, full-batch gradient descent from zero weights — so the
 * result is fully determined by the data (no seed, no sampling order).
 */
import type { FileRerankerModel, LinearModel } from '../rerank/file-model.js';

/**
 * A question's head: feature rows and the grade of each row's file (0 = not relevant), and how much the
 * question counts in the loss (1 unless given).
 */
export interface RankGroup {
  readonly rows: readonly (readonly number[])[];
  readonly grades: readonly number[];
  readonly weight?: number;
}

export interface LinearOptions {
  readonly steps: number;
  readonly learningRate: number;
  readonly l2: number;
}

export const LINEAR_DEFAULTS: LinearOptions = { steps: 300, learningRate: 0.5, l2: 1e-3 };

function standardisation(groups: readonly RankGroup[], width: number) {
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  let n = 0;
  for (const g of groups)
    for (const row of g.rows) {
      n++;
      for (let k = 0; k < width; k++) mean[k]! += row[k]!;
    }
  for (let k = 0; k < width; k++) mean[k]! /= Math.max(n, 1);
  for (const g of groups)
    for (const row of g.rows) for (let k = 0; k < width; k++) std[k]! += (row[k]! - mean[k]!) ** 2;
  for (let k = 0; k < width; k++) std[k] = Math.sqrt(std[k]! / Math.max(n, 1)) || 1;
  return { mean, std };
}

/** Pairs (better, worse) of row indices of one group. */
function pairsOf(g: RankGroup): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  g.grades.forEach((a, i) => {
    g.grades.forEach((b, j) => {
      if (a > b) pairs.push([i, j]);
    });
  });
  return pairs;
}

/** Trains on groups with at least one relevant and one other file; `width` features per row. */
export function trainLinearRanker(
  groups: readonly RankGroup[],
  width: number,
  options: LinearOptions = LINEAR_DEFAULTS,
): LinearModel {
  const { mean, std } = standardisation(groups, width);
  const data = groups
    .map((g) => ({
      x: g.rows.map((row) => row.map((v, k) => (v - mean[k]!) / std[k]!)),
      pairs: pairsOf(g),
      weight: g.weight ?? 1,
    }))
    .filter((g) => g.pairs.length > 0);
  const total = data.reduce((sum, g) => sum + g.weight, 0);
  const w = new Array<number>(width).fill(0);
  for (let step = 0; step < options.steps; step++) {
    const grad = w.map((v) => options.l2 * v);
    for (const g of data) {
      const s = g.x.map((row) => row.reduce((sum, v, k) => sum + v * w[k]!, 0));
      const scale = g.weight / (g.pairs.length * total);
      for (const [i, j] of g.pairs) {
        const d = -1 / (1 + Math.exp(s[i]! - s[j]!));
        for (let k = 0; k < width; k++) grad[k]! += scale * d * (g.x[i]![k]! - g.x[j]![k]!);
      }
    }
    for (let k = 0; k < width; k++) w[k]! -= options.learningRate * grad[k]!;
  }
  const weights = w.map((v, k) => v / std[k]!);
  return { weights, bias: -weights.reduce((sum, v, k) => sum + v * mean[k]!, 0) };
}

/**
 * Fits the gate by logistic regression of the unit (0 = section, 1 = page) on each training head's
 * log mean chunks per file, so which expert applies is learnt from training data, never from dev sets.
 */
export function fitGate(
  section: readonly number[],
  page: readonly number[],
  steps = 2000,
): { a: number; b: number } {
  const xs = [...section.map((x) => [x, 0] as const), ...page.map((x) => [x, 1] as const)];
  let a = 0;
  let b = 0;
  for (let step = 0; step < steps; step++) {
    let ga = 0;
    let gb = 0;
    for (const [x, y] of xs) {
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      ga += (p - y) * x;
      gb += p - y;
    }
    a -= (0.5 * ga) / Math.max(xs.length, 1);
    b -= (0.5 * gb) / Math.max(xs.length, 1);
  }
  return { a, b };
}

/** Training groups of one expert; `multi` are the heads' chunksPerFile values, in group order. */
export interface ExpertData {
  readonly groups: readonly RankGroup[];
  readonly multi: readonly number[];
}

/**
 * Trains the three experts and the gate. The keyword experts see the rows without the soft-match
 * columns (`soft` marks them): trained on heading questions, they learn nothing from them but noise.
 * `naturalOptions` are the natural-question expert's (the keyword experts' `options` by default).
 */
export function trainFileReranker(
  data: { section: ExpertData; page: ExpertData; natural: readonly RankGroup[] },
  width: number,
  soft: ReadonlySet<number>,
  options: LinearOptions = LINEAR_DEFAULTS,
  naturalOptions: LinearOptions = options,
): FileRerankerModel {
  const hard = (groups: readonly RankGroup[]) =>
    groups.map((g) => ({ ...g, rows: g.rows.map((row) => row.map((v, k) => (soft.has(k) ? 0 : v))) }));
  return {
    section: trainLinearRanker(hard(data.section.groups), width, options),
    page: trainLinearRanker(hard(data.page.groups), width, options),
    gate: fitGate(data.section.multi, data.page.multi),
    natural: trainLinearRanker(data.natural, width, naturalOptions),
  };
}
