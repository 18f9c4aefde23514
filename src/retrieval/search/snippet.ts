/**
 * Picks the passage of a chunk that best shows why it matched: the line (and its neighbour) holding the
 * most distinct question terms, trimmed to a readable length.
 */
import { analyze, tokenize } from '../../text/analyze.js';
import { cachedStem, WINK_PORTER2 } from '../../text/stemmers.js';

export const SNIPPET_CHARS = 240;

/** A one-line excerpt of `text` around the question's terms. */
export function makeSnippet(question: string, text: string, maxChars: number = SNIPPET_CHARS): string {
  const terms = new Set(analyze(question));
  const stem = cachedStem(WINK_PORTER2.stem);
  const prefixes = new Set([...terms].map((term) => term.slice(0, 3)));
  const stemOf = (word: string): string => (prefixes.has(word.slice(0, 3)) ? stem(word) : '');
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
