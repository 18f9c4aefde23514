import { describe, expect, it } from 'vitest';
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureVocabulary,
  pairFeatures,
  questionTerms,
} from '../../src/retrieval/rerank-features.js';
import { buildRerankerOnnx, createKnrmReranker, type MlpWeights } from '../../src/retrieval/rerank-knrm.js';
import { scoreRow, trainMlp } from '../../src/retrieval/train/mlp.js';
import type { Chunk } from '../../src/retrieval/types.js';

/** gpu and cuda point the same way, shell elsewhere; "the" is very frequent. */
const VOCAB = featureVocabulary(
  ['the', 'gpu', 'cuda', 'shell', 'train', 'model'],
  Float64Array.from([1_000_000, 50, 50, 50, 80, 80]),
  2,
  Float32Array.from([1, 1, 1, 0, 0.9, 0.1, 0, 1, 0.7, 0.7, 0.5, 0.8]),
);
const feature = (row: number[], name: (typeof FEATURE_NAMES)[number]) => row[FEATURE_NAMES.indexOf(name)]!;
const candidate = (text: string, headings: string[] = []) => ({ text, headings, source: 'a.md' });

describe('rerank features', () => {
  it('drops very frequent words from the question and keeps unknown ones', () => {
    expect(questionTerms('the gpu trueno', VOCAB).map((t) => t.token)).toEqual(['gpu', 'trueno']);
  });

  it('counts exact matches in the first kernel and near synonyms in the soft ones', () => {
    const terms = questionTerms('gpu', VOCAB);
    const exact = pairFeatures(terms, candidate('gpu kernels'), VOCAB);
    const synonym = pairFeatures(terms, candidate('cuda kernels'), VOCAB);
    const unrelated = pairFeatures(terms, candidate('shell kernels'), VOCAB);
    expect(feature(exact, 'knrm_1')).toBeGreaterThan(feature(synonym, 'knrm_1'));
    expect(feature(synonym, 'knrm_0.9')).toBeGreaterThan(feature(unrelated, 'knrm_0.9'));
    expect(exact).toHaveLength(FEATURE_COUNT);
  });

  it('measures heading and body coverage and proximity', () => {
    const terms = questionTerms('train model gpu', VOCAB);
    const close = pairFeatures(terms, candidate('train the model on gpu', ['GPU']), VOCAB);
    const far = pairFeatures(
      terms,
      candidate(`train ${'x '.repeat(50)} model ${'y '.repeat(50)} gpu`),
      VOCAB,
    );
    expect(feature(close, 'body_coverage')).toBeCloseTo(1, 5);
    expect(feature(close, 'heading_coverage')).toBeGreaterThan(0);
    expect(feature(far, 'heading_coverage')).toBe(0);
    expect(feature(close, 'proximity')).toBeGreaterThan(feature(far, 'proximity'));
  });
});

describe('KNRM reranker through onnxruntime', () => {
  it('scores with the MLP it was given (here: body coverage alone)', async () => {
    const hidden = 2;
    const w1 = new Float32Array(FEATURE_COUNT * hidden);
    w1[FEATURE_NAMES.indexOf('body_coverage') * hidden] = 1;
    const weights: MlpWeights = {
      mean: new Float32Array(FEATURE_COUNT),
      std: new Float32Array(FEATURE_COUNT).fill(1),
      w1,
      b1: new Float32Array(hidden),
      w2: Float32Array.from([2, 0]),
      b2: 0.5,
    };
    const reranker = await createKnrmReranker('test', buildRerankerOnnx(weights), VOCAB);
    const chunk = (text: string): Chunk => ({
      id: text,
      collection: 'c',
      source: 'a.md',
      component: null,
      headings: [],
      lines: [1, 1],
      text,
    });
    const scores = await reranker.score('train gpu', [
      chunk('train on gpu'),
      chunk('gpu only'),
      chunk('shell'),
    ]);
    expect(scores[0]).toBeCloseTo(2.5, 4);
    expect(scores[1]!).toBeGreaterThan(scores[2]!);
    expect(scores[2]).toBeCloseTo(0.5, 4);
    expect(await reranker.score('train gpu', [])).toEqual([]);
  });

  it('runs the exported graph exactly as the trainer scores', async () => {
    const row = (i: number) =>
      Array.from({ length: FEATURE_COUNT }, (_, k) => Math.sin(i * 7 + k * 3) * (k + 1));
    const groups = Array.from({ length: 40 }, (_, i) => ({ rows: [row(i), row(i + 100), row(i + 200)] }));
    const weights = trainMlp(groups, FEATURE_COUNT, {
      hidden: 16,
      epochs: 3,
      learningRate: 0.01,
      momentum: 0.9,
      seed: 2,
    });
    const reranker = await createKnrmReranker('t', buildRerankerOnnx(weights), VOCAB);
    const texts = ['train the gpu model', 'shell', 'cuda cuda cuda', 'the'];
    const chunks = texts.map(
      (text): Chunk => ({
        id: text,
        collection: 'c',
        source: 'a.md',
        component: null,
        headings: ['GPU'],
        lines: [1, 1],
        text,
      }),
    );
    const scores = await reranker.score('train gpu model', chunks);
    const terms = questionTerms('train gpu model', VOCAB);
    chunks.forEach((chunk, i) => {
      expect(scores[i]).toBeCloseTo(scoreRow(weights, pairFeatures(terms, chunk, VOCAB)), 4);
    });
  });
});
