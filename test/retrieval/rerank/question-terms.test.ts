import { describe, expect, it } from 'vitest';
import { questionTerms } from '../../../src/retrieval/rerank/question-terms.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';

/** gpu and cuda point the same way, shell elsewhere; "the" is very frequent. */
const VOCAB = featureVocabulary(
  ['the', 'gpu', 'cuda', 'shell', 'train', 'model'],
  Float64Array.from([1_000_000, 50, 50, 50, 80, 80]),
  2,
  Float32Array.from([1, 1, 1, 0, 0.9, 0.1, 0, 1, 0.7, 0.7, 0.5, 0.8]),
);

describe('rerank question terms', () => {
  it('drops very frequent words from the question and keeps unknown ones', () => {
    expect(questionTerms('the gpu trueno', VOCAB).map((t) => t.token)).toEqual(['gpu', 'trueno']);
  });

  it('gives word vectors unit length', () => {
    const [x, y] = VOCAB.unitRows([1]);
    expect(x! * x! + y! * y!).toBeCloseTo(1, 5);
  });
});
