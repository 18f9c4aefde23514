/**
 * Cosines between words of a vocabulary and a few query vectors: the reranker compares every distinct word
 * of a head (thousands) with each question term. The product is the Gather + MatMul graph of
 * onnx/similarity-graph.ts, computed in float32 in the order onnxruntime sums it for the shape at hand:
 * one word, one question term, or several of each (checked bit for bit in
 * test/retrieval/onnx/onnxruntime-parity.test.ts).
 */
import type { InferenceSession } from 'onnxruntime-node';
import { dot32, fusedProducts, matrixVector32 } from '../onnx/float32.js';
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
    if (ids.length > 1) return fusedProducts(rows, ids.length, dim, queries, count);
    const cosines = new Float32Array(count);
    for (let q = 0; q < count; q++) cosines[q] = dot32(rows, 0, queries, q * dim, 1, dim, 'blocks');
    return cosines;
  };
}

/**
 * The same product run by onnxruntime itself (the same bits on this machine: onnxruntime-parity test). Its
 * session costs start-up once, then a head of thousands of words takes a fraction of the JavaScript's time:
 * the choice of long-running servers, where the JavaScript product was most of a search's CPU.
 */
export function createNativeWordSimilarities(): WordSimilarities {
  let session: Promise<InferenceSession> | undefined;
  return async (vocab, ids, queries, count) => {
    if (ids.length === 0 || count === 0) return new Float32Array(0);
    session ??= Promise.all([import('../onnx/session.js'), import('../onnx/similarity-graph.js')]).then(
      ([{ createSession }, { similarityGraph }]) => createSession(similarityGraph()),
    );
    const ort = await import('onnxruntime-node');
    const dim = vocab.dim;
    const transposed = new Float32Array(dim * count);
    for (let q = 0; q < count; q++)
      for (let k = 0; k < dim; k++) transposed[k * count + q] = queries[q * dim + k]!;
    const result = await (await session).run({
      table: new ort.Tensor('float32', vocab.unitRows(ids), [ids.length, dim]),
      ids: new ort.Tensor(
        'int32',
        Int32Array.from(ids, (_, i) => i),
        [ids.length],
      ),
      queries: new ort.Tensor('float32', transposed, [dim, count]),
    });
    return result['cosines']!.data as Float32Array;
  };
}
