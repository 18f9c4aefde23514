/**
 * Hugging Face ONNX exports dropped in by configuration: a sentence-transformers embedder (token
 * embeddings mean-pooled over the attention mask, then L2-normalised) from a folder with tokenizer.json
 * and model.onnx. Nothing is downloaded; the folder must already be on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { InvalidDataError } from '../../errors.js';
import { createSession } from '../onnx/session.js';
import type { Embedder } from '../types.js';
import { sha256 } from './model-files.js';
import { type Encoding, loadWordPiece, padBatch, type WordPiece } from './wordpiece.js';

const BATCH = 16;

/** A loaded export: tokenizer, session and id derived from the model bytes. */
export interface HfModel {
  readonly id: string;
  readonly tokenizer: WordPiece;
  readonly session: InferenceSession;
  readonly ort: typeof import('onnxruntime-node');
}

/** Opens `<dir>/tokenizer.json` and `<dir>/model.onnx`; a missing file is one clear error. */
export async function loadHfModel(dir: string, kind: string): Promise<HfModel> {
  const modelPath = join(dir, 'model.onnx');
  if (!existsSync(modelPath)) {
    throw new InvalidDataError(
      `models: ${modelPath} is missing (give a folder with an ONNX export of a ${kind})`,
      {
        file: modelPath,
      },
    );
  }
  const bytes = readFileSync(modelPath);
  const tokenizer = loadWordPiece(join(dir, 'tokenizer.json'));
  let session: InferenceSession;
  try {
    session = await createSession(bytes);
  } catch (error) {
    throw new InvalidDataError(
      `models: ${modelPath} is not a loadable ONNX model (${String(error).split('\n')[0]})`,
      {
        file: modelPath,
      },
    );
  }
  return {
    id: `hf/${sha256(bytes).slice(0, 12)}`,
    tokenizer,
    session,
    ort: await import('onnxruntime-node'),
  };
}

/** Runs a batch of encodings, feeding whichever of the BERT inputs the graph declares. */
export async function runEncodings(
  model: HfModel,
  encodings: readonly Encoding[],
): Promise<{ output: Tensor; mask: BigInt64Array; length: number }> {
  const { length, ids, mask, types } = padBatch(encodings);
  const dims = [encodings.length, length];
  const feeds: Record<string, Tensor> = {};
  const available: Record<string, BigInt64Array> = {
    input_ids: ids,
    attention_mask: mask,
    token_type_ids: types,
  };
  for (const name of model.session.inputNames) {
    const data = available[name];
    if (data === undefined) {
      throw new InvalidDataError(
        `models: ONNX input "${name}" is not a BERT input (input_ids, attention_mask, token_type_ids)`,
      );
    }
    feeds[name] = new model.ort.Tensor('int64', data, dims);
  }
  const result = await model.session.run(feeds);
  return { output: result[model.session.outputNames[0]!]!, mask, length };
}

function meanPool(output: Tensor, mask: BigInt64Array, batch: number, length: number): Float32Array[] {
  const data = output.data as Float32Array;
  if (output.dims.length === 2) {
    const dim = Number(output.dims[1]);
    return Array.from({ length: batch }, (_, b) => normalise(data.slice(b * dim, (b + 1) * dim)));
  }
  const dim = Number(output.dims[2]);
  return Array.from({ length: batch }, (_, b) => {
    const sum = new Float32Array(dim);
    let count = 0;
    for (let t = 0; t < length; t++) {
      if (mask[b * length + t] === 0n) continue;
      count++;
      for (let k = 0; k < dim; k++) sum[k]! += data[(b * length + t) * dim + k]!;
    }
    for (let k = 0; k < dim; k++) sum[k]! /= Math.max(count, 1);
    return normalise(sum);
  });
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return v.map((x) => x * scale);
}

/** An Embedder over a sentence-transformers ONNX export. */
export async function createHfEmbedder(dir: string, maxTokens = 256): Promise<Embedder> {
  const model = await loadHfModel(dir, 'sentence-transformers embedder');
  const probe = await runEncodings(model, [model.tokenizer.encode('probe', maxTokens)]);
  const dimension = Number(probe.output.dims.at(-1));
  return {
    id: model.id,
    dimension,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        const batch = texts
          .slice(start, start + BATCH)
          .map((text) => model.tokenizer.encode(text, maxTokens));
        const { output, mask, length } = await runEncodings(model, batch);
        out.push(...meanPool(output, mask, batch.length, length));
      }
      return out;
    },
  };
}
