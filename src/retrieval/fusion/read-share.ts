/**
 * How much of a question BM25 can read, and the first stage one question gets from it. Min-max
 * normalisation gives BM25's best hit a score of 1 however weak the match (Bruch, Gai & Ingber 2023 §4), so
 * a question whose weight lies in words the collection lacks, or that its best BM25 hit lacks, lets a weak
 * lexical match pull the fusion as hard as a strong one. The read share is the question's IDF mass (BM25's
 * IDF, Robertson & Zaragoza 2009) held by BM25's best hit over the mass of all its words, a word the
 * collection lacks counting at the collection's highest IDF; the question's first stage takes the BM25
 * leg's weight times 1 − shift · (1 − read share). Pure.
 */
import type { FirstStage } from './first-stage.js';

/** How many chunks hold each word of a question, and how many chunks the collection has. */
export interface WordCounts {
  readonly total: number;
  readonly counts: ReadonlyMap<string, number>;
}

/** BM25's IDF of a word found in `found` of `total` chunks; 0 chunks gives the collection's highest IDF. */
export function bm25Idf(found: number, total: number): number {
  return Math.log(1 + (total - found + 0.5) / (found + 0.5));
}

/**
 * The share of the question's IDF mass held by BM25's best hit: `words` are the question's distinct
 * content words, `held` tells whether the best hit holds a word. 1 when the question has no words.
 */
export function readShare(
  words: readonly string[],
  counts: WordCounts,
  held: (word: string) => boolean,
): number {
  let all = 0;
  let read = 0;
  for (const word of new Set(words)) {
    const idf = bm25Idf(counts.counts.get(word) ?? 0, counts.total);
    all += idf;
    if (held(word)) read += idf;
  }
  return all > 0 ? read / all : 1;
}

/**
 * The first stage for one question: `stage` with its BM25 weight times 1 − shift · (1 − read), so a
 * question BM25 reads whole keeps the stage, and at shift 1 a question it cannot read at all is fused
 * by the dense leg alone.
 */
export function questionStage<S extends FirstStage>(stage: S, read: number, shift: number): S {
  const kept = 1 - Math.min(1, Math.max(0, shift)) * (1 - Math.min(1, Math.max(0, read)));
  return kept === 1 ? stage : { ...stage, bm25Weight: stage.bm25Weight * kept };
}
