/**
 * BM25 (Robertson & Zaragoza 2009) over a persisted collection through SQLite FTS5: every content word of
 * the question is quoted and ORed (FTS5's porter tokenizer stems both sides), heading weighted over body.
 */
import type { IndexStore } from '../store/index-store.js';
import { contentWords } from './analyze.js';
import type { SparseIndex } from './types.js';

/** Column weights for FTS5 bm25(): heading (file name + heading path), body; 8:1 chosen on the batuta-docs dev split. */
export const FTS_WEIGHTS: readonly [number, number] = [8, 1];

/** The FTS5 MATCH expression for a question: its distinct content words, quoted, ORed; null if none. */
export function ftsOrQuery(question: string): string | null {
  const words = [...new Set(contentWords(question))];
  return words.length === 0 ? null : words.map((word) => `"${word}"`).join(' OR ');
}

/**
 * A SparseIndex over one collection of the index database; with `headingsOnly` it matches the heading
 * column (file name and heading path) alone, a second lexical view that favours documents about a term.
 */
export function createFtsIndex(
  store: IndexStore,
  collectionId: number,
  options: { weights?: readonly [number, number]; headingsOnly?: boolean } = {},
): SparseIndex {
  const weights = options.weights ?? FTS_WEIGHTS;
  return {
    search(question, limit) {
      const match = ftsOrQuery(question);
      if (match === null) return [];
      return store.searchText(
        collectionId,
        options.headingsOnly ? `heading : (${match})` : match,
        limit,
        weights,
      );
    },
  };
}
