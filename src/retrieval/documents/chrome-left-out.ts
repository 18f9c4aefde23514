/**
 * What a collection's repeated chrome (repeated-chrome.ts) leaves out of its HTML pages, line by line, for
 * `batuta index --dry-run`: the run stores only the lines' keys, a person previewing an index wants their
 * text. Each page is read as the index run reads it to chunk it (the selection's held read and extraction,
 * page-reads.ts, else read and extracted again) and judged by the run's own `repeatedChromeLines`, so the
 * preview names exactly the lines the run leaves out.
 */
import { type FoundFile, readDocument } from './files.js';
import { htmlPage } from './html.js';
import type { PageReads } from './page-reads.js';
import { type RepeatedChrome, repeatedChromeLines } from './repeated-chrome.js';
import type { Selection } from './selection.js';

/** A line left out as chrome: its text (trimmed, runs of spaces made one) and how many pages lose it. */
export interface ChromeLine {
  readonly text: string;
  readonly pages: number;
}

/** The lines a collection's repeated chrome leaves out, most pages first (then in the order first met). */
export interface ChromeLeftOut {
  /** HTML pages of the collection the repeated lines were counted on. */
  readonly htmlPages: number;
  /** Pages that lose at least one line. */
  readonly pages: number;
  readonly lines: readonly ChromeLine[];
}

/** The lines of `selection`'s pages its repeated chrome leaves out; `reads` are the reads it was made with. */
export function chromeLeftOut(
  selection: Pick<Selection, 'files' | 'judgement' | 'chrome'>,
  reads: PageReads,
): ChromeLeftOut {
  const { chrome } = selection;
  const lines = new Map<string, number>();
  let pages = 0;
  if (chrome.lines.size > 0) {
    const judged = new Map(selection.judgement.pages.map((page) => [page.source, page.lineKeys]));
    for (const file of selection.files) {
      if (file.kind !== 'html' || !mayHoldChrome(judged.get(file.source), chrome)) continue;
      const left = leftOutOf(file, chrome, reads);
      if (left.length > 0) pages += 1;
      for (const text of left) lines.set(text, (lines.get(text) ?? 0) + 1);
    }
  }
  const sorted = [...lines].map(([text, count]) => ({ text, pages: count }));
  sorted.sort((a, b) => b.pages - a.pages);
  return { htmlPages: chrome.pages, pages, lines: sorted };
}

/** Whether a page whose judged line keys are `keys` holds a repeated line (unknown keys: it may). */
const mayHoldChrome = (keys: readonly number[] | null | undefined, chrome: RepeatedChrome) =>
  keys === undefined || keys === null || keys.some((key) => chrome.lines.has(key));

/** The distinct lines of one HTML page that its collection's chrome leaves out. */
function leftOutOf(file: FoundFile, chrome: RepeatedChrome, reads: PageReads): string[] {
  const held = reads.take(file);
  const read = held?.read ?? readDocument(file);
  if ('skipped' in read) return [];
  const page = held?.extracted ?? htmlPage(read.text, file.source);
  const texts = [...repeatedChromeLines(page, chrome)].map((at) =>
    page.lines[at]!.trim().replace(/\s+/g, ' '),
  );
  return [...new Set(texts)];
}
