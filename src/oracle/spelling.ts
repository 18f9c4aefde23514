/**
 * Misspelt words read as the knowledge word they were meant to be: "visulize", "netwrok", "embedings".
 * A word is corrected only when nothing knows it (no knowledge text in any inflection, no stop-word list,
 * and not the everyday word vectors when they are given) and exactly one edit (Damerau 1964: insertion,
 * deletion, substitution or swap of neighbours) after its first letter turns it into a word of the
 * knowledge texts; among several such words the most frequent one wins. Typists rarely miss a word's first
 * letter, and a changed first letter mostly makes another real word ("taster" is not "faster"). The
 * knowledge words are few (about 3,000), so the words sharing the first letter are compared one by one,
 * only for the rare word nothing knows. Pure apart from the injected lookup.
 */

/** Words shorter than this are too ambiguous to correct ("ios" is a word, not "io" misspelt). */
export const MIN_CORRECTED_LENGTH = 5;

/** The knowledge texts' words by first letter, with their counts; plain data, so the lexicon snapshot keeps it. */
export interface SpellingIndex {
  /** Occurrences of each word in the knowledge texts. */
  readonly counts: ReadonlyMap<string, number>;
}

const WORD = /^[a-z]+$/;

/** Counts the words of `texts` (lower-cased letters only, at least MIN_CORRECTED_LENGTH - 1 long). */
export function indexSpelling(texts: Iterable<string>): SpellingIndex {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.toLowerCase().split(/[^a-z]+/)) {
      if (word.length >= MIN_CORRECTED_LENGTH - 1) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return { counts: new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped by the caller. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    const row = d[i] as number[];
    const above = d[i - 1] as number[];
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The knowledge word `word` was meant to be, or null when it is known, too short, or no single word is
 * one edit away. `known` says whether a word outside the knowledge texts is a real word (the everyday
 * word vectors): a real word is never corrected.
 */
export function correctionOf(
  index: SpellingIndex,
  word: string,
  known: (word: string) => boolean,
): string | null {
  if (word.length < MIN_CORRECTED_LENGTH || !WORD.test(word) || index.counts.has(word) || known(word))
    return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [candidate, count] of index.counts) {
    if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > 1 || count <= bestCount)
      continue;
    if (editDistance(word, candidate) === 1) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The question with its misspelt words replaced by their corrections, and what was replaced; the
 * question itself when nothing needed correcting.
 */
export function correctSpelling(
  index: SpellingIndex,
  question: string,
  known: (word: string) => boolean,
): { readonly text: string; readonly corrected: ReadonlyMap<string, string> } {
  const corrected = new Map<string, string>();
  const text = question.replace(/[A-Za-z]+/g, (surface) => {
    const word = surface.toLowerCase();
    const fix = corrected.get(word) ?? correctionOf(index, word, known);
    if (fix === null) return surface;
    corrected.set(word, fix);
    return fix;
  });
  return { text: corrected.size === 0 ? question : text, corrected };
}
