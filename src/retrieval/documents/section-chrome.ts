/**
 * Boxes of links a section of a site repeats. A wiki or a reference puts a navigation box per section on
 * that section's pages (cppreference's filesystem box on the filesystem pages, a class's box of members on
 * each member's page): on fewer than half of the collection's pages, the collection's repeated chrome
 * (repeated-chrome.ts) misses it, and a member page under it still reads as a list of links. A section is
 * a folder and the pages below it; a line held by half a section's HTML pages or more (at least 8 of them,
 * repeated-chrome.ts's rule applied to the section) is chrome for the hub verdicts of the pages below it.
 * The page that heads a section sits beside its folder (`filesystem.html` beside `filesystem/`): the
 * section's box is judged with the sections above it, where its own list of the members repeats nowhere, so
 * it stays a hub.
 */
import type { JudgedPage } from './compilations.js';
import { hubLineKeys } from './hub-lines.js';
import { findRepeatedChrome, type RepeatedChrome } from './repeated-chrome.js';

/** Which line keys are repeated chrome for a page. */
export type Repeated = (key: number) => boolean;

/** The folders a page sits below, from the collection's root down (`a/b/c.html`: `a/`, `a/b/`). */
function sectionsOf(source: string): string[] {
  const sections: string[] = [];
  for (let at = source.indexOf('/'); at !== -1; at = source.indexOf('/', at + 1))
    sections.push(source.slice(0, at + 1));
  return sections;
}

/**
 * For each HTML page of a collection (`pages`, judged by the compilation pass), the line keys that are
 * repeated chrome for it: the collection's (`chrome`) and those of the sections it sits in. Only the
 * sections holding a page judged a hub on all its lines, and only the keys of such pages' lines, are
 * counted: no other verdict is judged again.
 */
export function sectionChrome(
  pages: ReadonlyArray<Pick<JudgedPage, 'source' | 'lineKeys' | 'hubLines'>>,
  chrome: RepeatedChrome,
): (source: string) => Repeated {
  const hubs = pages.filter((page) => page.hubLines !== null);
  const wanted = new Set(hubs.flatMap((page) => hubLineKeys(page.hubLines!)));
  const members = new Map<string, number[][]>(
    hubs.flatMap((page) => sectionsOf(page.source)).map((section) => [section, []]),
  );
  for (const page of pages) {
    const sections = page.lineKeys === null ? [] : sectionsOf(page.source).filter((s) => members.has(s));
    if (sections.length === 0) continue;
    const keys = page.lineKeys!.filter((key) => wanted.has(key));
    for (const section of sections) members.get(section)!.push(keys);
  }
  const repeated = new Map([...members].map(([section, keys]) => [section, findRepeatedChrome(keys).lines]));
  return (source) => {
    const own = sectionsOf(source).flatMap((section) => {
      const lines = repeated.get(section);
      return lines === undefined || lines.size === 0 ? [] : [lines];
    });
    return (key) => chrome.lines.has(key) || own.some((lines) => lines.has(key));
  };
}
