/**
 * Cosines between words of a vocabulary and a few query vectors: the reranker compares every distinct word
 * of a head (thousands) with each question term. The product is the Gather + MatMul graph of
 * onnx/similarity-graph.ts, computed in float32 in the order onnxruntime sums it for the shape at hand:
 * one word, one question term, or several of each (checked bit for bit in
 * test/retrieval/onnx/onnxruntime-parity.test.ts).
 */
import { type DotOrder, dot32, matrixVector32 } from '../onnx/float32.js';
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';

/**
 * Cosines of the words `ids` (vocabulary rows) with `count` query vectors given side by side in
 * `queries` ([count × dim], unit length): row-major [ids.length × count].
 */
export type WordSimilarities = (
  vocab: FeatureVocabulary,
  ids: readonly number[],
  queries: Float32Array,
  count: number,
) => Promise<Float32Array>;

/** Word similarities. */
export function createWordSimilarities(): WordSimilarities {
  return async (vocab, ids, queries, count) => {
    if (ids.length === 0 || count === 0) return new Float32Array(0);
    const dim = vocab.dim;
    const rows = vocab.unitRows(ids);
    if (count === 1 && ids.length > 1) return matrixVector32(rows, ids.length, dim, queries);
    const order: DotOrder = ids.length === 1 ? 'blocks' : 'fused';
    const cosines = new Float32Array(ids.length * count);
    for (let i = 0; i < ids.length; i++)
      for (let q = 0; q < count; q++)
        cosines[i * count + q] = dot32(rows, i * dim, queries, q * dim, 1, dim, order);
    return cosines;
  };
}
