/**
 * Turns text into search terms for the in-memory BM25 engine and the FTS5 query builder: lower-cased
 * letter/digit runs, stop words removed, Porter2 stems (what the wink index stores).
 */
import { cachedStem, WINK_PORTER2 } from './stemmers.js';
import { STOP_WORDS } from './stop-words.js';

const WORD = /[\p{L}\p{N}_]+/gu;

/** Lower-cased word tokens in order, split the way SQLite's unicode61 tokenizer splits them. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Content words of a text: tokens without stop words, before stemming (what FTS5 receives). */
export function contentWords(text: string): string[] {
  return tokenize(text).filter((word) => !STOP_WORDS.has(word));
}

/** Stemmed content terms of a text (what the wink BM25 engine indexes and searches). */
export function analyze(text: string): string[] {
  return contentWords(text).map((word) => WINK_PORTER2.stem(word));
}

/**
 * `analyze` with a stem cache owned by the returned function: indexing a collection stems each distinct
 * word once instead of once per occurrence (Porter2 is the slow part of building an index).
 */
export function createAnalyzer(): (text: string) => string[] {
  const stem = cachedStem(WINK_PORTER2.stem, Number.POSITIVE_INFINITY);
  return (text) => contentWords(text).map(stem);
}
