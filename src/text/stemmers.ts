/**
 * The stemmers of the project behind one interface, each named for the index whose stored terms it must
 * reproduce: a stem looked up in an index is only found when it was made the way that index made it.
 */
import porter2 from 'wink-porter2-stemmer';
import { porterStemReference } from './porter.js';

/** Turns a lower-case word into the term an index stores for it. */
export interface Stemmer {
  /** Names the stemmer's behaviour; stems cached under another id are not reused. */
  readonly id: string;
  stem(word: string): string;
}

/**
 * A Latin letter with a diacritic as its base letter, other letters case-folded (what unicode61 does:
 * "é" → "e", the micro sign → "μ").
 */
function foldLetter(char: string): string {
  const base = char.normalize('NFD')[0]!;
  if (base >= 'a' && base <= 'z') return base;
  const folded = char.toUpperCase().toLowerCase();
  return folded.length === char.length ? folded : char;
}

/** SQLite FTS5 stems tokens of 3 to 64 bytes (UTF-8) and leaves others as they are. */
const FTS5_PORTER_MAX_TOKEN = 64;

/**
 * What SQLite FTS5's `porter` tokenizer (over `unicode61`, diacritics removed) stores for a word: Porter
 * (1980) as its reference C code runs it, tokens under 3 or over 64 bytes as they are.
 */
export const FTS5_PORTER: Stemmer = {
  id: 'fts5-porter',
  stem(word) {
    const folded = word.replace(/[^\p{ASCII}]/gu, foldLetter);
    const bytes = Buffer.byteLength(folded);
    if (bytes < 3 || bytes > FTS5_PORTER_MAX_TOKEN) return folded;
    return porterStemReference(folded);
  },
};

/** What the in-memory wink BM25 index stores: Porter2 (wink-porter2-stemmer). */
export const WINK_PORTER2: Stemmer = { id: 'porter2', stem: (word) => porter2(word) };

/** Words a cached stemmer remembers before it starts over, so a long-running server stays bounded. */
const STEM_CACHE_LIMIT = 50_000;

/**
 * A stem function that remembers its answers (stemming is the slow part of building an index, and texts
 * repeat their words), owned by the caller so no state is shared between modules.
 */
export function cachedStem(
  stem: (word: string) => string,
  limit = STEM_CACHE_LIMIT,
): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    if (cache.size >= limit) cache.clear();
    const result = stem(word);
    cache.set(word, result);
    return result;
  };
}
