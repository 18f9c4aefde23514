/**
 * The pages one index run reads, read once: the selection reads pages to judge them (near copies,
 * compilations) and hands what it read to the indexer, which would otherwise read and decode the same
 * files again to chunk them. Texts are held up to a budget of characters, so a folder larger than it costs a
 * second read of the pages past the budget rather than unbounded memory.
 */
import { type FoundFile, MAX_FILE_BYTES, type ReadResult, readDocument } from './files.js';

/**
 * Characters of text held for the indexer at most: the text of a large documentation folder (nodejs-doc's
 * API pages are about 10 M characters), at two bytes a character about 128 MB at worst.
 */
export const HELD_CHARS = 64 * 1024 * 1024;

/** Reads of a run's pages, each done once while its text is held. */
export interface PageReads {
  /** The file read as `readDocument(file)` reads it (MAX_FILE_BYTES); held for `take` within the budget. */
  read(file: FoundFile): ReadResult;
  /** The read held for `file`, if any, forgotten once handed over (each page is chunked once). */
  take(file: FoundFile): ReadResult | undefined;
}

/** Reads for one run; `heldChars` bounds the text held at once. */
export function createPageReads(heldChars: number = HELD_CHARS): PageReads {
  const held = new Map<string, ReadResult>();
  let chars = 0;
  const textChars = (read: ReadResult) => ('text' in read ? read.text.length : 0);
  return {
    read(file) {
      const known = held.get(file.path);
      if (known !== undefined) return known;
      const read = readDocument(file, MAX_FILE_BYTES);
      if (chars + textChars(read) <= heldChars) {
        held.set(file.path, read);
        chars += textChars(read);
      }
      return read;
    },
    take(file) {
      const known = held.get(file.path);
      if (known === undefined) return undefined;
      held.delete(file.path);
      chars -= textChars(known);
      return known;
    },
  };
}
