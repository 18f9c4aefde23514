/**
 * Word vectors and word weights as the reranker's soft-match features read them. Pure: word vectors and
 * frequencies in, numbers out. A question compares a few thousand words at most, so unit vectors are
 * made for the words asked for, not for the whole vocabulary.
 */
import type { WordIndex } from '../dense/word-table.js';

/** Word vectors (unit length) and word frequencies the features use. */
export interface FeatureVocabulary {
  readonly index: WordIndex;
  readonly dim: number;
  /** The unit vectors of words `ids`, side by side (row-major [ids.length × dim]). */
  unitRows(ids: readonly number[]): Float32Array;
  /**
   * Inverse frequency weight of word `id` (as a float32); unknown words get `unknownIdf`. Computed when
   * asked: a search weighs its question's few words, not the whole vocabulary.
   */
  idf(id: number): number;
  readonly unknownIdf: number;
}

/**
 * Writes word `row`'s unit vector at `at` of `into`: its float32 coordinates over their norm, the squares
 * summed in double. Written out per kind of table, without a call per coordinate: a fresh search makes
 * some thousands of them.
 */
type UnitRow = (row: number, into: Float32Array, at: number) => void;

function vocabularyOf(
  index: WordIndex,
  counts: Float64Array,
  dim: number,
  unitRow: UnitRow,
): FeatureVocabulary {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  return {
    index,
    dim,
    unitRows(ids) {
      const unit = new Float32Array(ids.length * dim);
      for (let i = 0; i < ids.length; i++) unitRow(ids[i]!, unit, i * dim);
      return unit;
    },
    idf: (id) => Math.fround(idfOf(counts[id]!)),
    unknownIdf: idfOf(0),
  };
}

/** Unit vectors and inverse-frequency weights from float word vectors and their corpus counts. */
export function featureVocabulary(
  words: readonly string[],
  counts: Float64Array,
  dim: number,
  input: Float32Array,
): FeatureVocabulary {
  const index = new Map(words.map((word, i) => [word, i]));
  return vocabularyOf(index, counts, dim, (row, into, at) => {
    const base = row * dim;
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += input[base + k]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) into[at + k] = input[base + k]! * scale;
  });
}

/**
 * The same from int8 word vectors with a scale per row (a model's vectors file), read in place: each
 * coordinate is the float32 value dequantising would have stored.
 */
export function quantizedFeatureVocabulary(
  index: WordIndex,
  counts: Float64Array,
  dim: number,
  vectors: { readonly values: Int8Array; readonly scales: Float32Array },
): FeatureVocabulary {
  const { values, scales } = vectors;
  return vocabularyOf(index, counts, dim, (row, into, at) => {
    const base = row * dim;
    const rowScale = scales[row]!;
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += Math.fround(values[base + k]! * rowScale) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) into[at + k] = Math.fround(values[base + k]! * rowScale) * scale;
  });
}
