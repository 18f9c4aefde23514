/**
 * What the links of an extracted HTML page say about its lines. Builders frame every page with lines made
 * of links — a menu bar and a breadcrumb above the title, the list of the page in other languages — that
 * are the same on every page and none of its text; and some pages are little else than links (an index
 * of directives, a site map, a table of every option with a link to its page). Both are told by the
 * structure of the links, never by a builder's class names: the share of a line's words inside `<a>`,
 * how many links it holds, whether they point at the page in another language (`hreflang`), where the
 * line is relative to the page's first heading.
 */

/** The links of one extracted line. */
export interface LineLinks {
  /** Words of the line. */
  readonly words: number;
  /** Words inside links. */
  readonly linkWords: number;
  /** Words inside links to other sites (a URL with a scheme or a host). */
  readonly offSiteWords: number;
  /** Links (`<a href>`) that start on the line. */
  readonly links: number;
  /** Links to the page in another language (`hreflang`). */
  readonly alternates: number;
  /** The line's first words are a link's to another page (an entry of a list or table of pages). */
  readonly entry: boolean;
}

export const NO_LINKS: LineLinks = {
  words: 0,
  linkWords: 0,
  offSiteWords: 0,
  links: 0,
  alternates: 0,
  entry: false,
};

const WORD = /[\p{L}\p{N}_]+/gu;

/** The number of words of a text run. */
export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count += 1;
  return count;
}

/** A line of links above the first heading (menu bar, breadcrumb): at least this many links ... */
const BAR_LINKS = 3;
/** ... holding at least this share of its words. */
const BAR_LINK_SHARE = 0.75;
/** A list of the page in other languages: at least this many `hreflang` links, holding half its words. */
const ALTERNATE_LINKS = 2;

/** Whether an extracted line is a link bar above the page's first heading or a list of its translations. */
export function isLinkChrome(links: LineLinks, beforeFirstHeading: boolean): boolean {
  if (links.alternates >= ALTERNATE_LINKS && links.linkWords * 2 >= links.words) return true;
  return beforeFirstHeading && links.links >= BAR_LINKS && links.linkWords >= BAR_LINK_SHARE * links.words;
}

/** How much of a page's text is links. */
export interface PageLinks {
  /** Words of the page's text (chrome left out). */
  readonly words: number;
  /** Words inside links. */
  readonly linkWords: number;
  /**
   * Words inside links to other sites: no page of the folder holds their text, so they are the page's own
   * (a glossary whose terms link to an encyclopedia, a list of talks elsewhere).
   */
  readonly offSiteWords: number;
  /** Lines that open with a link to another page, and their words. */
  readonly entries: number;
  readonly entryWords: number;
  /** Words of sentences: lines of at least SENTENCE_WORDS words with a full stop, question or exclamation mark. */
  readonly sentenceWords: number;
  /** Links on the page. */
  readonly links: number;
}

const SENTENCE_WORDS = 6;
const SENTENCE_END = /[.!?]["')\]]*(\s|$)/;

/** Whether a line of `words` words is a sentence (PageLinks.sentenceWords). */
export const isSentence = (text: string, words: number) => words >= SENTENCE_WORDS && SENTENCE_END.test(text);

/** The link totals of a page's kept lines (`texts`, and their links). */
export function pageLinks(texts: readonly string[], lines: readonly LineLinks[]): PageLinks {
  let [words, linkWords, offSiteWords, entries, entryWords, sentenceWords, links] = [0, 0, 0, 0, 0, 0, 0];
  for (const [index, line] of lines.entries()) {
    words += line.words;
    links += line.links;
    if (isSentence(texts[index]!, line.words)) sentenceWords += line.words;
    linkWords += line.linkWords;
    offSiteWords += line.offSiteWords;
    if (line.entry) {
      entries += 1;
      entryWords += line.words;
    }
  }
  return { words, linkWords, offSiteWords, entries, entryWords, sentenceWords, links };
}
