/**
 * The pages one index run reads, read once: the selection reads pages to judge them (near copies,
 * compilations, hub pages) and hands what it read to the indexer, which would otherwise read and decode the
 * same files again to chunk them — and, for an HTML page the hub check extracted, the extracted lines, which
 * the chunker would otherwise extract again. Texts are held up to a budget of characters, so a folder larger
 * than it costs a second read of the pages past the budget rather than unbounded memory.
 */

import type { ExtractedPage } from './document-text.js';
import { type FoundFile, MAX_FILE_BYTES, type ReadResult, readDocument } from './files.js';
import { type HtmlPage, htmlPage } from './html.js';

/**
 * Characters of text held for the indexer at most: the text of a large documentation folder (nodejs-doc's
 * API pages are about 10 M characters), at two bytes a character about 128 MB at worst.
 */
export const HELD_CHARS = 64 * 1024 * 1024;

/** A page as the selection read it: the read, and the extraction when it is an HTML page it extracted. */
export interface HeldPage {
  readonly read: ReadResult;
  readonly extracted?: ExtractedPage;
}

/** Reads of a run's pages, each done once while its text is held. */
export interface PageReads {
  /** The file read as `readDocument(file)` reads it (MAX_FILE_BYTES); held for `take` within the budget. */
  read(file: FoundFile): ReadResult;
  /** The HTML page `text` (the file's read text) extracted; its lines are held with the read, if that is held. */
  htmlPage(file: FoundFile, text: string): HtmlPage;
  /** The page held for `file`, if any, forgotten once handed over (each page is chunked once). */
  take(file: FoundFile): HeldPage | undefined;
}

/** Reads for one run; `heldChars` bounds the text held at once. */
export function createPageReads(heldChars: number = HELD_CHARS): PageReads {
  const held = new Map<string, HeldPage>();
  let chars = 0;
  const charsOf = ({ read, extracted }: HeldPage) =>
    ('text' in read ? read.text.length : 0) +
    (extracted?.lines.reduce((sum, line) => sum + line.length, 0) ?? 0);
  return {
    read(file) {
      const known = held.get(file.path);
      if (known !== undefined) return known.read;
      const read = readDocument(file, MAX_FILE_BYTES);
      const page = { read };
      if (chars + charsOf(page) <= heldChars) {
        held.set(file.path, page);
        chars += charsOf(page);
      }
      return read;
    },
    htmlPage(file, text) {
      const page = htmlPage(text, file.source);
      const known = held.get(file.path);
      if (
        known === undefined ||
        known.extracted !== undefined ||
        !('text' in known.read) ||
        known.read.text !== text
      )
        return page;
      const withLines = { read: known.read, extracted: page };
      if (chars - charsOf(known) + charsOf(withLines) <= heldChars) {
        held.set(file.path, withLines);
        chars += charsOf(withLines) - charsOf(known);
      }
      return page;
    },
    take(file) {
      const known = held.get(file.path);
      if (known === undefined) return undefined;
      held.delete(file.path);
      chars -= charsOf(known);
      return known;
    },
  };
}
