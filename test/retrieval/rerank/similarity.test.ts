import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/lib/random.js';
import {
  createNativeWordSimilarities,
  createWordSimilarities,
  type WordSimilarities,
} from '../../../src/retrieval/rerank/similarity.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';

const IMPLEMENTATIONS: ReadonlyArray<[string, WordSimilarities]> = [
  ['in JavaScript', createWordSimilarities()],
  ['in onnxruntime (servers)', createNativeWordSimilarities()],
];

describe.each(IMPLEMENTATIONS)('word similarities %s', (_name, wordSimilarities) => {
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

describe('word similarities in onnxruntime', () => {
  it('give the same numbers as the JavaScript ones on heads of many words', async () => {
    const next = createRandom(20261205);
    const dim = 32;
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const vocab = featureVocabulary(
      words,
      Float64Array.from(words, () => 10),
      dim,
      Float32Array.from({ length: words.length * dim }, () => next() - 0.5),
    );
    const [js, native] = IMPLEMENTATIONS.map(([, similarities]) => similarities);
    for (const count of [1, 3]) {
      const ids = Array.from({ length: 300 }, () => Math.floor(next() * words.length));
      const queries = vocab.unitRows(Array.from({ length: count }, () => Math.floor(next() * words.length)));
      const mine = await native!(vocab, ids, queries, count);
      const reference = await js!(vocab, ids, queries, count);
      expect(mine).toHaveLength(reference.length);
      for (let i = 0; i < mine.length; i++) expect(mine[i]).toBeCloseTo(reference[i]!, 6);
    }
  });
});
