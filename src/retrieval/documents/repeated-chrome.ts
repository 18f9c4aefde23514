/**
 * Chrome that repeats across a collection's HTML pages without being made of links: a version banner
 * ("This documentation covers IPython versions 6.0 and higher…" on 72 of 73 pages), the site's title line
 * above every page's heading, a "Bugfix checklist" box, a theme's footer. No single page can tell it from
 * text, the collection can: a line found on half its pages or more says nothing about any one of them.
 * Such lines are found once per collection (its HTML pages' line keys, judged in the selection's
 * compilation pass and stored with the collection) and removed wherever a page is read as text, so chunks,
 * snippets and `batuta://docs/…?lines=` reads cite the same lines.
 *
 * A repeated line is removed only within a run of repeated lines that reads as chrome: a box mostly made of
 * several links (a menu, a "Bugfix checklist"), or a run that nearly every page holds (EVERYWHERE_SHARE)
 * and that is either a banner (a line of a sentence or more) or above the page's first heading (a title
 * line). Repeated structure inside the text — "Parameters:", "History", "Stability: 2 - Stable", an
 * admonition's title, a method table's header and the signature under it, a single link to the page's
 * package, a doc comment shared by many classes but not nearly all — stays; so does every heading and
 * code block, and a page whose text would be left empty keeps its lines.
 */
import { countWords, type LineLinks } from './html-links.js';

/** Key of a line: FNV-1a over its text with runs of whitespace made one space and the ends trimmed. */
export const LINE_KEYS = 'fnv1a-line-v1';

/** A collection's repeated lines: how many HTML pages it has, and how many of them hold each line (by key). */
export interface RepeatedChrome {
  readonly pages: number;
  readonly lines: ReadonlyMap<number, number>;
}

export const NO_REPEATED_CHROME: RepeatedChrome = { pages: 0, lines: new Map() };

/** Collections with fewer HTML pages than this have no repeated chrome (a handful of pages share by chance). */
const MIN_PAGES = 8;
/** A line is repeated when at least this share of the collection's HTML pages holds it ... */
const REPEATED_SHARE = 0.5;
/** ... and a banner or a title line only when nearly all of them do. */
const EVERYWHERE_SHARE = 0.8;
/** A run of repeated lines is a banner when one of its lines has this many words (a sentence or more). */
const BANNER_WORDS = 8;
/** A run of repeated lines is a box of links when it holds this many links and this share of its words. */
const BOX_LINKS = 2;
const BOX_LINK_SHARE = 0.75;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The key of a line's text (LINE_KEYS). */
export function lineKey(line: string): number {
  const text = line.trim().replace(/\s+/g, ' ');
  let hash = FNV_OFFSET;
  for (let at = 0; at < text.length; at += 1) hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
  return hash >>> 0;
}

/** The line html.ts writes around a `<pre>` block. */
const FENCE = '```';

/** A line that may be chrome: body text, not a heading (`#`), a fence or a blank line. */
const isBody = (line: string) => line.trim() !== '' && !line.startsWith('#') && line !== FENCE;

/** The keys of an extracted page's body lines outside fenced blocks, each once, in the order first met. */
export function pageLineKeys(lines: readonly string[]): number[] {
  const keys = new Set<number>();
  let fenced = false;
  for (const line of lines) {
    if (line === FENCE) fenced = !fenced;
    else if (!fenced && isBody(line)) keys.add(lineKey(line));
  }
  return [...keys];
}

/** The repeated lines of a collection whose HTML pages hold these line keys (pageLineKeys of each). */
export function findRepeatedChrome(pages: ReadonlyArray<readonly number[]>): RepeatedChrome {
  if (pages.length < MIN_PAGES) return { pages: pages.length, lines: new Map() };
  const counts = new Map<number, number>();
  for (const keys of pages) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const lines = new Map([...counts].filter(([, count]) => count >= REPEATED_SHARE * pages.length));
  return { pages: pages.length, lines };
}

/**
 * The repeated chrome of the HTML pages among `files` (the documents a selection keeps), from the line keys
 * the compilation pass judged them with (`pages`, by source); pages without keys (unreadable) do not count.
 */
export function selectionChrome(
  files: ReadonlyArray<{ readonly source: string; readonly kind: string }>,
  pages: ReadonlyArray<{ readonly source: string; readonly lineKeys: readonly number[] | null }>,
): RepeatedChrome {
  const keys = new Map(pages.map((page) => [page.source, page.lineKeys]));
  return findRepeatedChrome(
    files.flatMap((file) => {
      const found = file.kind === 'html' ? keys.get(file.source) : undefined;
      return found === undefined || found === null ? [] : [found];
    }),
  );
}

/** An extracted HTML page: its lines and the links of each (html.ts). */
export interface PageLines {
  readonly lines: readonly string[];
  readonly lineLinks: ReadonlyArray<Pick<LineLinks, 'linkWords' | 'links'>>;
}

/** Which lines of a page (by index) are its collection's repeated chrome. */
export function repeatedChromeLines({ lines, lineLinks }: PageLines, chrome: RepeatedChrome): Set<number> {
  const found = new Set<number>();
  if (chrome.lines.size === 0) return found;
  const firstHeading = lines.findIndex((line) => line.startsWith('#'));
  let fenced = false;
  let run: number[] = [];
  const close = () => {
    if (run.length > 0 && isChromeRun(run, { lines, lineLinks, chrome, firstHeading }))
      for (const at of run) found.add(at);
    run = [];
  };
  lines.forEach((line, at) => {
    if (line === FENCE) fenced = !fenced;
    if (!fenced && isBody(line) && chrome.lines.has(lineKey(line))) run.push(at);
    else if (fenced || line.trim() !== '') close();
  });
  close();
  // A page that is nothing but the collection's repeated lines (a license page) keeps them.
  const left = lines.some((line, at) => !found.has(at) && line.trim() !== '' && !line.startsWith('#'));
  return left ? found : new Set();
}

interface RunContext extends PageLines {
  readonly chrome: RepeatedChrome;
  readonly firstHeading: number;
}

/** Whether a run of repeated lines (their indexes) is a box of links, a banner or a title line. */
function isChromeRun(
  run: readonly number[],
  { lines, lineLinks, chrome, firstHeading }: RunContext,
): boolean {
  const words = run.map((at) => countWords(lines[at]!));
  const total = words.reduce((sum, count) => sum + count, 0);
  const inLinks = run.reduce((sum, at) => sum + (lineLinks[at]?.linkWords ?? 0), 0);
  const links = run.reduce((sum, at) => sum + (lineLinks[at]?.links ?? 0), 0);
  if (links >= BOX_LINKS && total > 0 && inLinks >= BOX_LINK_SHARE * total) return true;
  const everywhere = run.every((at) => isEverywhere(chrome, lineKey(lines[at]!)));
  return everywhere && (words.some((count) => count >= BANNER_WORDS) || firstHeading > run.at(-1)!);
}

/** Whether nearly every HTML page of the collection holds the line. */
const isEverywhere = (chrome: RepeatedChrome, key: number) =>
  (chrome.lines.get(key) ?? 0) >= EVERYWHERE_SHARE * chrome.pages;

/** The page's lines without its repeated chrome (repeatedChromeLines). */
export function withoutRepeatedChrome(page: PageLines, chrome: RepeatedChrome): string[] {
  const chromeLines = repeatedChromeLines(page, chrome);
  return page.lines.filter((_, at) => !chromeLines.has(at));
}

/**
 * The lines whose keys are repeated in one collection and not in the other, or on nearly every page in one:
 * a page holding none of them reads the same under both.
 */
export function changedChromeKeys(before: RepeatedChrome, after: RepeatedChrome): Set<number> {
  const kind = (chrome: RepeatedChrome, key: number) =>
    chrome.lines.has(key) ? (isEverywhere(chrome, key) ? 2 : 1) : 0;
  const keys = new Set([...before.lines.keys(), ...after.lines.keys()]);
  return new Set([...keys].filter((key) => kind(before, key) !== kind(after, key)));
}
