/**
 * Word vectors and word weights as the reranker's soft-match features read them. Pure: word vectors and
 * frequencies in, numbers out. A question compares a few thousand words at most, so unit vectors are
 * made for the words asked for, not for the whole vocabulary.
 */

/** Word vectors (unit length) and word frequencies the features use. */
export interface FeatureVocabulary {
  readonly index: ReadonlyMap<string, number>;
  readonly dim: number;
  /** The unit vectors of words `ids`, side by side (row-major [ids.length × dim]). */
  unitRows(ids: readonly number[]): Float32Array;
  /** Inverse frequency weight per word id; unknown words get `unknownIdf`. */
  readonly idf: Float32Array;
  readonly unknownIdf: number;
}

/** Word `row`'s vector, one coordinate at a time, as float32 values. */
type Coordinate = (row: number, k: number) => number;

function vocabularyOf(
  index: ReadonlyMap<string, number>,
  counts: Float64Array,
  dim: number,
  coordinate: Coordinate,
): FeatureVocabulary {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  // A plain loop: Float32Array.from with a mapping function costs a fresh process ~10 ms per 50,000 words.
  const idf = new Float32Array(counts.length);
  for (let i = 0; i < counts.length; i++) idf[i] = idfOf(counts[i]!);
  return {
    index,
    dim,
    unitRows(ids) {
      const unit = new Float32Array(ids.length * dim);
      ids.forEach((row, i) => {
        let norm = 0;
        for (let k = 0; k < dim; k++) norm += coordinate(row, k) ** 2;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let k = 0; k < dim; k++) unit[i * dim + k] = coordinate(row, k) * scale;
      });
      return unit;
    },
    idf,
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
  return vocabularyOf(index, counts, dim, (row, k) => input[row * dim + k]!);
}

/**
 * The same from int8 word vectors with a scale per row (a model's vectors file), read in place: each
 * coordinate is the float32 value dequantising would have stored.
 */
export function quantizedFeatureVocabulary(
  index: ReadonlyMap<string, number>,
  counts: Float64Array,
  dim: number,
  vectors: { readonly values: Int8Array; readonly scales: Float32Array },
): FeatureVocabulary {
  const { values, scales } = vectors;
  return vocabularyOf(index, counts, dim, (row, k) => Math.fround(values[row * dim + k]! * scales[row]!));
}
