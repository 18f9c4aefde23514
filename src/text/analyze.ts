/**
 * Turns text into search terms for the in-memory BM25 engine and the FTS5 query builder: lower-cased
 * letter/digit runs, English stop words removed, Porter2 stems (the stemmer Robertson-style BM25 setups use).
 */
import stem from 'wink-porter2-stemmer';

/** Words that carry no topic in a question; removed before ORing the remaining words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
    'my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to ' +
    'too under until up very was we were what when where which while who whom why will with would you ' +
    'your yours yourself yourselves use using used want need get way also may might must shall s t don'
  ).split(' '),
);

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
  return contentWords(text).map((word) => stem(word));
}

/**
 * `analyze` with a stem cache owned by the returned function: indexing a collection stems each distinct
 * word once instead of once per occurrence (Porter2 is the slow part of building an index).
 */
export function createAnalyzer(): (text: string) => string[] {
  const stems = new Map<string, string>();
  return (text) =>
    contentWords(text).map((word) => {
      let stemmed = stems.get(word);
      if (stemmed === undefined) {
        stemmed = stem(word);
        stems.set(word, stemmed);
      }
      return stemmed;
    });
}
