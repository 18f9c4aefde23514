/**
 * The default embedder: SIF-weighted word vectors (Arora 2017) run as an ONNX graph with onnxruntime-node,
 * loaded lazily so commands that never embed do not pay for the native module.
 */
import { tokenizeForModel } from '../../text/model-tokens.js';
import { createSession } from '../onnx/session.js';
import type { Embedder } from '../types.js';

/** Tokens beyond this many in one text are ignored (a chunk is far shorter). */
const MAX_TOKENS = 2048;
const BATCH = 64;

/** What a word embedder is made of once its files are verified. */
export interface WordEmbedderParts {
  readonly id: string;
  readonly dim: number;
  readonly words: readonly string[];
  readonly onnx: Uint8Array;
}

/** Creates an Embedder over a word-vector ONNX graph. */
export async function createWordEmbedder(parts: WordEmbedderParts): Promise<Embedder> {
  const ort = await import('onnxruntime-node');
  const session = await createSession(parts.onnx);
  const index = new Map(parts.words.map((word, i) => [word, i]));
  const encode = (text: string): number[] => {
    const ids: number[] = [];
    for (const token of tokenizeForModel(text)) {
      const id = index.get(token);
      if (id !== undefined) ids.push(id);
      if (ids.length >= MAX_TOKENS) break;
    }
    return ids;
  };
  const runBatch = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const encoded = texts.map(encode);
    const length = Math.max(1, ...encoded.map((ids) => ids.length));
    const ids = new BigInt64Array(texts.length * length);
    const mask = new Float32Array(texts.length * length);
    encoded.forEach((row, b) => {
      row.forEach((id, t) => {
        ids[b * length + t] = BigInt(id);
        mask[b * length + t] = 1;
      });
    });
    const result = await session.run({
      ids: new ort.Tensor('int64', ids, [texts.length, length]),
      mask: new ort.Tensor('float32', mask, [texts.length, length]),
    });
    const data = result['embedding']!.data as Float32Array;
    return texts.map((_, b) => data.slice(b * parts.dim, (b + 1) * parts.dim));
  };
  return {
    id: parts.id,
    dimension: parts.dim,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        out.push(...(await runBatch(texts.slice(start, start + BATCH))));
      }
      return out;
    },
  };
}
