/**
 * The everyday English word vectors (wordvec/everyday.ts) as the reranker's soft-match features read a
 * vocabulary. GloVe ships its words in frequency order without counts; Zipf's law (count ∝ 1 / rank) stands
 * in for them, on the scale of a billion-word corpus, so the features weigh rare question words above common
 * ones the way they do in the collection's own vectors.
 */

import type { FileStamps } from '../dense/file-stamps.js';
import { loadEverydayVectors } from '../wordvec/everyday.js';
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';

/** The count Zipf's law gives the most frequent word. */
const ZIPF_TOP_COUNT = 1e9;

/** Unit vectors and Zipf weights of the everyday vectors of a model folder (read and verified when called). */
export function loadEverydayVocabulary(dir: string, stamps?: FileStamps): FeatureVocabulary {
  const vectors = loadEverydayVectors(dir, stamps);
  const { dim, words } = vectors;
  let total = 0;
  for (let r = 0; r < words.length; r++) total += ZIPF_TOP_COUNT / (r + 1);
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  const idf = new Float32Array(words.length);
  for (let r = 0; r < words.length; r++) idf[r] = idfOf(ZIPF_TOP_COUNT / (r + 1));
  return {
    index: {
      get(word) {
        const row = vectors.rowOf(word);
        return row < 0 ? undefined : row;
      },
    },
    dim,
    unitRows(ids) {
      const unit = new Float32Array(ids.length * dim);
      ids.forEach((row, i) => {
        const vector = vectors.vector(words[row]!);
        if (vector !== null) unit.set(vector, i * dim);
      });
      return unit;
    },
    idf,
    unknownIdf: idfOf(0),
  };
}
