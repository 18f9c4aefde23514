import { describe, expect, it } from 'vitest';
import { createWordSimilarities } from '../../../src/retrieval/rerank/similarity.js';

const wordSimilarities = createWordSimilarities();

import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';

describe('word similarities', () => {
  const vocab = featureVocabulary(
    ['east', 'north', 'northeast'],
    Float64Array.from([10, 10, 10]),
    2,
    Float32Array.from([1, 0, 0, 1, 1, 1]),
  );

  it('gives the cosine of each word with each query vector', async () => {
    const queries = Float32Array.from([1, 0, 0, 1]);
    const cosines = await wordSimilarities(vocab, [0, 2, 1], queries, 2);
    const expected = [1, 0, Math.SQRT1_2, Math.SQRT1_2, 0, 1];
    expect(cosines).toHaveLength(6);
    cosines.forEach((c, i) => {
      expect(c).toBeCloseTo(expected[i]!, 5);
    });
  });

  it('answers nothing for no words or no queries', async () => {
    expect(await wordSimilarities(vocab, [], Float32Array.from([1, 0]), 1)).toHaveLength(0);
    expect(await wordSimilarities(vocab, [0], new Float32Array(0), 0)).toHaveLength(0);
  });
});
