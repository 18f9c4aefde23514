/**
 * Picks the passage of a chunk that best shows why it matched: the line (and its neighbour) holding the
 * most distinct question terms (read as the shown chunk is chosen, shown-chunk.ts: stems, identifiers as
 * their words), trimmed to a readable length.
 */
import { type QuestionStems, termsIn } from './shown-chunk.js';

export const SNIPPET_CHARS = 240;

/** A one-line excerpt of `text` around the question's terms `q` (`questionStems`). */
export function makeSnippet(q: QuestionStems, text: string, maxChars: number = SNIPPET_CHARS): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*(```|~~~)/.test(line));
  let best = 0;
  let bestScore = -1;
  lines.forEach((line, index) => {
    const score = termsIn(line, q).size;
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
