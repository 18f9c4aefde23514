/**
 * Hub pages: pages that are lists or tables of links to the folder's other pages and little else — a site
 * map, an index of every directive, a table of contents page, a list of the changes merged in a release.
 * Found for almost any question (they name everything) and answering none, they crowd the pages they
 * point to out of the results; they are left out as a builder's index pages are, and an `--include` glob
 * brings one back. Told from the page's structure (html-links.ts), never from its name or its builder:
 * most lines open with a link to another page (not to the page itself by its path, as Doxygen links each
 * member of a file's page), about one link per such line (an API page's list of the
 * classes implementing an interface is one line of many links), and few sentences. A list whose link words
 * mostly lead to other sites is not a list of the folder's pages: no page of the folder holds that text, so
 * it is the page's own (a glossary whose expansions link to an encyclopedia, a list of talks given
 * elsewhere). A page is a hub on the lines left once the boxes of links the collection repeats on its pages
 * are taken off (hub-lines.ts), and those a section of the site repeats on its pages (section-chrome.ts):
 * a site's navigation box is none of the page's text, and a member page under one is not a list of links; a
 * page that is nothing but such boxes is judged on all its lines, as is every page of a folder too small to
 * have repeated chrome. A contents page written by hand (a library's list of its modules, each with a line
 * saying what it holds; a chapter's table of its pages and their purpose) is a hub too: most of its words
 * are in lines that open with a link to another page, and few are sentences.
 */
import type { JudgedPage } from './compilations.js';
import type { FoundFile, RuleVerdict } from './files.js';
import type { PageLinks } from './html-links.js';
import { ownLinks } from './hub-lines.js';
import type { RepeatedChrome } from './repeated-chrome.js';
import { type Repeated, sectionChrome } from './section-chrome.js';

/**
 * How hub pages are told apart (this module's rule and the link totals it reads): stored with each page's
 * verdict, so a verdict reached another way is judged again rather than reused.
 */
export const HUB_RULE = 'links-v5-own-page-paths';

/** A hub has at least this many lines that open with a link to another page ... */
const MIN_ENTRIES = 10;
/** ... and at least this many of those lines per link on the page. */
const ENTRIES_PER_LINK = 0.5;
/** A list of links: this share of the page's words inside links, and less than this share of sentences. */
const LIST_LINK_SHARE = 0.5;
const LIST_SENTENCES = 0.35;
/**
 * A table of pages with a few words on each (a quick reference of every directive): this many entries, this
 * share of the words in lines that open with a link, and less than this share of sentences.
 */
const TABLE_ENTRIES = 100;
const TABLE_ENTRY_SHARE = 0.35;
const TABLE_SENTENCES = 0.25;
/**
 * A contents page: this many entries holding this share of the page's words (each entry a page's name and
 * a few words on it), and less than TABLE_SENTENCES of sentences.
 */
const CONTENTS_ENTRIES = 20;
const CONTENTS_ENTRY_SHARE = 0.8;

/** Whether a page with these link totals is a hub page, and why (null: it is not). */
export function hubReason(links: PageLinks): string | null {
  const { words, entries } = links;
  if (words === 0 || entries < MIN_ENTRIES || entries < ENTRIES_PER_LINK * links.links) return null;
  const sentences = links.sentenceWords / words;
  const linkShare = links.linkWords / words;
  const elsewhere = links.offSiteWords * 2 > links.linkWords;
  if (!elsewhere && linkShare >= LIST_LINK_SHARE && sentences < LIST_SENTENCES)
    return `a list of ${entries} links (${percent(linkShare)} of its words are links, ${percent(sentences)} sentences)`;
  const entryShare = links.entryWords / words;
  if (entries >= TABLE_ENTRIES && entryShare >= TABLE_ENTRY_SHARE && sentences < TABLE_SENTENCES)
    return `a table of ${entries} links to other pages (${percent(sentences)} of its words are sentences)`;
  if (
    !elsewhere &&
    entries >= CONTENTS_ENTRIES &&
    entryShare >= CONTENTS_ENTRY_SHARE &&
    sentences < TABLE_SENTENCES
  )
    return `a contents page of ${entries} links to other pages (${percent(entryShare)} of its words are in their lines)`;
  return null;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Why a page judged a hub on all its lines (`page.hub`) is one on the lines left without the boxes of
 * links among its `repeated` lines (null: it is not). Only a page judged a hub on all its lines is judged
 * again: the boxes come off to bring a member page back, never to leave out a page its whole text keeps.
 */
export function ownHubReason(page: Pick<JudgedPage, 'hub' | 'hubLines'>, repeated: Repeated): string | null {
  if (page.hub === null || page.hubLines === null) return page.hub;
  const own = ownLinks(page.hubLines, repeated);
  return own === null ? page.hub : hubReason(own);
}

/**
 * The files without the hub pages among them, each reported to `skip` with rule `hub`; a page for which
 * `keep` says yes (an include glob chose it) is kept. The verdicts come from the compilation pass, which
 * judges each page when it reads it (and keeps a verdict while the page's stamp holds), judged again here
 * without the boxes of links that `chrome` (the repeated chrome of the HTML pages among `files`) or the
 * page's sections repeat, so no page is read here.
 */
export function dropHubs(
  files: FoundFile[],
  pages: readonly JudgedPage[],
  chrome: RepeatedChrome,
  verdict: RuleVerdict,
): FoundFile[] {
  const { skip, keep } = verdict;
  const html = new Set(files.flatMap((file) => (file.kind === 'html' ? [file.source] : [])));
  const repeatedFor = sectionChrome(
    pages.filter((page) => html.has(page.source)),
    chrome,
  );
  const hubs = new Map(
    pages.flatMap((page) => {
      const reason = ownHubReason(page, repeatedFor(page.source));
      return reason === null ? [] : [[page.source, reason] as const];
    }),
  );
  return files.filter((file) => {
    const reason = hubs.get(file.source);
    if (reason === undefined || keep(file.source)) return true;
    skip(file.source, 'hub', reason);
    return false;
  });
}
