/**
 * Empty pages: HTML pages with no text beyond their title. A part or chapter page whose table of contents
 * is navigation the extracted text leaves out (html-chrome.ts), a reference page a generator wrote for a
 * type nobody documented, a demo page that is only its script, a stub Sphinx writes for hidden API entries.
 * Indexed, such a page is a title with nothing to read under it; it is left out (rule `empty`), and an
 * `--include` glob brings one back. Told from the extracted text, never from a name or a builder: at most
 * one heading, and no word outside it, in prose or in code.
 */
import type { JudgedPage } from './compilations.js';
import type { FoundFile, RuleVerdict } from './files.js';
import { countWords } from './html-links.js';

/** How empty pages are told apart: stored with the verdicts (indexing/pages-record.ts). */
export const EMPTY_RULE = 'title-only-v1';

/** The line html.ts writes around a `<pre>` block. */
const FENCE = '```';

/** Whether an extracted HTML page's lines hold nothing but its title (at most one heading, no other word). */
export function isEmptyPage(lines: readonly string[]): boolean {
  let headings = 0;
  let fenced = false;
  for (const line of lines) {
    if (line === FENCE) fenced = !fenced;
    else if (!fenced && line.startsWith('#')) headings += 1;
    else if (countWords(line) > 0) return false;
  }
  return headings <= 1;
}

/**
 * The files without the empty pages among them (the compilation pass's verdicts, `pages`), each reported to
 * `skip` with rule `empty`; a page for which `keep` says yes (an include glob chose it) is kept.
 */
export function dropEmptyPages(
  files: FoundFile[],
  pages: readonly Pick<JudgedPage, 'source' | 'empty'>[],
  verdict: RuleVerdict,
): FoundFile[] {
  const empty = new Set(pages.flatMap((page) => (page.empty ? [page.source] : [])));
  return files.filter((file) => {
    if (!empty.has(file.source) || verdict.keep(file.source)) return true;
    verdict.skip(file.source, 'empty', 'no text beyond its title');
    return false;
  });
}
