/**
 * Gzipped documents. Debian compresses every text document above about 4 KB that it installs under
 * /usr/share/doc, so `NAME.EXT.gz` is a document of type EXT whose text is its inflated content (RFC 1952).
 * Inflating stops as soon as the output passes the per-file size limit (zlib's `maxOutputLength` is checked
 * after every 16 KB block of output), so a few kilobytes that would inflate to gigabytes (a gzip bomb) cost
 * at most the limit; damaged data is a skip with its reason, never an error. zlib (and the streams it
 * brings, ~4 ms of a fresh process) is required on the first inflate: a search names gzipped files but
 * seldom reads one.
 */
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

const GZIP_SUFFIX = /\.gz$/i;

/** Whether a file name says gzip (`fs.md.gz`). */
export function isGzipped(name: string): boolean {
  return GZIP_SUFFIX.test(name);
}

/** The name a gzipped file's content has (`api/fs.md.gz` → `api/fs.md`); other names unchanged. */
export function withoutGzip(name: string): string {
  return name.replace(GZIP_SUFFIX, '');
}

/** The inflated bytes, or why they cannot be had (rule `too-large` or `damaged`, and the reason). */
export type Inflated =
  | { readonly bytes: Buffer }
  | { readonly rule: 'too-large' | 'damaged'; readonly reason: string };

/** Inflates gzip data (every member of it) to at most `maxBytes`. */
export function inflate(data: Uint8Array, maxBytes: number): Inflated {
  try {
    const { gunzipSync } = requireBuiltin('node:zlib') as typeof import('node:zlib');
    return { bytes: gunzipSync(data, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
      return {
        rule: 'too-large',
        reason: `inflates to more than ${limit} (a gzip bomb, or a document to split)`,
      };
    }
    return { rule: 'damaged', reason: `damaged gzip data (${message ?? code ?? 'unreadable'})` };
  }
}
