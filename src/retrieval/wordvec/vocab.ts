/**
 * Vocabulary building and corpus encoding for the word-vector trainer: counts model tokens, keeps the most
 * frequent words (a cap keeps the shipped matrix small), and turns texts into id streams.
 */
import { tokenizeForModel } from '../../text/model-tokens.js';

/** Words sorted by count (ties by spelling, so the order is deterministic) with their counts. */
export interface Vocabulary {
  readonly words: string[];
  readonly counts: Float64Array;
}

/** Counts tokens of many texts into one map. */
export function countTokens(
  texts: Iterable<string>,
  into: Map<string, number> = new Map(),
): Map<string, number> {
  for (const text of texts) {
    for (const token of tokenizeForModel(text)) into.set(token, (into.get(token) ?? 0) + 1);
  }
  return into;
}

/** Keeps words seen at least `minCount` times, the `maxWords` most frequent. */
export function buildVocabulary(counts: Map<string, number>, minCount: number, maxWords: number): Vocabulary {
  const kept = [...counts.entries()]
    .filter(([, count]) => count >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxWords);
  return { words: kept.map(([word]) => word), counts: Float64Array.from(kept.map(([, count]) => count)) };
}

/** Encodes texts as token ids, out-of-vocabulary tokens dropped, -1 between texts. */
export function encodeCorpus(texts: Iterable<string>, index: Map<string, number>, repeat = 1): Int32Array {
  const ids: number[] = [];
  for (const text of texts) {
    const encoded: number[] = [];
    for (const token of tokenizeForModel(text)) {
      const id = index.get(token);
      if (id !== undefined) encoded.push(id);
    }
    for (let r = 0; r < repeat; r++) {
      for (const id of encoded) ids.push(id);
      ids.push(-1);
    }
  }
  return Int32Array.from(ids);
}

/** word → id lookup for a word list. */
export function indexWords(words: readonly string[]): Map<string, number> {
  return new Map(words.map((word, i) => [word, i]));
}
