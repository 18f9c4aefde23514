/**
 * Picks the passage of a chunk that best shows why it matched: the line (and its neighbour) holding the
 * most distinct question terms (read as the shown chunk is chosen, shown-chunk.ts: stems, identifiers as
 * their words), trimmed to a readable length.
 */
import { type QuestionStems, termsIn } from './shown-chunk.js';

export const SNIPPET_CHARS = 240;

/** A snippet and the line of the chunk's text (0-based, `text.split('\n')`) it starts at. */
export interface Snippet {
  readonly text: string;
  readonly line: number;
}

/** A one-line excerpt of `text` around the question's terms `q` (`questionStems`). */
export function makeSnippet(q: QuestionStems, text: string, maxChars: number = SNIPPET_CHARS): Snippet {
  const all = text.split('\n');
  const lines = [...all.keys()].filter((at) => all[at]!.trim() !== '' && !/^\s*(```|~~~)/.test(all[at]!));
  let best = 0;
  let bestScore = -1;
  lines.forEach((at, index) => {
    const score = termsIn(all[at]!, q).size;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  const passage = lines
    .slice(best, best + 2)
    .map((at) => all[at]!)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const shown = passage.length <= maxChars ? passage : `${passage.slice(0, maxChars - 1).trimEnd()}…`;
  return { text: shown, line: lines[best] ?? 0 };
}
