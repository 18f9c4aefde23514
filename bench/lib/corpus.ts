/**
 * Reads a document folder the way every bench ranker sees it: the documents `batuta index` selects (the
 * engine's own selection: gzipped pages in, builders' generated pages, copies and unknown types out), paths
 * relative to the root with forward slashes, sorted; a gzipped document is its inflated content and HTML is
 * reduced to text.
 */
import { join } from 'node:path';
import { decodeText, kindOf, readContent } from '../../src/retrieval/documents/files.js';
import { selectFiles } from '../../src/retrieval/documents/selection.js';
import { htmlToText } from './html-text.js';

/** Relative paths of the documents under `root` that `batuta index` would index, sorted. */
export function listDocuments(root: string): string[] {
  return selectFiles(root).files.map((file) => file.source);
}

/** The searchable text of one document (inflated when gzipped, HTML converted, invalid UTF-8 replaced). */
export function readDocument(root: string, file: string): string {
  const content = readContent(join(root, file), file);
  if ('rule' in content) throw new Error(`corpus: ${file} cannot be read: ${content.reason}`);
  const raw = decodeText(content.bytes) ?? content.bytes.toString('utf8');
  return kindOf(file) === 'html' ? htmlToText(raw) : raw;
}
