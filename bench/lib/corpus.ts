/**
 * Reads a document folder the way every bench ranker sees it: every .md, .txt, .rst and .html file
 * under the root, paths relative to it with forward slashes, sorted; HTML is reduced to text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { htmlToText } from './html-text.js';

/** The file kinds the evaluation reads. */
export const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.txt', '.rst', '.html', '.htm']);

/** Relative paths of every document under `root`, sorted, skipping dot-folders and node_modules. */
export function listDocuments(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        found.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The searchable text of one document (HTML converted, invalid UTF-8 replaced). */
export function readDocument(root: string, file: string): string {
  const raw = readFileSync(join(root, file), 'utf8');
  const ext = extname(file).toLowerCase();
  return ext === '.html' || ext === '.htm' ? htmlToText(raw) : raw;
}
