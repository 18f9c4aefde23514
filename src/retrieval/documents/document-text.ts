/**
 * The text a document is searched, cited and read as: one extraction shared by indexing and reading, so
 * a chunk's line range read back through `batuta://docs/…?lines=` gives the chunk's text. HTML becomes its
 * extracted text (html.ts) numbered by its own lines; markdown, plain text, reStructuredText and source
 * files are their own text; a gzipped document is its inflated content, read the same way.
 */
import { extname } from 'node:path';
import { kindOf } from './files.js';
import { isGzipped, withoutGzip } from './gzip.js';
import { htmlToText } from './html.js';
import type { DocumentKind, NumberedLine } from './sections.js';

/**
 * The lines of a document as it is cited and read back, numbered from 1; `extracted`: an HTML page's lines
 * already extracted from `raw` (htmlPage), used instead of extracting it again.
 */
export function documentLines(
  kind: DocumentKind,
  raw: string,
  extracted?: readonly string[],
): NumberedLine[] {
  const lines = kind === 'html' ? (extracted ?? htmlToText(raw)) : raw.split(/\r?\n/);
  return lines.map((text, index) => ({ text, line: index + 1 }));
}

/** A document as a reader gets it: its text, the media type of that text, and the file it comes from. */
export interface DocumentText {
  readonly text: string;
  /** The media type of `text`: text/markdown for markdown, text/plain for the rest (HTML included). */
  readonly mimeType: string;
  /** The file on disk. */
  readonly file: string;
  /** The media type of the file's content (text/html for an HTML page, also a gzipped one). */
  readonly fileMimeType: string;
  /** How the file on disk is compressed (`gzip` for `NAME.EXT.gz`); absent when it is not. */
  readonly fileEncoding?: 'gzip';
}

const SOURCE_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.rst': 'text/x-rst',
  '.py': 'text/x-python',
  '.rs': 'text/x-rust',
  '.c': 'text/x-c',
  '.h': 'text/x-c',
  '.cpp': 'text/x-c++',
  '.cc': 'text/x-c++',
  '.hpp': 'text/x-c++',
  '.sh': 'application/x-sh',
  '.ts': 'text/x-typescript',
  '.js': 'text/javascript',
};

/** The media type of a document file's content, from its name (`.rst.txt` is reStructuredText, `.md.gz` markdown). */
export function fileMimeType(source: string): string {
  const name = withoutGzip(source).toLowerCase();
  if (name.endsWith('.rst.txt')) return 'text/x-rst';
  return SOURCE_TYPES[extname(name)] ?? 'text/plain';
}

/**
 * Document `source`, read from `file` as `raw` (inflated when gzipped): HTML as its extracted text
 * (headings written as `#` lines), every other kind as it is.
 */
export function documentText(source: string, file: string, raw: string): DocumentText {
  const kind = kindOf(source);
  const text = kind === 'html' ? htmlToText(raw).join('\n') : raw;
  const mimeType = kind === 'markdown' ? 'text/markdown' : 'text/plain';
  const encoding = isGzipped(source) ? { fileEncoding: 'gzip' as const } : {};
  return { text, mimeType, file, fileMimeType: fileMimeType(source), ...encoding };
}
