/**
 * Which of a file's pooled chunks shows the file in the results (its heading, lines and snippet). Results
 * rank files; the first stage's best chunk of a file is often a short passage dense in the question's words
 * that sits in another section than the one about the question (Jinja's "Notes on Identifiers" for "add my
 * own filter", not "Custom Filters"). So each pooled chunk of the file is scored by the distinct question
 * terms of its heading path (a merged chunk's: its best member's), counted twice (a heading names what its
 * section is about), plus those of its text, in the spirit of the reranker's coverage columns
 * (rerank/file-features.ts); among equals the first stage's order decides. The order of files is not touched.
 */
import { cachedStem, WINK_PORTER2 } from '../../text/stemmers.js';
import { questionWords } from '../rerank/identifier-words.js';
import type { Chunk } from '../types.js';

/** The question's distinct stems, and the words of a text that could stem to one. */
export interface QuestionStems {
  readonly terms: ReadonlySet<string>;
  /** Words (letter and digit runs, so identifiers give their words) that start as some question word or stem does. */
  readonly candidates: RegExp | null;
  readonly stem: (word: string) => string;
}

/** The stems of a question's content words, identifiers read as their words (`request_finished`). */
export function questionStems(question: string): QuestionStems {
  const stem = cachedStem(WINK_PORTER2.stem);
  const words = questionWords(question, true);
  const terms = new Set(words.map(stem));
  const prefixes = [...new Set([...words, ...terms].map((word) => word.slice(0, 3)))];
  // Only words that share their first three letters with a question word or stem are stemmed: a regular
  // expression finds them without splitting the whole text into tokens. Question words are letters and
  // digits (tokenize, identifiers split), so they need no escaping.
  const candidates =
    prefixes.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}])(?:${prefixes.join('|')})[\\p{L}\\p{N}]*`, 'gu');
  return { terms, candidates, stem };
}

/**
 * The distinct question terms a text holds. Words are runs of letters and digits of the lower-cased text:
 * the tokens of `tokenize` with identifiers read as their words (`add_filter` holds "add" and "filter").
 */
export function termsIn(text: string, q: QuestionStems): Set<string> {
  const found = new Set<string>();
  if (q.candidates === null) return found;
  for (const [word] of text.toLowerCase().matchAll(q.candidates)) {
    const stem = q.stem(word);
    if (q.terms.has(stem)) found.add(stem);
  }
  return found;
}

/** How much more a question term in a chunk's heading path counts than one in its text. */
export const HEADING_WEIGHT = 2;

/**
 * How many of a file's best pooled chunks are always read; further down the first stage's order only a
 * chunk whose heading path holds a question term is (reading every text of a long page's pooled chunks cost
 * a cold search tens of milliseconds).
 */
export const ALWAYS_READ = 4;

/**
 * The question terms of a chunk's heading path (`own`): for a chunk of merged small sections (`Chunk.members`),
 * those of its best member's path, since the member is what the result then cites (search/cited-part.ts).
 */
function headingTerms(chunk: Chunk, own: Set<string>, q: QuestionStems): Set<string> {
  let best = own;
  for (const member of chunk.members ?? []) {
    const terms = termsIn(member.headings.join(' '), q);
    if (terms.size > best.size) best = terms;
  }
  return best;
}

/**
 * A chunk's evidence of being about the question: its heading path's terms (weighted) and its text's;
 * null when it is not read (`ALWAYS_READ`). A merged member's heading is also a line of the chunk's text, so
 * its terms count as a heading's, not again as text.
 */
export function sectionScore(chunk: Chunk, q: QuestionStems, place = 0): number | null {
  const own = termsIn(chunk.headings.join(' '), q);
  const headings = headingTerms(chunk, own, q);
  const heading = headings.size;
  if (place >= ALWAYS_READ && heading === 0) return null;
  const text = [...termsIn(chunk.text, q)].filter((term) => own.has(term) || !headings.has(term));
  return HEADING_WEIGHT * heading + text.length;
}

/**
 * The index, in `members` (a file's pooled chunks in first-stage order, best first), of the chunk that
 * shows the file: the highest `sectionScore`, the earliest among equals.
 */
export function shownChunk(q: QuestionStems, members: readonly Chunk[]): number {
  if (members.length < 2) return 0;
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [place, chunk] of members.entries()) {
    const score = sectionScore(chunk, q, place);
    if (score !== null && score > bestScore) {
      best = place;
      bestScore = score;
    }
  }
  return best;
}
