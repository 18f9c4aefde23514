/**
 * Site scripts: a script that several of the folder's pages load (`<script src>`) is the site's machinery —
 * a menu's rollovers, a search box's type-ahead, a wiki skin's start-up code — whatever builder wrote the
 * pages, marked or not. Its identifiers and comments would match questions about the pages' subjects and
 * answer none. A script one page loads (an example beside the page that shows it) or none loads (a tool, a
 * source file) is kept: in a source tree that is the code itself. Told from the pages' markup, never from
 * the script's name or folder.
 */
import { posix } from 'node:path';
import type { FoundFile, ReadResult } from './files.js';
import { withoutGzip } from './gzip.js';

/** A script is the site's when at least this many of the folder's pages load it. */
const MIN_PAGES = 2;

const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
/** A source on another site or from the server's root: not a file of the folder. */
const NOT_IN_FOLDER = /^([a-z][a-z0-9+.-]*:|\/)/i;

/** The folder's source a page (`page`, a source) loads as `src`, or null when it is not in the folder. */
export function scriptSource(page: string, src: string): string | null {
  const path = src.trim().replace(/[?#].*$/, '');
  if (path === '' || NOT_IN_FOLDER.test(path)) return null;
  let decoded: string;
  try {
    decoded = decodeURI(path);
  } catch {
    return null;
  }
  const joined = posix.normalize(posix.join(posix.dirname(page), decoded));
  return joined.startsWith('../') || joined === '..' ? null : joined;
}

/**
 * The files without the site scripts among them, each reported to `skip` with rule `site-script`; a script
 * for which `keep` says yes (an include glob chose it) is kept. Reads the HTML pages only when a script is
 * among the files (through `read`, which hands back what the selection already read).
 */
export function dropSiteScripts(
  files: FoundFile[],
  read: (file: FoundFile) => ReadResult,
  skip: (source: string, rule: string, reason: string) => void,
  keep: (source: string) => boolean,
): FoundFile[] {
  const scripts = new Set(
    files.filter((file) => /\.m?js$/i.test(withoutGzip(file.source))).map((file) => file.source),
  );
  if (scripts.size === 0) return files;
  const loads = new Map<string, number>();
  for (const file of files) {
    if (file.kind !== 'html') continue;
    const page = read(file);
    if ('skipped' in page) continue;
    const loaded = new Set<string>();
    for (const match of page.text.matchAll(SCRIPT_SRC)) {
      const source = scriptSource(file.source, match[1] ?? match[2] ?? match[3] ?? '');
      if (source !== null && scripts.has(source)) loaded.add(source);
    }
    for (const source of loaded) loads.set(source, (loads.get(source) ?? 0) + 1);
  }
  return files.filter((file) => {
    const pages = loads.get(file.source) ?? 0;
    if (pages < MIN_PAGES || keep(file.source)) return true;
    skip(file.source, 'site-script', `loaded by ${pages} pages of the folder (the site's machinery)`);
    return false;
  });
}
