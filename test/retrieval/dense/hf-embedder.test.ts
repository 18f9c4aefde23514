import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordPiece } from '../../../src/retrieval/dense/wordpiece.js';
import { createModelProvider } from '../../../src/retrieval/models/provider.js';
import { encodeOnnxModel, ONNX_TYPE } from '../../../src/retrieval/onnx/proto.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { tempDir } from '../../temp-dirs.js';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'gpu', 'train', '##ing', 'shell', 'model', '?'];
const DIM = 4;

function tokenizerJson(): string {
  return JSON.stringify({
    normalizer: { type: 'BertNormalizer', lowercase: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])),
    },
  });
}

/** Token table: "gpu" and "train" share an axis, "shell" has its own, specials are zero. */
function table(): Float32Array {
  const rows: Record<string, number[]> = {
    gpu: [1, 0, 0, 0],
    train: [0.9, 0.1, 0, 0],
    '##ing': [0, 0, 0, 1],
    shell: [0, 0, 1, 0],
    model: [0.5, 0.5, 0, 0],
  };
  return Float32Array.from(VOCAB.flatMap((t) => rows[t] ?? [0, 0, 0, 0]));
}

/** A BERT-shaped embedder: input_ids + attention_mask + token_type_ids → last_hidden_state [B, L, D]. */
function embedderOnnx(): Buffer {
  return encodeOnnxModel({
    name: 'tiny-bert',
    opset: 13,
    initializers: [{ name: 'emb', type: ONNX_TYPE.float, dims: [VOCAB.length, DIM], data: table() }],
    nodes: [{ op: 'Gather', inputs: ['emb', 'input_ids'], outputs: ['last_hidden_state'] }],
    inputs: [
      { name: 'input_ids', type: ONNX_TYPE.int64, dims: ['b', 'l'] },
      { name: 'attention_mask', type: ONNX_TYPE.int64, dims: ['b', 'l'] },
      { name: 'token_type_ids', type: ONNX_TYPE.int64, dims: ['b', 'l'] },
    ],
    outputs: [{ name: 'last_hidden_state', type: ONNX_TYPE.float, dims: ['b', 'l', DIM] }],
  });
}

/** A cross-encoder: logit = sum over tokens of the first embedding column. */
function crossEncoderOnnx(): Buffer {
  return encodeOnnxModel({
    name: 'tiny-cross-encoder',
    opset: 13,
    initializers: [
      { name: 'emb', type: ONNX_TYPE.float, dims: [VOCAB.length, DIM], data: table() },
      { name: 'w', type: ONNX_TYPE.float, dims: [DIM, 1], data: Float32Array.from([1, 0, 0, 0]) },
      { name: 'axis', type: ONNX_TYPE.int64, dims: [1], data: BigInt64Array.from([1n]) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['emb', 'input_ids'], outputs: ['h'] },
      { op: 'ReduceSum', inputs: ['h', 'axis'], outputs: ['pooled'], attributes: { keepdims: { int: 0 } } },
      { op: 'MatMul', inputs: ['pooled', 'w'], outputs: ['logits'] },
    ],
    inputs: [{ name: 'input_ids', type: ONNX_TYPE.int64, dims: ['b', 'l'] }],
    outputs: [{ name: 'logits', type: ONNX_TYPE.float, dims: ['b', 1] }],
  });
}

function folder(model: Buffer): string {
  const dir = tempDir('hf-model-');
  writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson());
  writeFileSync(join(dir, 'model.onnx'), model);
  return dir;
}

describe('WordPiece tokenizer', () => {
  it('lower-cases, splits punctuation and word pieces, and truncates', () => {
    const dir = folder(embedderOnnx());
    const tokenizer = loadWordPiece(join(dir, 'tokenizer.json'));
    expect(tokenizer.encode('Training GPU?', 16).ids).toEqual([2, 5, 6, 4, 9, 3]);
    expect(tokenizer.encode('gpu gpu gpu gpu', 4).ids).toEqual([2, 4, 4, 3]);
    expect(tokenizer.encode('zebra', 8).ids).toEqual([2, 1, 3]);
    const pair = tokenizer.encodePair('gpu', 'shell model', 16);
    expect(pair.ids).toEqual([2, 4, 3, 7, 8, 3]);
    expect(pair.typeIds).toEqual([0, 0, 0, 1, 1, 1]);
  });
});

describe('Hugging Face exports through the ModelProvider', () => {
  it('mean-pools a sentence embedder over the attention mask', async () => {
    const provider = createModelProvider({ huggingFace: { embedder: folder(embedderOnnx()) } });
    expect(provider.adapt).toBeUndefined();
    const embedder = await provider.embedder(null);
    expect(embedder.dimension).toBe(DIM);
    const [gpu, shell, padded] = await embedder.embed(['gpu', 'shell', 'gpu gpu gpu gpu gpu']);
    expect(Array.from(gpu!)).toEqual([1, 0, 0, 0]);
    expect(Array.from(shell!)).toEqual([0, 0, 1, 0]);
    expect(Array.from(padded!)).toEqual([1, 0, 0, 0]);
  });

  it('scores pairs with a cross-encoder', async () => {
    const provider = createModelProvider({ huggingFace: { reranker: folder(crossEncoderOnnx()) } });
    const reranker = (await provider.reranker())!;
    const chunk = (text: string): Chunk => ({
      id: text,
      collection: 'c',
      source: 'a.md',
      component: null,
      headings: [],
      lines: [1, 1],
      text,
    });
    const [gpu, shell] = await reranker.score('train', [chunk('gpu gpu'), chunk('shell')]);
    expect(gpu).toBeCloseTo(2.9, 5);
    expect(shell).toBeCloseTo(0.9, 5);
  });

  it('names the missing file when the folder is incomplete', async () => {
    const dir = folder(embedderOnnx());
    rmSync(join(dir, 'model.onnx'));
    await expect(
      createModelProvider({ huggingFace: { embedder: dir } }).embedder(null),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      details: { file: join(dir, 'model.onnx') },
    });
  });
});
