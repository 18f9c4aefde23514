/**
 * Word vectors and word weights as the reranker's soft-match features read them. Pure: word vectors and
 * frequencies in, numbers out.
 */

/** Word vectors (unit length) and word frequencies the features use. */
export interface FeatureVocabulary {
  readonly index: ReadonlyMap<string, number>;
  readonly dim: number;
  /** Row-major unit vectors. */
  readonly unit: Float32Array;
  /** Inverse frequency weight per word id; unknown words get `unknownIdf`. */
  readonly idf: Float32Array;
  readonly unknownIdf: number;
}

/** Unit vectors and inverse-frequency weights from word vectors and their corpus counts. */
export function featureVocabulary(
  words: readonly string[],
  counts: Float64Array,
  dim: number,
  input: Float32Array,
): FeatureVocabulary {
  let total = 0;
  for (const c of counts) total += c;
  const unit = new Float32Array(input.length);
  for (let r = 0; r < words.length; r++) {
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += input[r * dim + k]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < dim; k++) unit[r * dim + k] = input[r * dim + k]! * scale;
  }
  const idfOf = (count: number) => Math.log1p((1e-4 * total) / (count + 1));
  return {
    index: new Map(words.map((word, i) => [word, i])),
    dim,
    unit,
    idf: Float32Array.from(counts, idfOf),
    unknownIdf: idfOf(0),
  };
}
