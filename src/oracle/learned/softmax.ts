/**
 * The learned model's arithmetic, shared by training and reading: multinomial logistic regression
 * (softmax regression; Bishop 2006, §4.3.4) over a question's sparse features, each worth 1/√count, and
 * its dense meaning vector times a scale. Pure: weights in, probabilities out.
 */

/** A learned model in memory, or the part of it a question needs. */
export interface SoftmaxWeights {
  /** Component names, one per class, in class order. */
  readonly classes: readonly string[];
  /** Per class: its bias. */
  readonly bias: Float32Array | Float64Array;
  /** Class-major dense weights: classes × dim. */
  readonly dense: Float32Array | Float64Array;
  readonly dim: number;
  /** What the unit meaning vector is multiplied by before the dense weights. */
  readonly denseScale: number;
  /** The weights of a sparse feature (one per class), or null for a feature the model does not know. */
  row(feature: string): ArrayLike<number> | null;
}

/** Value of each sparse feature of a question: 1/√(features), so long questions do not shout. */
export function sparseValue(count: number): number {
  return count === 0 ? 0 : 1 / Math.sqrt(count);
}

/** The class scores before the softmax. */
export function logits(
  model: SoftmaxWeights,
  sparse: readonly string[],
  dense: Float32Array | null,
): Float64Array {
  const classes = model.classes.length;
  const z = Float64Array.from(model.bias);
  const value = sparseValue(sparse.length);
  for (const feature of sparse) {
    const row = model.row(feature);
    if (row === null) continue;
    for (let c = 0; c < classes; c++) z[c]! += value * row[c]!;
  }
  if (dense !== null && dense.length === model.dim) {
    for (let c = 0; c < classes; c++) {
      let sum = 0;
      for (let d = 0; d < model.dim; d++) sum += model.dense[c * model.dim + d]! * dense[d]!;
      z[c]! += model.denseScale * sum;
    }
  }
  return z;
}

/** Softmax of scores, in place; returns them. */
export function softmax(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}

/** The probability of each class for a question. */
export function probabilities(
  model: SoftmaxWeights,
  sparse: readonly string[],
  dense: Float32Array | null,
): Float64Array {
  return softmax(logits(model, sparse, dense));
}
