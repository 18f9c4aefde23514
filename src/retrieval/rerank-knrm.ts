/**
 * Rounds 1–2's chunk reranker: KNRM-style kernel features plus lexical features (rerank-features.ts)
 * scored by a small MLP exported as ONNX (standardise → dense 16 → leaky ReLU → dense 1), run with
 * onnxruntime-node. Not shipped: it did not beat hybrid search (bench/RESULTS.md, Models, rounds 1–2);
 * the shipped reranker is rerank-file.ts. Kept for the round-2 bench (bench/models/rerank-round2.ts).
 */
import { createSession } from './embed-static.js';
import { FEATURE_COUNT, type FeatureVocabulary, pairFeatures, questionTerms } from './rerank-features.js';
import { encodeOnnxModel, ONNX_TYPE } from './train/onnx-proto.js';
import type { Reranker } from './types.js';

/** Weights of the scoring MLP, with the feature standardisation folded in. */
export interface MlpWeights {
  readonly mean: Float32Array;
  readonly std: Float32Array;
  /** [features × hidden], row-major. */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  /** [hidden]. */
  readonly w2: Float32Array;
  readonly b2: number;
}

/** Serialises the MLP as ONNX; input `features` [n, FEATURE_COUNT], output `score` [n, 1]. */
export function buildRerankerOnnx(weights: MlpWeights): Buffer {
  const hidden = weights.b1.length;
  return encodeOnnxModel({
    name: 'knrm-lexical-reranker',
    opset: 13,
    initializers: [
      { name: 'mean', type: ONNX_TYPE.float, dims: [FEATURE_COUNT], data: weights.mean },
      { name: 'std', type: ONNX_TYPE.float, dims: [FEATURE_COUNT], data: weights.std },
      { name: 'w1', type: ONNX_TYPE.float, dims: [FEATURE_COUNT, hidden], data: weights.w1 },
      { name: 'b1', type: ONNX_TYPE.float, dims: [hidden], data: weights.b1 },
      { name: 'w2', type: ONNX_TYPE.float, dims: [hidden, 1], data: weights.w2 },
      { name: 'b2', type: ONNX_TYPE.float, dims: [1], data: Float32Array.from([weights.b2]) },
    ],
    nodes: [
      { op: 'Sub', inputs: ['features', 'mean'], outputs: ['centred'] },
      { op: 'Div', inputs: ['centred', 'std'], outputs: ['scaled'] },
      { op: 'MatMul', inputs: ['scaled', 'w1'], outputs: ['h0'] },
      { op: 'Add', inputs: ['h0', 'b1'], outputs: ['h1'] },
      { op: 'LeakyRelu', inputs: ['h1'], outputs: ['h'], attributes: { alpha: { float: 0.01 } } },
      { op: 'MatMul', inputs: ['h', 'w2'], outputs: ['s0'] },
      { op: 'Add', inputs: ['s0', 'b2'], outputs: ['score'] },
    ],
    inputs: [{ name: 'features', type: ONNX_TYPE.float, dims: ['n', FEATURE_COUNT] }],
    outputs: [{ name: 'score', type: ONNX_TYPE.float, dims: ['n', 1] }],
  });
}

/** A Reranker over an ONNX scoring model and the word vectors its kernels compare. */
export async function createKnrmReranker(
  id: string,
  onnx: Uint8Array,
  vocab: FeatureVocabulary,
): Promise<Reranker> {
  const ort = await import('onnxruntime-node');
  const session = await createSession(onnx);
  return {
    id,
    async score(question, chunks) {
      if (chunks.length === 0) return [];
      const terms = questionTerms(question, vocab);
      const features = new Float32Array(chunks.length * FEATURE_COUNT);
      chunks.forEach((chunk, i) => {
        features.set(pairFeatures(terms, chunk, vocab), i * FEATURE_COUNT);
      });
      const result = await session.run({
        features: new ort.Tensor('float32', features, [chunks.length, FEATURE_COUNT]),
      });
      return Array.from(result['score']!.data as Float32Array);
    },
  };
}
