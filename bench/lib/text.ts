/**
 * Plain word analysis for the baseline rankers: lower-case alphanumeric words, English stop words
 * removed, no stemming, so the baselines stay the simple reference the engine is measured against.
 */

/** Common English function words and question words; our own list, kept short on purpose. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers him his how i if in into is it its itself just me more most my no nor not now
  of off on once only or other our ours out over own same she should so some such than that the their
  theirs them then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

const WORD = /[\p{L}\p{N}_]+/gu;

/** Every word of `text`, lower-cased, in order (stop words kept). */
export function words(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(WORD), (match) => match[0]);
}

/** Words of `text` without stop words: what the BM25 baseline indexes and searches. */
export function contentWords(text: string): string[] {
  return words(text).filter((word) => !STOP_WORDS.has(word));
}
