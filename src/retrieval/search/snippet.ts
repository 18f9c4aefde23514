/**
 * Picks the passage of a chunk that best shows why it matched: the line (and its neighbour) holding the
 * most distinct question terms, trimmed to a readable length.
 */
import stem from 'wink-porter2-stemmer';
import { analyze, tokenize } from '../../text/analyze.js';

export const SNIPPET_CHARS = 240;

/** A one-line excerpt of `text` around the question's terms. */
export function makeSnippet(question: string, text: string, maxChars: number = SNIPPET_CHARS): string {
  const terms = new Set(analyze(question));
  const stems = new Map<string, string>();
  const prefixes = new Set([...terms].map((term) => term.slice(0, 3)));
  const stemOf = (word: string): string => {
    if (!prefixes.has(word.slice(0, 3))) return '';
    let found = stems.get(word);
    if (found === undefined) {
      found = stem(word);
      stems.set(word, found);
    }
    return found;
  };
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*(```|~~~)/.test(line));
  let best = 0;
  let bestScore = -1;
  lines.forEach((line, index) => {
    const score = new Set(
      tokenize(line)
        .map(stemOf)
        .filter((term) => terms.has(term)),
    ).size;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  const passage = lines
    .slice(best, best + 2)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return passage.length <= maxChars ? passage : `${passage.slice(0, maxChars - 1).trimEnd()}…`;
}
