/**
 * Finds the indexable files under a collection root and reads them safely: binary files, files above the
 * size limit (on disk or once inflated), damaged gzip data and text that is not UTF-8 are skipped with a
 * reason instead of failing the whole run.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { BatutaError, InvalidInputError, NotFoundError } from '../../errors.js';
import { inflate, isGzipped, withoutGzip } from './gzip.js';
import type { DocumentKind } from './sections.js';

const KINDS: Record<string, DocumentKind> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
  // A README named after the file it explains (mutt's `mutt_oauth2.py.README`, nettle's `descore.README`)
  '.readme': 'text',
  '.rst': 'rst',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.rs': 'code',
  '.py': 'code',
  '.c': 'code',
  '.h': 'code',
  '.cpp': 'code',
  '.cc': 'code',
  '.hpp': 'code',
  '.sh': 'code',
  '.ts': 'code',
  '.js': 'code',
};

/** Files above this size are skipped with a note (HTML API pages of big libraries stay below it). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Plain-text documents named without a document extension, as Debian packages and upstream projects ship
 * them in /usr/share/doc (`README`, `README.Debian`, `README.gz`, `FAQ`, `INSTALL`, `BUGS`, curl's
 * `KNOWN_BUGS.gz`, and the GNU notes for developers and users: `HACKING`, `DETAILS`, `PORTING`, `PROBLEMS`,
 * `OVERVIEW`, `INTRO`; `NAME.README` is a README by its extension, above); not pictures or PDFs. Not `TODO`: like a change log, its one-line entries name every
 * feature (planned, here) and would outrank the pages that explain them.
 */
const NAMED_TEXT =
  /^(readme|faq|install|howto|known_bugs|bugs|hacking|details|porting|problems|overview|intro)([._-][a-z0-9_-]+)?$/;
const NOT_TEXT = /\.(png|jpe?g|gif|svg|ico|pdf)$/;

/**
 * How a file is parsed, from its name (`.rst.txt` counts as reStructuredText, `NAME.EXT.gz` as EXT, a
 * README or FAQ without a document extension as text); null when not indexed.
 */
export function kindOf(path: string): DocumentKind | null {
  const name = withoutGzip(path).toLowerCase();
  if (name.endsWith('.rst.txt')) return 'rst';
  const kind = KINDS[extname(name)];
  if (kind !== undefined) return kind;
  const base = name.slice(name.lastIndexOf('/') + 1);
  return NAMED_TEXT.test(base) && !NOT_TEXT.test(base) ? 'text' : null;
}

/** A candidate file: its path relative to the root (forward slashes) and its size. */
export interface FoundFile {
  readonly source: string;
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly kind: DocumentKind;
  /** For a gzipped document: the size and fingerprint of its inflated content, checked when it was found. */
  readonly inflated?: { readonly size: number; readonly hash: string };
}

/** The size of a file's content: inflated for a gzipped document. */
export const contentSize = (file: FoundFile): number => file.inflated?.size ?? file.size;

/** Orders uncompressed files before gzipped ones, keeping the order otherwise (the first of copies is kept). */
export const uncompressedFirst = (a: FoundFile, b: FoundFile): number =>
  Number(a.inflated !== undefined) - Number(b.inflated !== undefined);

/** How a pass that leaves pages out by rule reports each one, and asks whether an include glob keeps it. */
export interface RuleVerdict {
  readonly skip: (source: string, rule: string, reason: string) => void;
  readonly keep: (source: string) => boolean;
}

/** Checks that a collection root is a readable folder; throws a one-line error naming the fix. */
export function checkFolder(root: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    throw new NotFoundError(`index: folder "${root}" does not exist (give an existing folder)`, { root });
  }
  if (!isFolder)
    throw new InvalidInputError(`index: "${root}" is a file, not a folder (give the folder that holds it)`);
  try {
    readdirSync(root);
  } catch {
    throw new BatutaError('IO', `index: folder "${root}" cannot be read (check its permissions)`, { root });
  }
}

/** A file's text and fingerprint, or why it was skipped. */
export type ReadResult = { readonly text: string; readonly hash: string } | { readonly skipped: string };

/** Content hash used as the document fingerprint. */
export function fingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Reads a file as UTF-8 text, refusing binary, oversized and non-UTF-8 files with a reason; a gzipped
 * document is read as its inflated content, and fingerprinted by it (recompressing the same text leaves
 * the document unchanged).
 */
export function readDocument(file: FoundFile, maxBytes: number = MAX_FILE_BYTES): ReadResult {
  if (file.size > maxBytes) {
    return { skipped: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB (split it or raise the limit)` };
  }
  const content = readContent(file.path, file.source, maxBytes);
  if ('rule' in content) return { skipped: content.reason };
  const text = decodeText(content.bytes);
  if (text === null) return { skipped: 'not UTF-8 text and no charset declared (convert it to UTF-8)' };
  return { text: text.replace(/^\uFEFF/, ''), hash: fingerprint(content.bytes) };
}

/** Why a file's content cannot be had: the selection rule and the reason in words. */
export interface Unreadable {
  readonly rule: 'unreadable' | 'vanished' | 'too-large' | 'damaged' | 'binary';
  readonly reason: string;
}

/**
 * The content of the file at `path` named `source`: its bytes, inflated when the name says gzip (to at most
 * `maxBytes`); unreadable, damaged, too large once inflated, or binary is a reason instead.
 */
export function readContent(
  path: string,
  source: string,
  maxBytes: number = MAX_FILE_BYTES,
): { readonly bytes: Buffer } | Unreadable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return {
        rule: 'vanished',
        reason: 'disappeared while indexing (index the folder again once it is back)',
      };
    }
    return { rule: 'unreadable', reason: 'cannot be read (check its permissions)' };
  }
  const content = documentBytes(source, bytes, maxBytes);
  if ('rule' in content) return content;
  return isBinary(content.bytes) ? { rule: 'binary', reason: 'binary content' } : content;
}

/** The content of a document file read as `bytes`: inflated when its name says gzip, else the bytes. */
export function documentBytes(
  source: string,
  bytes: Buffer,
  maxBytes: number = MAX_FILE_BYTES,
): ReturnType<typeof inflate> {
  return isGzipped(source) ? inflate(bytes, maxBytes) : { bytes };
}

/** How much of a file's start is looked at to tell text from binary content. */
const BINARY_PROBE_BYTES = 8192;

/** Text has no NUL byte in its first 8 KB. */
export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/** A charset named near the start of a page or file (`<meta charset>`, `encoding=`, `coding:`). */
const DECLARED = /(?:charset|encoding|coding)\s*[=:]\s*["']?([A-Za-z0-9._-]+)/i;

/**
 * The text of a file: UTF-8, else the charset it declares, else Windows-1252 when few bytes are above
 * ASCII (older manuals in Latin-1); null when the bytes cannot be read as text with any of these.
 */
export function decodeText(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {}
  const declared = DECLARED.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared, { fatal: true }).decode(bytes);
    } catch {}
  }
  let high = 0;
  for (const byte of bytes) if (byte >= 0x80) high += 1;
  return high <= bytes.length * 0.1 ? new TextDecoder('windows-1252').decode(bytes) : null;
}
