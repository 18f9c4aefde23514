/**
 * Results cited by a page rather than a section: the text of a page before its first heading, and a page
 * without any heading, are stored with an empty heading path, which a reader cannot tell apart from any other
 * such result. At display time they are labelled by the page's title (documents/page-title.ts), or else by the
 * file's name, and say which (`headingFrom`); the stored chunks, and so every ranking, stay as they are.
 */
import { posix } from 'node:path';
import type { ResultCopy, SearchResult } from './hybrid.js';

/** `results` with each heading-less result and copy labelled; each page's title is read once. */
export async function labelHeadingless(
  results: readonly SearchResult[],
  titleOf: (source: string) => Promise<string | null>,
): Promise<SearchResult[]> {
  const titles = new Map<string, Promise<string | null>>();
  const label = async <T extends SearchResult | ResultCopy>(cited: T): Promise<T> => {
    if (cited.heading !== '') return cited;
    let title = titles.get(cited.source);
    if (title === undefined) {
      title = titleOf(cited.source);
      titles.set(cited.source, title);
    }
    const found = await title;
    return found === null
      ? { ...cited, heading: posix.basename(cited.source), headingFrom: 'file name' }
      : { ...cited, heading: found, headingFrom: 'title' };
  };
  return Promise.all(
    results.map(async (result) => {
      const labelled = await label(result);
      if (labelled.copies === undefined) return labelled;
      return { ...labelled, copies: await Promise.all(labelled.copies.map(label)) };
    }),
  );
}
