/**
 * The file reranker's model as numbers: linear experts mixed by a gate, and how a head is scored with them
 * (the ONNX graph of onnx/reranker-graph.ts computes the same; train/ fits the numbers).
 */

/** Weights on raw (unstandardised) features: score = bias + Σ weights[k] · x[k]. */
export interface LinearModel {
  readonly weights: number[];
  readonly bias: number;
}

/** Scores one raw feature row. */
export function scoreLinear(model: LinearModel, row: readonly number[]): number {
  return row.reduce((sum, v, k) => sum + v * model.weights[k]!, model.bias);
}

/**
 * The shipped model: for keyword questions, a section-file expert and a page-file expert mixed by a
 * logistic gate; for questions phrased as questions (`isNaturalQuestion`), a third expert trained on
 * such questions.
 */
export interface FileRerankerModel {
  readonly section: LinearModel;
  readonly page: LinearModel;
  /** gate = sigmoid(a · chunksPerFile + b): the page expert's share. */
  readonly gate: { readonly a: number; readonly b: number };
  readonly natural: LinearModel;
}

/** Scores one head the way the ONNX graph does (for tests and the bench). */
export function scoreFileHead(
  model: FileRerankerModel,
  rows: readonly (readonly number[])[],
  multi: number,
  natural: boolean,
): number[] {
  if (natural) return rows.map((row) => scoreLinear(model.natural, row));
  const g = 1 / (1 + Math.exp(-(model.gate.a * multi + model.gate.b)));
  return rows.map((row) => g * scoreLinear(model.page, row) + (1 - g) * scoreLinear(model.section, row));
}
