/**
 * The text a document is searched, cited and read as: one extraction shared by indexing and reading, so
 * a chunk's line range read back through `batuta://docs/…?lines=` gives the chunk's text. HTML becomes its
 * extracted text (html.ts) numbered by its own lines; markdown, plain text, reStructuredText and source
 * files are their own text; a gzipped document is its inflated content, read the same way.
 */
import { extname } from 'node:path';
import { kindOf } from './files.js';
import { isGzipped, withoutGzip } from './gzip.js';
import { type HtmlPage, htmlPage } from './html.js';
import { NO_REPEATED_CHROME, type RepeatedChrome, withoutRepeatedChrome } from './repeated-chrome.js';
import type { DocumentKind, NumberedLine } from './sections.js';

/** An HTML page as extracted (htmlPage): its lines and the links of each. */
export type ExtractedPage = Pick<HtmlPage, 'lines' | 'lineLinks'>;

/** How an HTML page is read: its extraction when the caller has it, and its collection's repeated chrome. */
export interface HtmlReading {
  /** The page already extracted from the raw text (htmlPage), used instead of extracting it again. */
  readonly extracted?: ExtractedPage | undefined;
  /** The lines repeated across the page's collection (repeated-chrome.ts); none when absent. */
  readonly chrome?: RepeatedChrome | undefined;
}

/**
 * The lines of a document as it is cited and read back, numbered from 1: an HTML page's extracted text
 * without its collection's repeated chrome, any other document's own lines.
 */
export function documentLines(kind: DocumentKind, raw: string, reading: HtmlReading = {}): NumberedLine[] {
  const lines = kind === 'html' ? htmlLines(raw, reading) : raw.split(/\r?\n/);
  return lines.map((text, index) => ({ text, line: index + 1 }));
}

function htmlLines(raw: string, { extracted, chrome = NO_REPEATED_CHROME }: HtmlReading): string[] {
  const page = extracted ?? htmlPage(raw);
  return withoutRepeatedChrome(page, chrome);
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
 * (headings written as `#` lines) without the repeated chrome of its collection (`chrome`), every other
 * kind as it is.
 */
export function documentText(
  source: string,
  file: string,
  raw: string,
  chrome?: RepeatedChrome,
): DocumentText {
  const kind = kindOf(source);
  const text = kind === 'html' ? htmlLines(raw, { chrome }).join('\n') : raw;
  const mimeType = kind === 'markdown' ? 'text/markdown' : 'text/plain';
  const encoding = isGzipped(source) ? { fileEncoding: 'gzip' as const } : {};
  return { text, mimeType, file, fileMimeType: fileMimeType(source), ...encoding };
}
