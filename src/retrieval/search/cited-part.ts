/**
 * The part of a chunk a result cites: its heading path and lines, or, for a chunk of merged small sections
 * (documents/chunker.ts, `Chunk.members`), those of the section its snippet's passage is in, so a reference
 * manual's `<alias>` paragraph is cited as "… > <alias>" with its own lines instead of its parent's run of
 * five. A chunk without members (one section, or an index written before they were kept) is cited whole.
 */
import type { Chunk } from '../types.js';
import type { QuestionStems } from './shown-chunk.js';
import { makeSnippet } from './snippet.js';

export interface CitedPart {
  readonly heading: string;
  readonly lines: readonly [number, number];
  readonly snippet: string;
}

/** What a result showing `chunk` for the question's terms `q` cites. */
export function citedPart(q: QuestionStems, chunk: Chunk): CitedPart {
  const snippet = makeSnippet(q, chunk.text);
  const member = chunk.members?.findLast((part) => part.from <= snippet.line) ?? chunk;
  return { heading: member.headings.join(' > '), lines: member.lines, snippet: snippet.text };
}
