/**
 * Trains the file-level reranker: a linear scorer over standardised features with the pairwise RankNet
 * loss (Burges et al. 2005), every relevant file of a question against every other file of its head,
 * each question weighted equally, L2-regularised, full-batch gradient descent from zero weights — so the
 * result is fully determined by the data (no seed, no sampling order).
 */

/** A question's head: feature rows and the grade of each row's file (0 = not relevant). */
export interface RankGroup {
  readonly rows: readonly (readonly number[])[];
  readonly grades: readonly number[];
}

/** Weights on raw (unstandardised) features: score = bias + Σ weights[k] · x[k]. */
export interface LinearModel {
  readonly weights: number[];
  readonly bias: number;
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
    .map((g) => ({ x: g.rows.map((row) => row.map((v, k) => (v - mean[k]!) / std[k]!)), pairs: pairsOf(g) }))
    .filter((g) => g.pairs.length > 0);
  const w = new Array<number>(width).fill(0);
  for (let step = 0; step < options.steps; step++) {
    const grad = w.map((v) => options.l2 * v);
    for (const g of data) {
      const s = g.x.map((row) => row.reduce((sum, v, k) => sum + v * w[k]!, 0));
      const scale = 1 / (g.pairs.length * data.length);
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

/** Scores one raw feature row. */
export function scoreLinear(model: LinearModel, row: readonly number[]): number {
  return row.reduce((sum, v, k) => sum + v * model.weights[k]!, model.bias);
}
