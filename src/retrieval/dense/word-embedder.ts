/**
 * The default embedder: SIF-weighted word vectors (Arora 2017). The model file is the ONNX graph of
 * onnx/embedder-graph.ts (gather, weigh, sum, L2-normalise); a text needs a few dozen rows of its table,
 * so the graph is computed here in float32, in the order and with the roundings onnxruntime uses (checked
 * bit for bit against it in test/retrieval/dense/word-embedder.test.ts), without starting onnxruntime.
 */
import { InvalidDataError } from '../../errors.js';
import { tokenizeForModel } from '../../text/model-tokens.js';
import { float32Of, readInitializers } from '../onnx/initializers.js';
import { ONNX_TYPE } from '../onnx/proto.js';
import type { Embedder } from '../types.js';
import type { WordIndex } from './word-table.js';

/** Tokens beyond this many in one text are ignored (a chunk is far shorter). */
const MAX_TOKENS = 2048;
/** Texts embedded together, as onnxruntime ran them (its sums depend on the batch). */
const BATCH = 64;
/** The graph's floor under the norm, as float32. */
const EPSILON = Math.fround(1e-9);

/** What a word embedder is made of once its files are verified. */
export interface WordEmbedderParts {
  readonly id: string;
  readonly dim: number;
  /** Word to row of the model's table. */
  readonly index: WordIndex;
  readonly onnx: Uint8Array;
}

/**
 * The int8 table (read in place) and the weight of each row, from the model file. The table holds the same
 * int8 values as the input half of the model's vectors file (both are written from one quantisation).
 */
export function sifModelOf(parts: WordEmbedderParts): SifModel {
  const found = readInitializers(parts.onnx);
  const table = found.get('table');
  const weights = found.get('row_weight');
  const rows = table?.dims[0] ?? 0;
  if (
    table?.type !== ONNX_TYPE.int8 ||
    weights?.type !== ONNX_TYPE.float ||
    table.dims[1] !== parts.dim ||
    table.raw.length !== rows * parts.dim ||
    weights.raw.length !== 4 * rows ||
    rows < parts.index.size
  ) {
    throw new InvalidDataError(
      `models: embedder ${parts.id} is not a word-vector table of ${parts.dim} columns`,
    );
  }
  return {
    table: new Int8Array(table.raw.buffer, table.raw.byteOffset, table.raw.length),
    weights: float32Of(weights.raw),
    dim: parts.dim,
  };
}

/**
 * Sums the weighted rows of `ids`, padded with zeros up to `length` tokens as in a batch, in
 * onnxruntime's order: token by token for a batch of one; for a larger batch (a matrix product with a row
 * of ones) runs of four tokens summed one by one, added together, then a pair, then the last one. A zero
 * added leaves a sum as it is, so padding only decides where the runs end.
 */
function sumTokens(ids: readonly number[], length: number, single: boolean, model: SifModel): Float32Array {
  const { table, weights, dim } = model;
  const sum = new Float32Array(dim);
  const addRow = (into: Float32Array, id: number) => {
    const weight = weights[id]!;
    const at = id * dim;
    for (let k = 0; k < dim; k++) into[k] = into[k]! + Math.fround(table[at + k]! * weight);
  };
  if (single) {
    for (const id of ids) addRow(sum, id);
    return sum;
  }
  const run = new Float32Array(dim);
  for (let from = 0; from < Math.min(length, ids.length); ) {
    const size = length - from >= 4 ? 4 : length - from >= 2 ? 2 : 1;
    run.fill(0);
    for (let t = from; t < Math.min(from + size, ids.length); t++) addRow(run, ids[t]!);
    for (let k = 0; k < dim; k++) sum[k] = sum[k]! + run[k]!;
    from += size;
  }
  return sum;
}

/** A sum's unit vector: divided by max(‖sum‖, ε), the squares summed in float32 in coordinate order. */
function normalise(sum: Float32Array): Float32Array {
  let squares = 0;
  for (const value of sum) squares = Math.fround(squares + Math.fround(value * value));
  const norm = Math.max(Math.fround(Math.sqrt(squares)), EPSILON);
  return sum.map((value) => value / norm);
}

/** The model's int8 table (read in place), the weight of each row, and the row length. */
export interface SifModel {
  readonly table: Int8Array;
  readonly weights: Float32Array;
  readonly dim: number;
}

/**
 * The vectors of a batch of texts (token ids each): Σ_t table[id_t]·weight[id_t], normalised. A batch
 * of one is a question; indexing embeds batches of BATCH texts padded to the longest.
 */
export function sifVectors(batch: readonly (readonly number[])[], model: SifModel): Float32Array[] {
  const length = Math.max(1, ...batch.map((ids) => ids.length));
  return batch.map((ids) =>
    ids.length === 0
      ? new Float32Array(model.dim)
      : normalise(sumTokens(ids, length, batch.length === 1, model)),
  );
}

/** Creates an Embedder over a word-vector model file (its table read by sifModelOf unless given). */
export async function createWordEmbedder(
  parts: WordEmbedderParts,
  model: SifModel = sifModelOf(parts),
): Promise<Embedder> {
  const encode = (text: string): number[] => {
    const ids: number[] = [];
    for (const token of tokenizeForModel(text)) {
      const id = parts.index.get(token);
      if (id !== undefined) ids.push(id);
      if (ids.length >= MAX_TOKENS) break;
    }
    return ids;
  };
  return {
    id: parts.id,
    dimension: parts.dim,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        out.push(...sifVectors(texts.slice(start, start + BATCH).map(encode), model));
      }
      return out;
    },
  };
}
