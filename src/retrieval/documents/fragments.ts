/**
 * Include fragments: a text source (plain text, reStructuredText, markdown) whose text an HTML page of the
 * folder shows in place. AsciiDoc manuals ship the parts their pages include beside the pages
 * (git-doc's `diff-options.txt`, `pretty-options.txt`, `cmds-*.txt`: option lists written once and shown
 * in `git-log.html`, `git-show.html` …): the fragment is markup without a title or a page of its own, and
 * the rendered page holds the same text in context, so the fragment is left out and the page kept.
 * Resemblance is containment of the sampled word shingles compilations.ts takes (Broder 1997): at least
 * half of a source's shingles are in larger HTML pages. A source whose own page has the same name is
 * already a copy (copies.ts); HTML pages are never fragments here (compilations.ts judges pages that
 * repeat pages).
 */
import type { JudgedPage } from './compilations.js';
import { contentSize, type FoundFile } from './files.js';

/** A source is a fragment when at least this share of its sampled shingles is in larger HTML pages ... */
const SHOWN = 0.5;
/** ... and at least this many. */
const MIN_SHOWN = 3;

/** A page as fragment finding reads it: its source, content size, whether it is HTML, its shingles. */
export interface ShingledPage {
  readonly source: string;
  readonly size: number;
  readonly html: boolean;
  readonly shingles: readonly number[];
}

/** The text sources among `pages` that larger HTML pages show, each with the page showing most of it. */
export function findFragments(pages: readonly ShingledPage[]): Map<string, string> {
  const sources = pages.filter((page) => !page.html && page.shingles.length >= MIN_SHOWN);
  const found = new Map<string, string>();
  if (sources.length === 0) return found;
  const wanted = new Set(sources.flatMap((page) => page.shingles));
  // The HTML pages holding each shingle a source has (the others are never looked up).
  const holders = new Map<number, number[]>();
  for (const [index, page] of pages.entries()) {
    if (!page.html) continue;
    for (const hash of page.shingles) {
      if (!wanted.has(hash)) continue;
      const held = holders.get(hash);
      if (held === undefined) holders.set(hash, [index]);
      else held.push(index);
    }
  }
  for (const source of sources) {
    const byPage = new Map<number, number>();
    let shown = 0;
    for (const hash of source.shingles) {
      const larger = (holders.get(hash) ?? []).filter((index) => pages[index]!.size > source.size);
      if (larger.length > 0) shown += 1;
      for (const index of larger) byPage.set(index, (byPage.get(index) ?? 0) + 1);
    }
    if (shown < MIN_SHOWN || shown < SHOWN * source.shingles.length) continue;
    const [most] = [...byPage].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    found.set(source.source, pages[most]!.source);
  }
  return found;
}

/**
 * The files without the fragments among them, each reported to `skip` with rule `fragment`; a file for
 * which `keep` says yes (an include glob chose it) is kept. The shingles come from the compilation pass's
 * judgement, so no page is read here; only the kept files' pages show a fragment.
 */
export function dropFragments(
  files: FoundFile[],
  pages: readonly JudgedPage[],
  skip: (source: string, rule: string, reason: string) => void,
  keep: (source: string) => boolean,
): FoundFile[] {
  const shingles = new Map(pages.map((page) => [page.source, page.shingles]));
  const shingled = files.flatMap((file): ShingledPage[] => {
    const judged = shingles.get(file.source);
    if (judged === undefined || judged === null || file.kind === 'code') return [];
    return [{ source: file.source, size: contentSize(file), html: file.kind === 'html', shingles: judged }];
  });
  const fragments = findFragments(shingled);
  return files.filter((file) => {
    const page = fragments.get(file.source);
    if (page === undefined || keep(file.source)) return true;
    skip(file.source, 'fragment', `a part ${page} shows in place (an include fragment of the page)`);
    return false;
  });
}
