/**
 * BM25 (Robertson & Zaragoza 2009) over a persisted collection through SQLite FTS5: every content word of
 * the question is quoted and ORed (FTS5's porter tokenizer stems both sides), heading weighted over body.
 * Statistics are the collection's own. Words found in a large share of its chunks are dropped first:
 * their IDF is near zero, yet FTS5 must score every row they match, which dominates search time on big collections.
 */
import type { IndexStore } from '../../store/index-store.js';
import { contentWords } from '../../text/analyze.js';
import { FTS5_PORTER } from '../../text/stemmers.js';
import type { WordCounts } from '../fusion/read-share.js';
import type { SparseIndex } from '../types.js';

/** Column weights for FTS5 bm25(): heading (file name + heading path), body; 8:1 chosen on the batuta-docs dev split. */
export const FTS_WEIGHTS: readonly [number, number] = [8, 1];

/** Words in more than this share of the collection's chunks are dropped from the query while rarer words remain. */
export const COMMON_WORD_SHARE = 0.15;

/**
 * Pruning starts at this many chunks: below it scoring every matching row is cheap, and on the
 * batuta-docs questions (4,480 chunks) pruning changed dev nDCG@10 by +0.001 but test by −0.023.
 */
export const PRUNE_MIN_CHUNKS = 20_000;

/** The FTS5 MATCH expression for some words: quoted and ORed; null if there are none. */
export function ftsOrMatch(words: readonly string[]): string | null {
  const distinct = [...new Set(words)];
  return distinct.length === 0 ? null : distinct.map((word) => `"${word}"`).join(' OR ');
}

/** The FTS5 MATCH expression for a question: its distinct content words, quoted, ORed; null if none. */
export function ftsOrQuery(question: string): string | null {
  return ftsOrMatch(contentWords(question));
}

/**
 * Keeps the words found in at most `share` of `total` chunks; when every word is that common, keeps the
 * two rarest so the question still matches something.
 */
export function pruneCommonWords(
  words: readonly string[],
  docCounts: ReadonlyMap<string, number>,
  total: number,
  share: number = COMMON_WORD_SHARE,
): string[] {
  const count = (word: string) => docCounts.get(word) ?? 0;
  const kept = words.filter((word) => count(word) <= share * total);
  if (kept.length > 0) return kept;
  return [...words].sort((a, b) => count(a) - count(b)).slice(0, 2);
}

/**
 * How many chunks of the collection hold each word, read from FTS5's vocabulary of stored terms: the
 * word's stem made the way FTS5's porter tokenizer made it.
 */
export function wordDocCounts(
  store: IndexStore,
  collectionId: number,
  words: readonly string[],
): Map<string, number> {
  const stems = words.map((word) => FTS5_PORTER.stem(word));
  const counts = store.termDocCounts(collectionId, stems);
  return new Map(words.map((word, i) => [word, counts.get(stems[i]!)!]));
}

/**
 * The two lexical legs over one collection of the index database: BM25 over heading and body, and BM25
 * over the heading column (file name and heading path) alone, which favours documents about a term; and
 * how many chunks hold each of a question's words (fusion/read-share.ts).
 * They share the question's word list and its chunk counts, so the vocabulary lookups run once per question.
 */
export function createFtsLegs(
  store: IndexStore,
  collectionId: number,
  weights: readonly [number, number] = FTS_WEIGHTS,
): { sparse: SparseIndex; headings: SparseIndex; wordCounts(question: string): WordCounts } {
  let total: number | undefined;
  let counted: { question: string; counts: WordCounts } | undefined;
  const countsOf = (question: string): WordCounts => {
    if (counted?.question !== question) {
      total ??= store.chunkCount(collectionId);
      const words = [...new Set(contentWords(question))];
      counted = { question, counts: { total, counts: wordDocCounts(store, collectionId, words) } };
    }
    return counted.counts;
  };
  let last: { question: string; match: string | null } | undefined;
  const matchOf = (question: string): string | null => {
    if (last?.question === question) return last.match;
    const words = [...new Set(contentWords(question))];
    total ??= store.chunkCount(collectionId);
    const match = ftsOrMatch(
      total < PRUNE_MIN_CHUNKS ? words : pruneCommonWords(words, countsOf(question).counts, total),
    );
    last = { question, match };
    return match;
  };
  const leg = (headingsOnly: boolean): SparseIndex => ({
    search(question, limit) {
      const match = matchOf(question);
      if (match === null) return [];
      return store.searchText(collectionId, headingsOnly ? `heading : (${match})` : match, limit, weights);
    },
  });
  return {
    sparse: leg(false),
    headings: leg(true),
    wordCounts: countsOf,
  };
}
