/**
 * The shipped models are computed in JavaScript from their ONNX files (dense/word-embedder.ts,
 * rerank/file-reranker.ts, rerank/similarity.ts); these tests run the same files with onnxruntime and
 * require the same float32 bits, so stored vectors and rankings do not depend on which one ran.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { EMBEDDER_FILE, writeWordModel } from '../../../src/retrieval/dense/model-files.js';
import { createWordEmbedder } from '../../../src/retrieval/dense/word-embedder.js';
import { shippedModelDir } from '../../../src/retrieval/models/provider.js';
import { fma32, logistic32 } from '../../../src/retrieval/onnx/float32.js';
import { buildFileRerankerOnnx } from '../../../src/retrieval/onnx/reranker-graph.js';
import { createSession } from '../../../src/retrieval/onnx/session.js';
import { similarityGraph } from '../../../src/retrieval/onnx/similarity-graph.js';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  fileFeatures,
  isNaturalQuestion,
} from '../../../src/retrieval/rerank/file-features.js';
import { createFileReranker, FILE_RERANKER_FILE } from '../../../src/retrieval/rerank/file-reranker.js';
import { createWordSimilarities } from '../../../src/retrieval/rerank/similarity.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { tempDir } from '../../temp-dirs.js';
import { candidate, chunk } from '../rerank/file-fixtures.js';

/** A seeded generator (LCG), so every run checks the same numbers. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Positions where two float arrays differ (+0 and -0 count as equal). */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  return Array.from({ length: a.length }, (_, i) => i).filter((i) => a[i] !== b[i]);
}

describe('the word embedder gives onnxruntime bits', () => {
  const next = random(5);
  const dim = 96;
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const input = Float32Array.from(
    { length: words.length * dim },
    () => (next() - 0.5) * 2 ** (next() * 6 - 3),
  );
  const counts = Float64Array.from(words, () => 1 + Math.floor(next() * 5000));
  const dir = tempDir('parity-embedder-');
  writeWordModel(dir, { words, counts, dim, input, output: new Float32Array(input.length) });
  const onnx = readFileSync(join(dir, `${EMBEDDER_FILE}.onnx`));
  const texts = Array.from({ length: 150 }, (_, t) =>
    Array.from({ length: t % 75 }, () => words[Math.floor(next() * words.length)]).join(' '),
  );

  /** The graph run by onnxruntime, texts padded to the longest as batches were. */
  async function withOnnxruntime(batch: readonly string[]): Promise<Float32Array[]> {
    const session = await createSession(onnx);
    const index = new Map(words.map((word, i) => [word, i]));
    const encoded = batch.map((text) => text.split(' ').flatMap((word) => index.get(word) ?? []));
    const length = Math.max(1, ...encoded.map((ids) => ids.length));
    const ids = new BigInt64Array(batch.length * length);
    const mask = new Float32Array(batch.length * length);
    encoded.forEach((row, b) => {
      row.forEach((id, t) => {
        ids[b * length + t] = BigInt(id);
        mask[b * length + t] = 1;
      });
    });
    const result = await session.run({
      ids: new ort.Tensor('int64', ids, [batch.length, length]),
      mask: new ort.Tensor('float32', mask, [batch.length, length]),
    });
    const data = result['embedding']!.data as Float32Array;
    return batch.map((_, b) => data.slice(b * dim, (b + 1) * dim));
  }

  it('for a question (a batch of one) and for the batches indexing embeds', async () => {
    const embedder = await createWordEmbedder({
      id: 'test',
      dim,
      index: new Map(words.map((word, i) => [word, i])),
      onnx,
    });
    for (const text of texts.slice(0, 80)) {
      const [mine] = await embedder.embed([text]);
      const [theirs] = await withOnnxruntime([text]);
      expect(differences(mine!, theirs!), `"${text}"`).toEqual([]);
    }
    const mine = await embedder.embed(texts.slice(0, 64));
    const theirs = await withOnnxruntime(texts.slice(0, 64));
    mine.forEach((vector, i) => {
      expect(differences(vector, theirs[i]!), `text ${i} of a batch`).toEqual([]);
    });
  });
});

describe('the file reranker gives onnxruntime bits', () => {
  const head = [
    candidate(1, [chunk('a.md', 0, 'memory pool allocator'), chunk('a.md', 1, 'pool sizes')], 9, 0.8),
    candidate(2, [chunk('b.md', 0, 'pinned memory buffers'), chunk('b.md', 1, 'x')], 7, 0.6),
    candidate(3, [chunk('c.md', 0, 'gardening in the memory of trees')], undefined, 0.1),
    candidate(4, [chunk('d.md', 0, 'pool')], 2, undefined),
  ];
  const questions = ['memory pool', 'How do I size the memory pool?', 'pinned buffers for gardening'];

  async function compare(onnx: Uint8Array): Promise<void> {
    const reranker = await createFileReranker('test', onnx);
    const session = await createSession(onnx);
    for (const question of questions)
      for (let size = 1; size <= head.length; size++) {
        const part = head.slice(0, size);
        const rows = await fileFeatures(question, part);
        const result = await session.run({
          features: new ort.Tensor('float32', Float32Array.from(rows.flat()), [size, FILE_FEATURE_COUNT]),
          multi: new ort.Tensor('float32', Float32Array.from([chunksPerFile(part)]), [1]),
          natural: new ort.Tensor('float32', Float32Array.from([isNaturalQuestion(question) ? 1 : 0]), [1]),
        });
        const mine = await reranker.scoreCandidates!(question, part);
        expect(differences(mine, result['score']!.data as Float32Array), `${question} / ${size}`).toEqual([]);
      }
  }

  it('with the shipped model', async () => {
    await compare(readFileSync(join(shippedModelDir(), FILE_RERANKER_FILE)));
  });

  it('with seeded random models', async () => {
    const next = random(9);
    const linear = () => ({
      weights: Array.from({ length: FILE_FEATURE_COUNT }, () => (next() - 0.5) * 4),
      bias: next() - 0.5,
    });
    for (let m = 0; m < 8; m++) {
      const gate = { a: (next() - 0.5) * 20, b: (next() - 0.5) * 20 };
      await compare(buildFileRerankerOnnx({ section: linear(), page: linear(), gate, natural: linear() }));
    }
  });

  it('computes the logistic gate and fused multiply-adds as onnxruntime does', async () => {
    const onnx = buildFileRerankerOnnx({
      section: { weights: new Array(FILE_FEATURE_COUNT).fill(0), bias: 0 },
      page: { weights: new Array(FILE_FEATURE_COUNT).fill(0), bias: 1 },
      gate: { a: 1, b: 0 },
      natural: { weights: new Array(FILE_FEATURE_COUNT).fill(0), bias: 0 },
    });
    const session = await createSession(onnx);
    const next = random(13);
    const inputs = Float32Array.from({ length: 400 }, () => (next() - 0.5) * 50);
    for (const x of inputs) {
      const result = await session.run({
        features: new ort.Tensor('float32', new Float32Array(FILE_FEATURE_COUNT), [1, FILE_FEATURE_COUNT]),
        multi: new ort.Tensor('float32', Float32Array.from([x]), [1]),
        natural: new ort.Tensor('float32', Float32Array.from([0]), [1]),
      });
      expect(logistic32(x)).toBe((result['score']!.data as Float32Array)[0]);
    }
    // (1 + 2^-12)^2 + 2^-60 lies just above a float32 midpoint; a double sum rounds it onto the midpoint.
    const a = Math.fround(1 + 2 ** -12);
    expect(fma32(a, a, 2 ** -60)).toBe(1 + 2 ** -11 + 2 ** -23);
    expect(Math.fround(a * a + 2 ** -60)).toBe(1 + 2 ** -11);
    expect(fma32(a, a, -(2 ** -60))).toBe(1 + 2 ** -11);
    expect(fma32(2, 3, 4)).toBe(10);
  });
});

describe('word similarities give onnxruntime bits', () => {
  it('for one or more words and one or more question terms', async () => {
    const next = random(21);
    for (const dim of [13, 96]) await compareSimilarities(next, dim);
  });
});

async function compareSimilarities(next: () => number, dim: number): Promise<void> {
  const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
  const vocab = featureVocabulary(
    words,
    Float64Array.from(words, () => 10),
    dim,
    Float32Array.from({ length: words.length * dim }, () => next() - 0.5),
  );
  const session = await createSession(similarityGraph());
  const similarities = createWordSimilarities();
  for (const [count, size] of [
    [2, 2],
    [3, 40],
    [5, 7],
    [1, 30],
    [1, 31],
    [1, 29],
    [1, 2],
    [1, 3],
    [1, 6],
    [1, 7],
    [1, 500],
    [4, 1],
    [1, 1],
    [7, 1],
  ] as const) {
    const ids = Array.from({ length: size }, () => Math.floor(next() * words.length));
    const queries = vocab.unitRows(Array.from({ length: count }, () => Math.floor(next() * words.length)));
    const transposed = new Float32Array(dim * count);
    for (let q = 0; q < count; q++)
      for (let k = 0; k < dim; k++) transposed[k * count + q] = queries[q * dim + k]!;
    const result = await session.run({
      table: new ort.Tensor('float32', vocab.unitRows(ids), [size, dim]),
      ids: new ort.Tensor(
        'int32',
        Int32Array.from(ids, (_, i) => i),
        [size],
      ),
      queries: new ort.Tensor('float32', transposed, [dim, count]),
    });
    const mine = await similarities(vocab, ids, queries, count);
    expect(differences(mine, result['cosines']!.data as Float32Array), `${size} × ${count} × ${dim}`).toEqual(
      [],
    );
  }
}
