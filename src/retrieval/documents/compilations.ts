/**
 * Compilation pages: a page whose text is mostly other pages of the same folder put together — a site on
 * one page (libxml2's `xml.html`), a Sphinx `singlehtml` build, Node's `all.html`, a book's print page.
 * Searching it finds each passage twice, and the compilation, long and about everything, outranks the
 * page that explains one thing; the parts are kept and the compilation is left out.
 *
 * Resemblance is containment of word shingles (Broder 1997, "On the resemblance and containment of
 * documents"): a page's shingles found in smaller pages. One pass hashes each page's 8-word shingles and
 * keeps the ones whose hash falls in a fixed quarter (the same shingles are sampled in every page), so the
 * cost is one read of each page and a map of hashes, never a page × page comparison. A part is contained
 * in one larger page, the compilation; a compilation draws from several smaller pages, and no single one
 * of them explains it: that tells the two apart. Shingles shared by many pages (navigation, footers) say
 * nothing about either and are not counted. An HTML page's parts are HTML pages: the text files it shows
 * are its sources (AsciiDoc's include fragments, fragments.ts), not pages it repeats, and the text it shares
 * with other pages that show the same source is that source's, not theirs.
 */

import { isEmptyPage } from './empty-pages.js';
import {
  contentSize,
  type FoundFile,
  MAX_FILE_BYTES,
  type ReadResult,
  type RuleVerdict,
  readDocument,
} from './files.js';
import type { HtmlPage } from './html.js';
import { hubLines } from './hub-lines.js';
import { hubReason } from './hubs.js';
import { pageLineKeys } from './repeated-chrome.js';

/** Words per shingle: long enough that shared shingles mean shared passages, not shared phrasing. */
const SHINGLE_WORDS = 8;
/** One shingle in SAMPLE is kept (by its hash, so every page keeps the same ones). */
const SAMPLE = 4;
/** Shingles found in more pages than this are site chrome, not passages. */
const MAX_PAGES_PER_SHINGLE = 8;
/** Pages with fewer sampled shingles are too short to judge (about 200 words). */
const MIN_SHINGLES = 50;
/** At least this share of a compilation's shingles is found in smaller pages ... */
const COMPILATION_COVERED = 0.6;
/** ... and at least this share is found in pages other than the one that holds the most of it ... */
const BEYOND_LARGEST_PART = 0.2;
/** ... drawn from at least this many pages, each a part of it. */
const MIN_PARTS = 3;
/** A page is a part of a compilation when this share of its own shingles (and at least 3) is in it. */
const PART_CONTAINED = 0.5;
const MIN_PART_SHINGLES = 3;

/**
 * How pages are shingled (words per shingle, one in SAMPLE kept, hash version): stored with the shingles, so a
 * stored page whose shingles were taken another way is read again. Change it with any change of wordHashes
 * or sampledShingles.
 */
export const SHINGLING = `fnv1a-w${SHINGLE_WORDS}-s${SAMPLE}-v1`;

/**
 * How compilations are told from the shingles (which pages count as parts): stored with the verdicts, so a
 * verdict reached another way is judged again rather than reused.
 */
export const COMPILATION_RULE = 'html-parts-v5';

/** A compilation page: how many of the folder's pages it repeats, and the share of its text they cover. */
export interface Compilation {
  readonly parts: number;
  readonly covered: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Hashes are cut to 30 bits: small integers, which V8 keeps unboxed in arrays, sets and maps. */
const SMALL = 0x3fffffff;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SCRIPT_OR_STYLE = /^<(script|style)\b/i;
const [LESS_THAN, AMPERSAND] = [60, 38];

/** A character's code once lower-cased when it belongs to a word (letters, digits, `_`), else -1. */
function wordCode(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) {
    if (code >= 65 && code <= 90) return code | 0x20;
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 ? code : -1;
  }
  if (code >= 0xd800 && code <= 0xdfff) return code;
  const char = text[at]!;
  return WORD_CHAR.test(char) ? char.toLowerCase().charCodeAt(0) : -1;
}

/** Where the markup that starts at `at` (a tag, a comment, a script or style element, an entity) ends. */
function skipMarkup(text: string, at: number): number {
  if (text.charCodeAt(at) === AMPERSAND) {
    const start = text.charCodeAt(at + 1) === 35 /* # */ ? at + 2 : at + 1;
    let end = start;
    while (end < start + 32 && text.charCodeAt(end) < 128 && wordCode(text, end) >= 0) end += 1;
    return end > start && text.charCodeAt(end) === 59 /* ; */ ? end + 1 : at + 1;
  }
  const element =
    (text.charCodeAt(at + 1) | 0x20) === 115 /* s */ ? SCRIPT_OR_STYLE.exec(text.slice(at, at + 8)) : null;
  if (element !== null) {
    const close = new RegExp(`</${element[1]}\\s*>`, 'gi');
    close.lastIndex = at;
    return close.exec(text) === null ? text.length : close.lastIndex;
  }
  const end = text.startsWith('<!--', at) ? text.indexOf('-->', at) : text.indexOf('>', at);
  return end === -1 ? text.length : end + (text.charCodeAt(end) === 45 /* - */ ? 3 : 1);
}

/**
 * The FNV-1a hashes of a document's words, lower-cased; HTML is read as the text between its tags (scripts,
 * styles, comments and entities are word breaks). One pass over the characters, no strings built.
 */
export function wordHashes(kind: FoundFile['kind'], text: string): number[] {
  const hashes: number[] = [];
  let hash = FNV_OFFSET;
  let inWord = false;
  const html = kind === 'html';
  for (let at = 0; at < text.length; ) {
    const char = text.charCodeAt(at);
    if (html && (char === LESS_THAN || char === AMPERSAND)) {
      const end = skipMarkup(text, at);
      if (end > at + 1 || char === LESS_THAN) {
        if (inWord) hashes.push(hash & SMALL);
        [hash, inWord, at] = [FNV_OFFSET, false, end];
        continue;
      }
    }
    const code = wordCode(text, at);
    at += 1;
    if (code >= 0) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      hashes.push(hash & SMALL);
      [hash, inWord] = [FNV_OFFSET, false];
    }
  }
  if (inWord) hashes.push(hash & SMALL);
  return hashes;
}

/** The sampled shingle hashes of a page's word hashes, each once (a shingle's hash combines its words'). */
export function sampledShingles(words: readonly number[]): number[] {
  const kept = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) {
    let hash = 0;
    for (let j = i; j < i + SHINGLE_WORDS; j += 1) hash = Math.imul(hash, FNV_PRIME) ^ words[j]!;
    hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) & SMALL;
    if (hash % SAMPLE === 0) kept.add(hash);
  }
  return [...kept];
}

/**
 * The compilations among `pages` (each page's sampled shingles and its content size), by source. Only
 * pages of prose are given: source files are not parts (a tutorial that includes its example scripts is
 * not a compilation of them).
 */
export function findCompilations(
  pages: ReadonlyArray<{
    readonly source: string;
    readonly size: number;
    readonly html: boolean;
    readonly shingles: readonly number[];
  }>,
): Map<string, Compilation> {
  // The page holding each shingle, a list only for the shingles several pages hold (most are one page's).
  const holders = new Map<number, number | number[]>();
  for (const [index, page] of pages.entries()) {
    for (const hash of page.shingles) {
      const held = holders.get(hash);
      if (held === undefined) holders.set(hash, index);
      else if (typeof held === 'number') holders.set(hash, [held, index]);
      else if (held.length <= MAX_PAGES_PER_SHINGLE) held.push(index);
    }
  }
  const counted = pages.map((page) => page.shingles.filter((hash) => !isChrome(holders.get(hash)!)).length);
  // A compilation is not a part of another: ffmpeg's ffprobe-all.html is not explained by the slightly smaller
  // ffplay-all.html that repeats the same pages. Pages are judged again without the compilations found until
  // no more are found.
  const compilations = new Set<number>();
  const found = new Map<string, Compilation>();
  for (let added = true; added; ) {
    added = false;
    for (const [index, page] of pages.entries()) {
      if (compilations.has(index)) continue;
      const judged = judge(index, { pages, holders, counted, compilations });
      if (judged === null) continue;
      found.set(page.source, judged);
      compilations.add(index);
      added = true;
    }
  }
  return found;
}

/** A shingle held by more pages than MAX_PAGES_PER_SHINGLE: navigation or a footer. */
const isChrome = (held: number | readonly number[]) =>
  typeof held !== 'number' && held.length > MAX_PAGES_PER_SHINGLE;

/** The pages, which pages hold each sampled shingle, and how many of each page's shingles are counted. */
interface Judging {
  readonly pages: ReadonlyArray<{
    readonly size: number;
    readonly html: boolean;
    readonly shingles: readonly number[];
  }>;
  readonly holders: ReadonlyMap<number, number | number[]>;
  readonly counted: readonly number[];
  /** The pages found to be compilations so far: never parts. */
  readonly compilations: ReadonlySet<number>;
}

/** Whether page `index` is a compilation of smaller pages, and of how many. */
function judge(index: number, { pages, holders, counted, compilations }: Judging): Compilation | null {
  const page = pages[index]!;
  const total = counted[index]!;
  if (total < MIN_SHINGLES) return null;
  let covered = 0;
  const byPart = new Map<number, number>();
  for (const hash of page.shingles) {
    const list = holders.get(hash)!;
    if (typeof list === 'number' || isChrome(list)) continue;
    // An HTML page shares a source's text with the other pages that show the same source: an include. A text
    // page found to be a compilation is no source but a copy of the book (mutt's manual.txt.gz beside manual.html).
    if (page.html && list.some((other) => !pages[other]!.html && !compilations.has(other))) continue;
    let held = false;
    for (const other of list) {
      const part = pages[other]!;
      if (other === index || part.size >= page.size || (page.html && !part.html) || compilations.has(other)) {
        continue;
      }
      held = true;
      byPart.set(other, (byPart.get(other) ?? 0) + 1);
    }
    if (held) covered += 1;
  }
  if (covered < COMPILATION_COVERED * total) return null;
  const largest = Math.max(0, ...byPart.values());
  const parts = [...byPart].filter(
    ([other, count]) => count >= MIN_PART_SHINGLES && count >= PART_CONTAINED * counted[other]!,
  ).length;
  if (covered - largest < BEYOND_LARGEST_PART * total || parts < MIN_PARTS) return null;
  return { parts, covered: covered / total };
}

/** A page past the size limit: never indexed, but judged, so an oversized compilation is named as one. */
export interface Oversized {
  readonly file: FoundFile;
  /** Why it is too large, the rule's reason when it is not a compilation. */
  readonly reason: string;
}

/** Oversized pages larger than this are not read at all (their rule stays too-large). */
const MAX_JUDGED_BYTES = 64 * 1024 * 1024;

/**
 * A page as last judged: its stamp (size and modification time on disk, as the indexer compares them) and
 * its sampled shingles, null when it could not be read as text. Another run reuses it while the stamp holds.
 */
export interface JudgedPage {
  readonly source: string;
  readonly size: number;
  readonly mtime: number;
  readonly shingles: readonly number[] | null;
  /** Why the page is a hub page (hubs.ts), judged from the same read; null when it is not one. */
  readonly hub: string | null;
  /** What a hub verdict is judged again from without the collection's repeated chrome (hub-lines.ts); null
   *  when the page is not a hub on all its lines. */
  readonly hubLines: readonly number[] | null;
  /** The keys of an HTML page's lines (repeated-chrome.ts), from the same read; null for other pages. */
  readonly lineKeys: readonly number[] | null;
  /** Whether an HTML page holds no text beyond its title (empty-pages.ts), from the same read. */
  readonly empty: boolean;
}

/** The pages a run judged and the compilations it found among them: what the next run may reuse. */
export interface Judgement {
  readonly pages: readonly JudgedPage[];
  readonly compilations: ReadonlyMap<string, Compilation>;
}

/**
 * How dropCompilations reports (rule `compilation`, or `too-large` for an oversized page that is not one),
 * reads and reuses.
 */
export interface CompilationPass extends RuleVerdict {
  /** Reads a page that is indexed if kept (held for the indexer). */
  readonly read: (file: FoundFile) => ReadResult;
  /** Extracts an HTML page read by `read` (its lines held for the indexer with the read). */
  readonly htmlPage: (file: FoundFile, text: string) => HtmlPage;
  /** The judgement of an earlier run of the same folder, if one is known. */
  readonly previous?: Judgement | undefined;
}

/**
 * The files (sorted by source) without the compilation pages among them, each reported to `skip` with rule
 * `compilation`; a page for which `keep` says yes (an include glob chose it) is kept. `oversized` pages are
 * judged too (Node's `all.html` is 5.8 MB) and reported as compilations or as too large. Reads each page of
 * prose whose stamp differs from the previous judgement's; when none differs and no page came or went, the
 * previous verdicts stand (they are what judging the same pages again gives).
 */
export function dropCompilations(
  files: FoundFile[],
  oversized: readonly Oversized[],
  pass: CompilationPass,
): { files: FoundFile[]; judgement: Judgement } {
  const large = oversized.filter(({ file }) => file.size <= MAX_JUDGED_BYTES).map(({ file }) => file);
  const candidates = [...files, ...large].filter((file) => file.kind !== 'code');
  const before = new Map(pass.previous?.pages.map((page) => [page.source, page]));
  let reused = pass.previous !== undefined && pass.previous.pages.length === candidates.length;
  const pages = candidates.map((file): JudgedPage => {
    const known = before.get(file.source);
    if (known !== undefined && known.size === file.size && known.mtime === file.mtime) return known;
    reused = false;
    const read = file.size > MAX_FILE_BYTES ? readDocument(file, MAX_JUDGED_BYTES) : pass.read(file);
    const shingles = 'skipped' in read ? null : sampledShingles(wordHashes(file.kind, read.text));
    const html = 'skipped' in read || file.kind !== 'html' ? null : pass.htmlPage(file, read.text);
    const hub = html === null ? null : hubReason(html.links);
    const lineKeys = html === null ? null : pageLineKeys(html.lines);
    const lines = html === null || hub === null ? null : hubLines(html);
    return {
      source: file.source,
      size: file.size,
      mtime: file.mtime,
      shingles,
      hub,
      hubLines: lines,
      lineKeys,
      empty: html !== null && isEmptyPage(html.lines),
    };
  });
  const found = reused
    ? new Map(pass.previous!.compilations)
    : findCompilations(
        pages.flatMap((page, at) =>
          page.shingles === null
            ? []
            : [
                {
                  source: page.source,
                  size: contentSize(candidates[at]!),
                  html: candidates[at]!.kind === 'html',
                  shingles: page.shingles,
                },
              ],
        ),
      );
  const judgement = { pages, compilations: new Map(found) };
  reportCompilations(found, oversized, pass);
  return { files: files.filter((file) => !found.has(file.source)), judgement };
}

/** Reports the compilations found (less those an include glob keeps, which leave `found`) and the oversized. */
function reportCompilations(
  found: Map<string, Compilation>,
  oversized: readonly Oversized[],
  { skip, keep }: CompilationPass,
): void {
  const why = ({ parts, covered }: Compilation) =>
    `repeats ${parts} other pages (${Math.round(covered * 100)} % of its text), which are indexed`;
  for (const { file, reason } of oversized) {
    const compilation = found.get(file.source);
    if (compilation === undefined || keep(file.source)) skip(file.source, 'too-large', reason);
    else skip(file.source, 'compilation', `${why(compilation)}; ${reason}`);
  }
  for (const [source, compilation] of found) {
    if (keep(source)) found.delete(source);
    else if (!oversized.some(({ file }) => file.source === source))
      skip(source, 'compilation', why(compilation));
  }
}
