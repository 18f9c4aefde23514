/**
 * Trains the oracle's question → component model at build time: multinomial logistic regression with an
 * L2 penalty (Bishop 2006, §4.3.4), fitted by stochastic gradient descent with the step size of Bottou
 * 2012 ("Stochastic Gradient Descent Tricks", §5.1: η_t = η₀ / (1 + η₀λt), the penalty applied as one
 * shared scale). Deterministic: a seeded shuffle and a fixed order of arithmetic give the same weights
 * for the same examples. Pure: examples in, weights out.
 */
import { createRng } from '../../retrieval/wordvec/rng.js';
import { FEATURE_BYTES } from './model-file.js';
import { type SoftmaxWeights, softmax, sparseValue } from './softmax.js';

/** One training question as features, with the share of each class it belongs to (summing to 1). */
export interface Example {
  readonly sparse: readonly string[];
  readonly dense: Float32Array | null;
  /** Class index → share. */
  readonly target: ReadonlyMap<number, number>;
  /** How much the example counts (pseudo-questions from the knowledge files may count less). */
  readonly weight: number;
}

/** Training settings (chosen by cross-validation on the training questions, see cross-validate.ts). */
export interface TrainOptions {
  /** L2 penalty λ per example. */
  readonly l2: number;
  readonly epochs: number;
  /** η₀ of the step schedule. */
  readonly rate: number;
  /** What the unit meaning vector is multiplied by (0 leaves the meaning out). */
  readonly denseScale: number;
  /** A sparse feature must occur in this many examples to be learned. */
  readonly minCount: number;
  readonly seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  l2: 1e-5,
  epochs: 20,
  rate: 0.5,
  denseScale: 0,
  minCount: 1,
  seed: 20261205,
};

/** A trained model: its sparse features sorted, with class-major rows of weights. */
export interface TrainedModel extends SoftmaxWeights {
  readonly features: readonly string[];
  /** features × classes, row-major. */
  readonly weights: Float64Array;
}

/** The features that occur in at least `minCount` examples and fit a record, sorted by their UTF-8 bytes. */
function vocabulary(examples: readonly Example[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.sparse) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts]
    .filter(([f, n]) => n >= minCount && Buffer.byteLength(f) <= FEATURE_BYTES)
    .map(([f]) => f)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function shuffled(n: number, rng: ReturnType<typeof createRng>): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Fits the model to the examples; `classes` names the class indices the targets use. */
export function trainSoftmax(
  classes: readonly string[],
  examples: readonly Example[],
  dim: number,
  options: TrainOptions = TRAIN_DEFAULTS,
): TrainedModel {
  const C = classes.length;
  const features = vocabulary(examples, options.minCount);
  const index = new Map(features.map((f, i) => [f, i]));
  const rows = examples.map((e) => e.sparse.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
  const V = new Float64Array(features.length * C);
  const D = new Float64Array(C * dim);
  const bias = new Float64Array(C);
  const { l2, rate, denseScale } = options;
  const rng = createRng(options.seed);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(examples.length, rng)) {
      const e = examples[i]!;
      const active = rows[i]!;
      const value = sparseValue(e.sparse.length);
      const dense = denseScale > 0 ? e.dense : null;
      const z = Float64Array.from(bias);
      for (const f of active) for (let c = 0; c < C; c++) z[c]! += scale * value * V[f * C + c]!;
      if (dense !== null) {
        for (let c = 0; c < C; c++) {
          let sum = 0;
          for (let d = 0; d < dim; d++) sum += D[c * dim + d]! * dense[d]!;
          z[c]! += scale * denseScale * sum;
        }
      }
      const p = softmax(z);
      const eta = rate / (1 + rate * l2 * t++);
      scale *= 1 - eta * l2;
      const step = (eta * e.weight) / scale;
      for (let c = 0; c < C; c++) {
        const g = p[c]! - (e.target.get(c) ?? 0);
        if (g === 0) continue;
        bias[c]! -= eta * e.weight * g;
        for (const f of active) V[f * C + c]! -= step * g * value;
        if (dense !== null)
          for (let d = 0; d < dim; d++) D[c * dim + d]! -= step * g * denseScale * dense[d]!;
      }
      if (scale < 1e-6) {
        for (let k = 0; k < V.length; k++) V[k]! *= scale;
        for (let k = 0; k < D.length; k++) D[k]! *= scale;
        scale = 1;
      }
    }
  }
  for (let k = 0; k < V.length; k++) V[k]! *= scale;
  for (let k = 0; k < D.length; k++) D[k]! *= scale;
  return {
    classes,
    features,
    weights: V,
    bias,
    dense: D,
    dim,
    denseScale,
    row: (feature) => {
      const f = index.get(feature);
      return f === undefined ? null : V.subarray(f * C, (f + 1) * C);
    },
  };
}
