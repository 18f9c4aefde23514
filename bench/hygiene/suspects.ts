/**
 * Signs that a kept file is not a written page, judged without the product's rules: its path (index,
 * search, frame and source-view names of the common builders), its markup (mostly links, a huge table,
 * numbered source lines, minified lines), or its text being nearly another page's (MinHash over word
 * 5-shingles, Broder 1997).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { documentLines } from '../../src/retrieval/documents/document-text.js';
import { isChrome, openElement } from '../../src/retrieval/documents/html-chrome.js';
import type { DocumentKind } from '../../src/retrieval/documents/sections.js';

const require = createRequire(import.meta.url);

export type Suspect =
  | 'index-or-search-page'
  | 'navigation-frame'
  | 'source-listing'
  | 'minified'
  | 'link-list'
  | 'huge-table'
  | 'whole-book-page'
  | 'near-duplicate'
  | 'script-or-data';

const PATH_SIGNS: ReadonlyArray<readonly [Suspect, RegExp]> = [
  [
    'index-or-search-page',
    /(^|\/)(genindex[^/]*|py-modindex|modindex|search|searchindex|index-all|index-\d+|allclasses[^/]*|allpackages[^/]*|all-?items|all|overview-tree|package-tree|tree|deprecated(-list)?|constant-values|classes|annotated|files|globals[^/]*|functions[^/]*|namespacemembers[^/]*|hierarchy|api-index[^/]*|ix\d+|sitemap|doc-index|nameIndex|moduleIndex|classIndex|undoccedSummary|[A-Za-z]+-Index)\.(html?|js|json|xml)$/,
  ],
  ['navigation-frame', /(^|\/)([^/]*-frame|frames?|toc|navtree[^/]*|sidebar[^/]*|menu[^/]*)\.(html?|js)$/i],
  [
    'source-listing',
    /(^|\/)(_modules|_sources|src-html|source|sources)\/|_source\.html$|\.(rs|py|c|h|java|go)\.html$|(^|\/)src\/.*\.html$/i,
  ],
  [
    'index-or-search-page',
    /(^|\/)class-use\/|-members\.html$|(^|\/)dir_[0-9a-f_]+\.html$|(^|\/)(annotation-glossary|package-use|package-tree)\.html$/,
  ],
  ['navigation-frame', /_(toc|abt|ovr)\.html$/],
  ['script-or-data', /\.(js|mjs|json|css)$/i],
  ['whole-book-page', /(^|\/)(print|singlepage|onepage)\.html$/i],
  ['minified', /[.-]min\.(js|css)$|\.bundle\.js$/i],
];

/** The sign a kept file's path alone gives (null: looks like a written page). */
export function pathSign(source: string): Suspect | null {
  for (const [sign, pattern] of PATH_SIGNS) if (pattern.test(source)) return sign;
  return null;
}

/**
 * The share of an HTML page's text inside links, its number of links and of table rows, outside the page
 * chrome the product already drops (html-chrome.ts).
 */
function markupShape(html: string): { linkShare: number; links: number; rows: number } {
  const { Parser } = require('htmlparser2') as typeof import('htmlparser2');
  const open: ReturnType<typeof openElement>[] = [];
  let inLink = 0;
  let skip = 0;
  let linkChars = 0;
  let allChars = 0;
  let links = 0;
  let rows = 0;
  const parser = new Parser({
    onopentag(name, attributes) {
      const element = openElement(name, attributes);
      if (skip > 0 || isChrome(element, attributes, open)) skip += 1;
      open.push(element);
      if (skip > 0) return;
      if (name === 'a') {
        inLink += 1;
        links += 1;
      }
      if (name === 'tr') rows += 1;
    },
    onclosetag(name) {
      open.pop();
      if (skip > 0) skip -= 1;
      else if (name === 'a') inLink = Math.max(0, inLink - 1);
    },
    ontext(text) {
      if (skip > 0) return;
      const chars = text.replace(/\s+/g, '').length;
      allChars += chars;
      if (inLink > 0) linkChars += chars;
    },
  });
  parser.end(html);
  return { linkShare: allChars === 0 ? 0 : linkChars / allChars, links, rows };
}

/** Whether most lines of the extracted text start with a line number (a source view). */
function numberedLines(lines: readonly string[]): boolean {
  const filled = lines.filter((line) => line.trim() !== '');
  if (filled.length < 40) return false;
  return filled.filter((line) => /^\s*\d+(\s|$)/.test(line)).length / filled.length > 0.5;
}

/** The first sign that `source` is generated (null when none) and its extracted text for duplicate checks. */
export function suspectOf(
  source: string,
  kind: DocumentKind,
  raw: string,
): { sign: Suspect | null; text: string | null } {
  const text = documentLines(kind, raw)
    .map((line) => line.text)
    .join('\n');
  const byPath = pathSign(source);
  if (byPath !== null) return { sign: byPath, text };
  const longest = Math.max(0, ...raw.split('\n', 200).map((line) => line.length));
  if (kind === 'code' && longest > 1000) return { sign: 'minified', text };
  if (kind === 'html') {
    const shape = markupShape(raw);
    if (shape.links >= 40 && shape.linkShare > 0.7) return { sign: 'link-list', text };
    if (shape.rows > 400) return { sign: 'huge-table', text };
  }
  if (numberedLines(text.split('\n'))) return { sign: 'source-listing', text };
  return { sign: null, text };
}

const HASHES = 32;
const BANDS = 8;

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
  const set = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i += 1) set.add(words.slice(i, i + 5).join(' '));
  return set;
}

function signature(set: ReadonlySet<string>): number[] {
  const mins = new Array<number>(HASHES).fill(0xffffffff);
  for (const shingle of set) {
    const digest = createHash('md5').update(shingle).digest();
    for (let h = 0; h < HASHES; h += 1) {
      const value = (digest.readUInt32LE((h % 4) * 4) ^ Math.imul(h + 1, 0x9e3779b1)) >>> 0;
      if (value < mins[h]!) mins[h] = value;
    }
  }
  return mins;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Pages whose text is ≥ 90% the same as an earlier page's (in source order): [copy, original]. */
export function nearDuplicates(texts: ReadonlyMap<string, string>): Array<[string, string]> {
  const sets = new Map<string, Set<string>>();
  for (const [source, text] of texts) {
    const set = shingles(text);
    if (set.size >= 20) sets.set(source, set);
  }
  const buckets = new Map<string, string[]>();
  const found: Array<[string, string]> = [];
  const rows = HASHES / BANDS;
  for (const [source, set] of [...sets].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const mins = signature(set);
    const candidates = new Set<string>();
    for (let band = 0; band < BANDS; band += 1) {
      const key = `${band}:${mins.slice(band * rows, band * rows + rows).join(',')}`;
      for (const other of buckets.get(key) ?? []) candidates.add(other);
      buckets.set(key, [...(buckets.get(key) ?? []), source]);
    }
    const original = [...candidates].find((other) => jaccard(set, sets.get(other)!) >= 0.9);
    if (original !== undefined) found.push([source, original]);
  }
  return found;
}
