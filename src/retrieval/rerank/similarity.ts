/**
 * Cosines between words of a vocabulary and a few query vectors, as one Gather + MatMul run by
 * onnxruntime-node: the reranker compares every distinct word of a head (thousands) with each question
 * term, which is ~10 ms of JavaScript loops and ~1 ms here. The graph does not depend on the vocabulary;
 * each vocabulary's unit vectors are wrapped as an input tensor once, without copying.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { createSession } from '../onnx/session.js';
import { similarityGraph } from '../onnx/similarity-graph.js';
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

/** Word similarities with their own ONNX session and vocabulary tensors, made on first use and kept. */
export function createWordSimilarities(): WordSimilarities {
  let session: Promise<InferenceSession> | undefined;
  const tables = new WeakMap<FeatureVocabulary, Tensor>();
  return async (vocab, ids, queries, count) => {
    if (ids.length === 0 || count === 0) return new Float32Array(0);
    const ort = await import('onnxruntime-node');
    session ??= createSession(similarityGraph());
    let table = tables.get(vocab);
    if (table === undefined) {
      table = new ort.Tensor('float32', vocab.unit, [vocab.index.size, vocab.dim]);
      tables.set(vocab, table);
    }
    const transposed = new Float32Array(vocab.dim * count);
    for (let q = 0; q < count; q++)
      for (let k = 0; k < vocab.dim; k++) transposed[k * count + q] = queries[q * vocab.dim + k]!;
    const result = await (await session).run({
      table,
      ids: new ort.Tensor('int32', Int32Array.from(ids), [ids.length]),
      queries: new ort.Tensor('float32', transposed, [vocab.dim, count]),
    });
    return result['cosines']!.data as Float32Array;
  };
}
