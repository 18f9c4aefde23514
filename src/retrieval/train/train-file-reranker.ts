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

/** The shipped model: a section-file expert, a page-file expert and a logistic gate between them. */
export interface FileRerankerModel {
  readonly section: LinearModel;
  readonly page: LinearModel;
  /** gate = sigmoid(a · chunksPerFile + b): the page expert's share. */
  readonly gate: { readonly a: number; readonly b: number };
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

/** Trains both experts and the gate; `*Multi` are the heads' chunksPerFile values, in group order. */
export function trainFileReranker(
  section: { groups: readonly RankGroup[]; multi: readonly number[] },
  page: { groups: readonly RankGroup[]; multi: readonly number[] },
  width: number,
  options: LinearOptions = LINEAR_DEFAULTS,
): FileRerankerModel {
  return {
    section: trainLinearRanker(section.groups, width, options),
    page: trainLinearRanker(page.groups, width, options),
    gate: fitGate(section.multi, page.multi),
  };
}

/** Scores one head the way the ONNX graph does (for tests and the bench). */
export function scoreFileHead(
  model: FileRerankerModel,
  rows: readonly (readonly number[])[],
  multi: number,
): number[] {
  const g = 1 / (1 + Math.exp(-(model.gate.a * multi + model.gate.b)));
  return rows.map((row) => g * scoreLinear(model.page, row) + (1 - g) * scoreLinear(model.section, row));
}
