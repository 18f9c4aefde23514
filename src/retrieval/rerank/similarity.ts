/**
 * Cosines between words of a vocabulary and a few query vectors: the reranker compares every distinct word
 * of a head (thousands) with each question term. The product is the Gather + MatMul graph of
 * onnx/similarity-graph.ts, computed in float32 in the order onnxruntime sums it (checked bit for bit in
 * test/retrieval/onnx/onnxruntime-parity.test.ts). For a single question term onnxruntime's kernel sums
 * in an order that also depends on where a word falls in its batch of rows, not reproduced here: that
 * product is run by onnxruntime itself, started on first use.
 */
import type { InferenceSession } from 'onnxruntime-node';
import { type DotOrder, dot32 } from '../onnx/float32.js';
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

/** Word similarities; the onnxruntime session for a single question term is made on first use and kept. */
export function createWordSimilarities(): WordSimilarities {
  let session: Promise<InferenceSession> | undefined;
  return async (vocab, ids, queries, count) => {
    if (ids.length === 0 || count === 0) return new Float32Array(0);
    const dim = vocab.dim;
    const rows = vocab.unitRows(ids);
    if (count === 1 && ids.length > 1) {
      const ort = await import('onnxruntime-node');
      session ??= createSession(similarityGraph());
      const result = await (await session).run({
        table: new ort.Tensor('float32', rows, [ids.length, dim]),
        ids: new ort.Tensor(
          'int32',
          Int32Array.from(ids, (_, i) => i),
          [ids.length],
        ),
        queries: new ort.Tensor('float32', queries.slice(0, dim), [dim, 1]),
      });
      return result['cosines']!.data as Float32Array;
    }
    const order: DotOrder = ids.length === 1 ? 'blocks' : 'fused';
    const cosines = new Float32Array(ids.length * count);
    for (let i = 0; i < ids.length; i++)
      for (let q = 0; q < count; q++)
        cosines[i * count + q] = dot32(rows, i * dim, queries, q * dim, 1, dim, order);
    return cosines;
  };
}
