/**
 * Grades the part of a file a search result shows: whether the result's line range and its snippet lie in
 * the sections a question's grades name. Pure: the document's text (as the docs resource reads it, numbered
 * as chunks cite it) and the result in, verdicts out.
 */
import { type DocumentKind, splitSections } from '../../src/retrieval/documents/sections.js';

/** The line numbers of the sections whose heading path holds one of `headings` (with their subsections). */
export function answerLines(text: string, kind: DocumentKind, headings: readonly string[]): Set<number> {
  const wanted = new Set(headings);
  const lines = text.split('\n').map((line, index) => ({ text: line, line: index + 1 }));
  const found = new Set<number>();
  for (const section of splitSections(lines, kind))
    if (section.headings.some((heading) => wanted.has(heading)))
      for (const line of section.lines) found.add(line.line);
  return found;
}

const collapse = (text: string) =>
  text
    .replace(/^#+\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The line of `text` within `range` that a snippet starts with (search/snippet.ts joins a line and the next,
 * collapses white space and may cut the end), or null when none does.
 */
export function snippetLine(text: string, range: readonly [number, number], snippet: string): number | null {
  const lines = text.split('\n');
  const shown = snippet.replace(/…$/, '');
  for (let line = range[0]; line <= range[1]; line++) {
    const own = collapse(lines[line - 1] ?? '');
    if (own !== '' && shown.startsWith(own.slice(0, Math.min(40, shown.length)))) return line;
  }
  return null;
}

/** Whether a result shows an answering section: its lines meet the sections, its snippet starts in them. */
export interface SectionVerdict {
  readonly section: boolean;
  readonly snippet: boolean;
}

export function gradeShown(
  answer: ReadonlySet<number>,
  lines: readonly [number, number],
  snippetAt: number | null,
): SectionVerdict {
  let section = false;
  for (let line = lines[0]; line <= lines[1] && !section; line++) section = answer.has(line);
  return { section, snippet: snippetAt !== null && answer.has(snippetAt) };
}

/** Two-sided exact sign test of `up` against `down` changed pairs (ties left out). */
export function signTestP(up: number, down: number): number {
  const n = up + down;
  if (n === 0) return 1;
  const k = Math.min(up, down);
  let tail = 0;
  let term = 0.5 ** n;
  for (let i = 0; i <= k; i++) {
    tail += term;
    term = (term * (n - i)) / (i + 1);
  }
  return Math.min(1, 2 * tail);
}
