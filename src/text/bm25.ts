/**
 * The BM25 weight of one term in one document (Robertson & Zaragoza 2009), pure: counts in, a number out.
 * Every BM25 we compute ourselves (the oracle's component profiles, the bench's plain baseline) uses it;
 * the wink and FTS5 engines compute their own.
 */

export interface Bm25Params {
  readonly k1: number;
  readonly b: number;
}

/** The classic defaults. */
export const BM25_DEFAULTS: Bm25Params = { k1: 1.2, b: 0.75 };

/**
 * Inverse document frequency in the non-negative Lucene form ln(1 + (N − df + 0.5) / (df + 0.5)), so very
 * common terms never subtract from a score.
 */
export function bm25Idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** A term's weight from its idf: term frequency saturated by k1 and normalised for document length by b. */
export function bm25Weight(
  tf: number,
  idf: number,
  docLength: number,
  avgDocLength: number,
  params: Bm25Params = BM25_DEFAULTS,
): number {
  const norm = params.k1 * (1 - params.b + (params.b * docLength) / (avgDocLength || 1));
  return idf * ((tf * (params.k1 + 1)) / (tf + norm));
}

/** BM25 weight of one term in one document from raw counts; 0 when the term is absent. */
export function bm25Term(
  tf: number,
  df: number,
  docCount: number,
  docLength: number,
  avgDocLength: number,
  params: Bm25Params = BM25_DEFAULTS,
): number {
  if (tf <= 0 || df <= 0) return 0;
  return bm25Weight(tf, bm25Idf(df, docCount), docLength, avgDocLength, params);
}
