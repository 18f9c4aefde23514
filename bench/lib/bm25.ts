/**
 * A small self-contained Okapi BM25 (Robertson & Zaragoza 2009) for the plain baseline: no fields, no
 * stemming, query words ORed. Scoring is a pure function; the index only counts.
 */
import { BM25_DEFAULTS, type Bm25Params, bm25Term } from '../../src/text/bm25.js';

export interface Bm25Hit {
  readonly doc: number;
  readonly score: number;
}

/** Posting lists over documents given as word arrays; documents are numbered in insertion order. */
export class Bm25Index {
  readonly #postings = new Map<string, Map<number, number>>();
  readonly #lengths: number[] = [];
  #totalLength = 0;

  constructor(readonly params: Bm25Params = BM25_DEFAULTS) {}

  /** Adds one document and returns its number. */
  add(terms: readonly string[]): number {
    const doc = this.#lengths.length;
    this.#lengths.push(terms.length);
    this.#totalLength += terms.length;
    for (const term of terms) {
      let postings = this.#postings.get(term);
      if (postings === undefined) {
        postings = new Map();
        this.#postings.set(term, postings);
      }
      postings.set(doc, (postings.get(doc) ?? 0) + 1);
    }
    return doc;
  }

  get size(): number {
    return this.#lengths.length;
  }

  /** Documents matching any query term, best first (ties by document number), at most `limit`. */
  search(queryTerms: readonly string[], limit: number): Bm25Hit[] {
    const docCount = this.#lengths.length;
    const avg = docCount === 0 ? 0 : this.#totalLength / docCount;
    const scores = new Map<number, number>();
    for (const term of new Set(queryTerms)) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      for (const [doc, tf] of postings) {
        const weight = bm25Term(tf, postings.size, docCount, this.#lengths[doc] ?? 0, avg, this.params);
        scores.set(doc, (scores.get(doc) ?? 0) + weight);
      }
    }
    return [...scores]
      .map(([doc, score]) => ({ doc, score }))
      .sort((x, y) => y.score - x.score || x.doc - y.doc)
      .slice(0, limit);
  }
}
