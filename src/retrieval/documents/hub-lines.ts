/**
 * What a hub verdict is judged again from once the collection's repeated chrome is known. A page is judged
 * when it is read, before the collection's other pages are; a navigation box of one-link lines that every
 * page of a site carries (cppreference's wiki puts 100-150 of them above each member's few lines) then
 * makes every page look like a list of links. So a page judged a hub keeps, with its verdict, its link
 * totals and the key and links of each body line (the lines repeated-chrome.ts may find repeated); once the
 * selection knows which lines repeat across the collection, the boxes of links among them are taken off
 * those totals and the page is judged on the lines left. Kept as numbers, stored with the verdict
 * (indexing/pages-record.ts), so a refresh judges a page again without reading it when only the
 * collection's chrome changed.
 */
import { isSentence, type LineLinks, type PageLinks } from './html-links.js';
import { lineKey } from './repeated-chrome.js';

/** A run of repeated lines is a box of links when it opens this many lines with a link ... */
const BOX_ENTRIES = 2;
/**
 * ... and at least this share of its words are in links (a box's lines carry notes such as "(C++11)"), or
 * this share of its lines open with one (a section's box amid the site's, its group labels between links).
 */
const BOX_LINK_SHARE = 0.5;
const BOX_ENTRY_LINES = 0.5;

/** Values per line: its key, words and link words, off-site words, links and flags. */
const PER_LINE = 3;
const TOTALS = 7;
const WORDS_MAX = 0xffff;
const LINKS_MAX = 0x1fff;
const [SENTENCE, ENTRY, BREAK] = [1, 2, 4];

/** The line html.ts writes around a `<pre>` block. */
const FENCE = '```';

/** An extracted HTML page: its lines, the links of each and the totals of all of them (html.ts). */
export interface LinkedPage {
  readonly lines: readonly string[];
  readonly lineLinks: readonly LineLinks[];
  readonly links: PageLinks;
}

const clamp = (value: number, max: number) => Math.min(value, max);

/**
 * The page's link totals and, for each body line outside fenced blocks (not a heading, a fence or a blank
 * line), its key, words, link words, off-site words, links, whether it is a sentence, whether it opens
 * with a link, and whether a heading or code block stands between it and the body line before it (which
 * ends a run of repeated lines), as uint32 values.
 */
export function hubLines({ lines, lineLinks, links }: LinkedPage): number[] {
  const { words, linkWords, offSiteWords, entries, entryWords, sentenceWords } = links;
  const packed = [words, linkWords, offSiteWords, entries, entryWords, sentenceWords, links.links];
  let fenced = false;
  let broken = false;
  lines.forEach((line, at) => {
    if (line === FENCE) fenced = !fenced;
    const body = !fenced && line !== FENCE && line.trim() !== '' && !line.startsWith('#');
    if (!body) {
      broken ||= line.trim() !== '';
      return;
    }
    const counted = lineLinks[at]!;
    const flags =
      (isSentence(line, counted.words) ? SENTENCE : 0) | (counted.entry ? ENTRY : 0) | (broken ? BREAK : 0);
    packed.push(
      lineKey(line),
      ((clamp(counted.words, WORDS_MAX) << 16) | clamp(counted.linkWords, WORDS_MAX)) >>> 0,
      ((clamp(counted.offSiteWords, WORDS_MAX) << 16) | (clamp(counted.links, LINKS_MAX) << 3) | flags) >>> 0,
    );
    broken = false;
  });
  return packed;
}

/** The keys of the body lines of the page `packed` (hubLines). */
export function hubLineKeys(packed: readonly number[]): number[] {
  const keys: number[] = [];
  for (let at = TOTALS; at < packed.length; at += PER_LINE) keys.push(packed[at]!);
  return keys;
}

interface Line {
  readonly key: number;
  readonly words: number;
  readonly linkWords: number;
  readonly offSiteWords: number;
  readonly links: number;
  readonly flags: number;
}

function lineAt(packed: readonly number[], index: number): Line {
  const [key, words, rest] = packed.slice(TOTALS + index * PER_LINE, TOTALS + (index + 1) * PER_LINE);
  return {
    key: key!,
    words: words! >>> 16,
    linkWords: words! & WORDS_MAX,
    offSiteWords: rest! >>> 16,
    links: (rest! >>> 3) & LINKS_MAX,
    flags: rest! & 7,
  };
}

/**
 * The link totals of the page `packed` (hubLines) without the boxes of links among its lines that are
 * repeated chrome (`repeated` says which line keys are: the collection's, section-chrome.ts): runs of
 * repeated lines (blank lines do not end a run, headings and code do) that open with a link at least
 * BOX_ENTRIES times, mostly words in links or lines opening with one; null when no body word is left outside
 * them (a page that is nothing but the boxes is judged on them, as repeated-chrome.ts keeps such a page's
 * lines).
 */
export function ownLinks(packed: readonly number[], repeated: (key: number) => boolean): PageLinks | null {
  const [words, linkWords, offSiteWords, entries, entryWords, sentenceWords, links] = packed;
  const own = { words, linkWords, offSiteWords, entries, entryWords, sentenceWords, links } as {
    -readonly [K in keyof PageLinks]: number;
  };
  let run: Line[] = [];
  let bodyLeft = false;
  const close = () => {
    const entries = run.reduce((sum, line) => sum + (line.flags & ENTRY ? 1 : 0), 0);
    const inLinks = run.reduce((sum, line) => sum + line.linkWords, 0);
    const total = run.reduce((sum, line) => sum + line.words, 0);
    const lines = run.reduce((sum, line) => sum + (line.words > 0 ? 1 : 0), 0);
    const linked = inLinks >= BOX_LINK_SHARE * total || entries >= BOX_ENTRY_LINES * lines;
    if (entries >= BOX_ENTRIES && linked) for (const line of run) subtract(own, line);
    else bodyLeft ||= total > 0;
    run = [];
  };
  const count = (packed.length - TOTALS) / PER_LINE;
  for (let index = 0; index < count; index += 1) {
    const line = lineAt(packed, index);
    if (line.flags & BREAK) close();
    if (repeated(line.key)) run.push(line);
    else {
      close();
      bodyLeft ||= line.words > 0;
    }
  }
  close();
  return bodyLeft ? own : null;
}

function subtract(own: { -readonly [K in keyof PageLinks]: number }, line: Line): void {
  own.words -= line.words;
  own.linkWords -= line.linkWords;
  own.offSiteWords -= line.offSiteWords;
  own.links -= line.links;
  if (line.flags & SENTENCE) own.sentenceWords -= line.words;
  if (line.flags & ENTRY) {
    own.entries -= 1;
    own.entryWords -= line.words;
  }
}
