/**
 * Copies among the files selected for a collection: a markdown/text/reStructuredText file (gzipped or not)
 * beside the HTML page built from it (same folder and name), files whose content equals an earlier file's,
 * then pages nearly the same as an earlier page of the same name or of the same member (near-duplicates.ts).
 * A gzipped file is compared by its inflated content and gives way to an uncompressed file with the same text.
 */
import { readFileSync } from 'node:fs';
import { contentSize, type FoundFile, fingerprint, type ReadResult, uncompressedFirst } from './files.js';
import { nearDuplicates } from './near-duplicates.js';

/** The path without its extensions: `api/fs.html` and `api/fs.md` (or `fs.rst.txt`) share `api/fs`. */
const stemOf = (source: string) => source.replace(/(\.[A-Za-z0-9]+)+$/, '');

/** How dropDuplicates reports and reads. */
export interface DuplicatePass {
  readonly skip: (source: string, rule: string, reason: string) => void;
  /** Whether an include glob chose the copy (then it is kept). */
  readonly keepCopy: (source: string) => boolean;
  /** Reads a page (near copies are compared by their text; the read is held for the indexer). */
  readonly read: (file: FoundFile) => ReadResult;
}

/**
 * The files (sorted by source) without their copies, each copy reported to `skip` with rule `duplicate`;
 * a copy for which `keepCopy` says yes (an include glob chose it) is kept.
 */
export function dropDuplicates(files: FoundFile[], { skip, keepCopy, read }: DuplicatePass) {
  const pages = new Map<string, string>();
  for (const file of files) if (file.kind === 'html') pages.set(stemOf(file.source), file.source);
  const kept = files.filter((file) => {
    const page = file.kind === 'html' || file.kind === 'code' ? undefined : pages.get(stemOf(file.source));
    if (page === undefined || keepCopy(file.source)) return true;
    skip(file.source, 'duplicate', `source of ${page}`);
    return false;
  });
  const bySize = new Map<number, FoundFile[]>();
  for (const file of kept) {
    const size = contentSize(file);
    if (size > 0) bySize.set(size, [...(bySize.get(size) ?? []), file]);
  }
  const copies = new Set<string>();
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const first = new Map<string, string>();
    for (const file of [...group].sort(uncompressedFirst)) {
      const print = file.inflated?.hash ?? hashOf(file.path);
      const original = print === null ? undefined : first.get(print);
      if (original !== undefined && !keepCopy(file.source)) {
        copies.add(file.source);
        skip(file.source, 'duplicate', `same content as ${original}`);
      } else if (print !== null) first.set(print, file.source);
    }
  }
  const unique = kept.filter((file) => !copies.has(file.source));
  const near = nearDuplicates(unique, read);
  for (const copy of near.keys()) if (keepCopy(copy)) near.delete(copy);
  for (const [copy, original] of near) skip(copy, 'duplicate', `nearly the same text as ${original}`);
  return unique.filter((file) => !near.has(file.source));
}

function hashOf(path: string): string | null {
  try {
    return fingerprint(readFileSync(path));
  } catch {
    return null;
  }
}
