/**
 * The text a document is searched, cited and read as: one extraction shared by indexing and reading, so
 * a chunk's line range read back through `batuta://docs/…?lines=` gives the chunk's text. HTML becomes its
 * extracted text (html.ts) numbered by its own lines; markdown, plain text, reStructuredText and source
 * files are their own text.
 */
import { extname } from 'node:path';
import { kindOf } from './files.js';
import { htmlToText } from './html.js';
import type { DocumentKind, NumberedLine } from './sections.js';

/** The lines of a document as it is cited and read back, numbered from 1. */
export function documentLines(kind: DocumentKind, raw: string): NumberedLine[] {
  const lines = kind === 'html' ? htmlToText(raw) : raw.split(/\r?\n/);
  return lines.map((text, index) => ({ text, line: index + 1 }));
}

/** A document as a reader gets it: its text, the media type of that text, and the file it comes from. */
export interface DocumentText {
  readonly text: string;
  /** The media type of `text`: text/markdown for markdown, text/plain for the rest (HTML included). */
  readonly mimeType: string;
  /** The file on disk. */
  readonly file: string;
  /** The media type of the file on disk (text/html for an HTML page). */
  readonly fileMimeType: string;
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

/** The media type of a document file, from its name (`.rst.txt` is reStructuredText). */
export function fileMimeType(source: string): string {
  if (source.toLowerCase().endsWith('.rst.txt')) return 'text/x-rst';
  return SOURCE_TYPES[extname(source).toLowerCase()] ?? 'text/plain';
}

/**
 * Document `source`, read from `file` as `raw`: HTML as its extracted text (headings written as `#` lines),
 * every other kind as it is on disk.
 */
export function documentText(source: string, file: string, raw: string): DocumentText {
  const kind = kindOf(source);
  const text = kind === 'html' ? htmlToText(raw).join('\n') : raw;
  const mimeType = kind === 'markdown' ? 'text/markdown' : 'text/plain';
  return { text, mimeType, file, fileMimeType: fileMimeType(source) };
}
