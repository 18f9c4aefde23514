/**
 * Keeping a collection's chunks in step with its repeated chrome (documents/repeated-chrome.ts): when a
 * run finds another set of repeated lines than the one stored (pages came or went, a theme changed), the
 * HTML pages that hold a line whose verdict changed read differently and are chunked again, unchanged on
 * disk or not; the others keep their chunks. Both stores use it.
 */
import { decodeChromeRecord, encodeChromeRecord } from '../documents/chrome-record.js';
import type { RepeatedChrome } from '../documents/repeated-chrome.js';
import { changedChromeKeys } from '../documents/repeated-chrome.js';
import type { Selection } from '../documents/selection.js';

/**
 * Which HTML pages of `selection` to chunk again because its repeated chrome differs from `stored` (the
 * chrome the collection's chunks were cut with; undefined when unknown, then every HTML page).
 */
export function chromeRechunks(
  selection: Pick<Selection, 'chrome' | 'judgement'>,
  stored: RepeatedChrome | undefined,
): (source: string) => boolean {
  if (stored === undefined) return () => true;
  const changed = changedChromeKeys(stored, selection.chrome);
  if (changed.size === 0) return () => false;
  const touched = new Set(
    selection.judgement.pages
      .filter((page) => page.lineKeys?.some((key) => changed.has(key)) === true)
      .map((page) => page.source),
  );
  return (source) => touched.has(source);
}

/**
 * The repeated-chrome part of an index run, the same in both stores: what the document sync needs (the
 * chrome to leave out and the pages to chunk again, against `stored`, the collection's stored record) and
 * the record to store after it, null when it is the stored one.
 */
export function chromeSync(
  selection: Pick<Selection, 'chrome' | 'judgement'>,
  stored: string | null,
): { sync: { chrome: RepeatedChrome; rechunk: (source: string) => boolean }; record: string | null } {
  const record = encodeChromeRecord(selection.chrome);
  return {
    sync: { chrome: selection.chrome, rechunk: chromeRechunks(selection, decodeChromeRecord(stored)) },
    record: record === stored ? null : record,
  };
}
