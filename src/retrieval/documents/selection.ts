/**
 * Which files of a folder become documents, and why each other file does not: hidden and vendored folders,
 * `.gitignore` and `.batutaignore`, `--exclude` / `--include` globs, what documentation builders generate
 * (builders.ts, detected in the folder, below it or in the folders just above it), unsupported types,
 * change logs, minified scripts, files above the size limit, gzipped documents that are damaged or inflate
 * past it (gzip.ts), and copies of another page. Symbolic links are not followed
 * (reads never follow them either): a link is a counted skip that names where it leads, so a Debian folder
 * whose pages live behind links (into /usr/share/gtk-doc and elsewhere) says which folder to index instead.
 * A broken link, an unreadable folder or a file gone while walking is a counted skip too, never an error.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, normalize, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { type Builder, builderRule, detectBuilders, genericRule } from './builders.js';
import {
  contentSize,
  type FoundFile,
  fingerprint,
  isBinary,
  kindOf,
  MAX_FILE_BYTES,
  uncompressedFirst,
} from './files.js';
import { type Entry, generatorOf, head, listFolder } from './folder-entries.js';
import { inflate, isGzipped, withoutGzip } from './gzip.js';
import { nearDuplicates } from './near-duplicates.js';

/** The glob and ignore-file libraries load when files are selected (Node keeps them), not when searching. */
const require = createRequire(import.meta.url);

/** Globs (relative to the collection root) that narrow what is indexed. */
export interface SelectOptions {
  /** Only files matching one of these are indexed (none: every file). */
  readonly include?: readonly string[];
  /** Files and folders matching one of these are skipped. */
  readonly exclude?: readonly string[];
}

/**
 * A file or folder (source ends with "/") left out, the family of the rule (`sphinx`, `gitignore`,
 * `duplicate` …) and the rule itself in words.
 */
export interface SkippedFile {
  readonly source: string;
  readonly rule: string;
  readonly reason: string;
  /** For a link out of the folder: the folder to index instead. */
  readonly folder?: string;
}

/** The documents to index, sorted by source, and everything left out. */
export interface Selection {
  readonly files: FoundFile[];
  readonly skipped: SkippedFile[];
}

const VENDORED = new Set(['node_modules', 'target', '__pycache__']);
const IGNORE_FILES = ['.gitignore', '.batutaignore'] as const;

/** Folders above the collection root whose markers still apply (rustdoc's markers sit above `std/`). */
const ANCESTOR_LEVELS = 4;

interface Scope {
  readonly prefix: string;
  /** A builder found at source prefix `prefix`; `above` is the root's path below the builder's folder. */
  readonly builders: ReadonlyArray<{ builder: Builder; prefix: string; above: string }>;
  readonly ignores: ReadonlyArray<{ prefix: string; file: string; rules: Ignore }>;
}

/** Indexable files under `root`, sorted by source (selectFiles without the list of what was left out). */
export function findFiles(root: string, options: SelectOptions = {}): FoundFile[] {
  return selectFiles(root, options).files;
}

/** Selects the documents under `root` (an existing folder); see the module comment for the rules. */
export function selectFiles(root: string, options: SelectOptions = {}): Selection {
  const found: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  const exclude = matcher(options.exclude);
  const include = matcher(options.include);
  const skip = (source: string, rule: string, reason: string) => skipped.push({ source, rule, reason });
  const top = normalize(root);
  const realTop = realpathSync(top);

  const visit = (dir: string, prefix: string, scope: Scope) => {
    const entries = listFolder(dir);
    if (entries === null) {
      if (prefix !== '') skip(prefix, 'unreadable', 'folder cannot be read (check its permissions)');
      return;
    }
    const base = dir.endsWith(sep) ? dir : dir + sep;
    const here = enterFolder(base, prefix, entries, scope, skip);
    for (const entry of entries) {
      const source = here.prefix + entry.name;
      const left = leftOut(entry, source, here);
      if (left !== null) {
        if (left !== 'quiet') skipped.push(left);
      } else if (entry.type === 'folder') visit(base + entry.name, `${source}/`, here);
      else if (entry.type === 'file') {
        const path = base + entry.name;
        const decided = fileRule(here, source, entry, path, include !== null && !include(source));
        if ('rule' in decided) skip(source, decided.rule, decided.reason);
        else found.push(foundFile(source, path, entry, decided.inflated));
      }
    }
  };
  /** Why an entry is left out before the folder or file rules ('quiet': an ignore file), or null. */
  const leftOut = (entry: Entry, source: string, here: Scope): SkippedFile | 'quiet' | null => {
    const isFolder = entry.type === 'folder';
    const shown = isFolder ? `${source}/` : source;
    if (entry.name.startsWith('.')) {
      const ignoreFile = IGNORE_FILES.includes(entry.name as (typeof IGNORE_FILES)[number]);
      return ignoreFile ? 'quiet' : { source: shown, rule: 'hidden', reason: 'hidden' };
    }
    if (entry.type === 'broken') return { source, rule: 'broken-link', reason: 'link to a missing file' };
    if (entry.type === 'link') return linkSkip(source, entry.target!, realTop);
    if (entry.type === 'gone')
      return { source, rule: 'vanished', reason: 'disappeared while walking the folder' };
    if (isFolder && VENDORED.has(entry.name))
      return { source: shown, rule: 'vendored', reason: `${entry.name}/ folder` };
    const ignored = ignoredBy(here, source, isFolder);
    if (ignored !== null) return { source: shown, rule: ignored.slice(1), reason: `listed in ${ignored}` };
    if (exclude?.(source) ?? false)
      return { source: shown, rule: 'exclude', reason: `matches --exclude ${options.exclude!.join(' ')}` };
    return null;
  };
  visit(top, '', { prefix: '', builders: ancestorBuilders(top), ignores: [] });
  const files = dropDuplicates(found.sort(bySource), skip);
  return { files, skipped: skipped.sort(bySource) };
}

/** How many files and folders each rule left out, most first. */
export function countByRule(skipped: readonly SkippedFile[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const { rule } of skipped) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

const bySource = (a: { source: string }, b: { source: string }) =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

function matcher(globs: readonly string[] | undefined): ((path: string) => boolean) | null {
  if (globs === undefined || globs.length === 0) return null;
  const picomatch = require('picomatch') as typeof import('picomatch');
  const test = picomatch([...globs], { dot: true, basename: true });
  return (path) => test(path) || test(`${path}/`);
}

function foundFile(source: string, path: string, entry: Entry, inflated?: FoundFile['inflated']): FoundFile {
  const file = { source, path, size: entry.size, mtime: entry.mtime, kind: kindOf(entry.name)! };
  return inflated === undefined ? file : { ...file, inflated };
}

/** A link inside the folder points at something indexed under its own name; one outside, at another folder. */
function linkSkip(source: string, target: string, root: string): SkippedFile {
  const inside = relative(root, target);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
    const reason = `link to ${inside.split(sep).join('/')}, indexed under its own name`;
    return { source, rule: 'link', reason };
  }
  const folder = statSync(target, { throwIfNoEntry: false })?.isDirectory() ? target : dirname(target);
  return { source, rule: 'link-outside', reason: `link to ${target} outside the folder`, folder };
}

/** The builders detected in a folder from its entries. */
function buildersIn(base: string, entries: readonly Entry[]): Builder[] {
  const files = new Set(entries.filter((entry) => entry.type === 'file').map((entry) => entry.name));
  const folders = new Set(entries.filter((entry) => entry.type === 'folder').map((entry) => entry.name));
  const has = (path: string) => statSync(base + path, { throwIfNoEntry: false }) !== undefined;
  return detectBuilders({ files, folders, has, generator: () => generatorOf(base, files) });
}

/** Builders whose markers sit in the folders just above `root` (the root indexed is inside their tree). */
function ancestorBuilders(root: string): Scope['builders'] {
  const found: Array<{ builder: Builder; prefix: string; above: string }> = [];
  let folder = root;
  for (let level = 0; level < ANCESTOR_LEVELS; level += 1) {
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
    const entries = listFolder(folder);
    if (entries === null) continue;
    const above = `${relative(folder, root).split(sep).join('/')}/`;
    for (const builder of buildersIn(folder + sep, entries)) found.push({ builder, prefix: '', above });
  }
  return found;
}

/** The scope of a folder: builders detected from its markers and the ignore files it holds. */
function enterFolder(
  base: string,
  prefix: string,
  entries: readonly Entry[],
  parent: Scope,
  skip: (source: string, rule: string, reason: string) => void,
): Scope {
  const builders = buildersIn(base, entries).map((builder) => ({ builder, prefix, above: '' }));
  const ignores = IGNORE_FILES.filter((file) =>
    entries.some((entry) => entry.name === file && entry.type === 'file'),
  ).flatMap((file) => {
    try {
      const rules = (require('ignore') as typeof import('ignore'))().add(readFileSync(base + file, 'utf8'));
      return [{ prefix, file, rules }];
    } catch {
      skip(prefix + file, 'unreadable', `${file} cannot be read, so its rules are not applied`);
      return [];
    }
  });
  return {
    prefix,
    builders: [...parent.builders, ...builders],
    ignores: [...parent.ignores, ...ignores],
  };
}

/** The ignore file whose rules leave this path out (the deepest file that decides wins), or null. */
function ignoredBy(scope: Scope, source: string, isFolder: boolean): string | null {
  let decision: string | null = null;
  for (const { prefix, file, rules } of scope.ignores) {
    const relative = source.slice(prefix.length) + (isFolder ? '/' : '');
    const result = rules.test(relative);
    if (result.ignored) decision = file;
    else if (result.unignored) decision = null;
  }
  return decision;
}

/** Why a file is left out, or what is known of it when it is kept (a gzipped document's content). */
type FileDecision = { rule: string; reason: string } | { inflated?: FoundFile['inflated'] };

function fileRule(
  scope: Scope,
  source: string,
  entry: Entry,
  path: string,
  notIncluded: boolean,
): FileDecision {
  if (notIncluded) return { rule: 'include', reason: 'not matched by --include' };
  // Builder and generic rules see the name a gzipped file's content has.
  const name = withoutGzip(entry.name);
  const kind = kindOf(entry.name);
  const gzipped = isGzipped(entry.name) && kind !== null;
  let content: GzippedContent | undefined;
  const inflated = () => (content ??= inflateFile(path));
  let start: string | undefined;
  const pageHead = () => (start ??= gzipped ? headOfInflated(inflated()) : head(path));
  for (const { builder, prefix, above } of scope.builders) {
    const rule = builderRule(builder, above + withoutGzip(source.slice(prefix.length)), pageHead);
    if (rule !== null) return { rule: builder, reason: `generated by ${rule}` };
  }
  const generic = genericRule(name, kind === 'code' && /\.js$/i.test(name) ? pageHead() : null);
  if (generic !== null)
    return { rule: generic === 'source map' ? 'source-map' : 'minified', reason: generic };
  if (kind === null)
    return CHANGE_LOG.test(name)
      ? { rule: 'changelog', reason: CHANGE_LOG_REASON }
      : { rule: 'type', reason: 'not a document type' };
  if (entry.size > MAX_FILE_BYTES)
    return { rule: 'too-large', reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (split it)` };
  if (!gzipped) return {};
  const checked = inflated();
  return 'rule' in checked ? checked : { inflated: { size: checked.size, hash: checked.hash } };
}

/**
 * Release histories named as Debian and upstream projects name them (`changelog.Debian.gz`, `NEWS.gz`,
 * `ChangeLog`, `CHANGES`, `HISTORY`), without a document extension. They are real text, but a package's
 * history names every feature in one-line entries (python3-pip's is 190 KB), so its chunks outrank the pages
 * that explain those features, and Debian's own are packaging notes; a history written as a page
 * (`CHANGES.rst`, `changes.html`, `NEWS.md.gz`) is read like any page.
 */
const CHANGE_LOG = /^(changelog|changes|news|history)(\.debian)?(\.[a-z0-9_-]+)?$/i;
const CHANGE_LOG_REASON =
  'change log (a release history: its one-line entries would outrank the pages that explain them)';

type GzippedContent = { rule: string; reason: string } | { size: number; hash: string; head: string };

/** A gzipped document's content checked once: within the size limit, undamaged, text. */
function inflateFile(path: string): GzippedContent {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { rule: 'unreadable', reason: 'cannot be read (check its permissions)' };
  }
  const content = inflate(bytes, MAX_FILE_BYTES);
  if ('rule' in content) return content;
  if (isBinary(content.bytes))
    return { rule: 'binary', reason: 'binary content once inflated (an archive, not a document)' };
  const head = content.bytes.toString('utf8', 0, Math.min(content.bytes.length, 16384));
  return { size: content.bytes.length, hash: fingerprint(content.bytes), head };
}

function headOfInflated(content: GzippedContent): string {
  return 'head' in content ? content.head : '';
}

/** The path without its extensions: `api/fs.html` and `api/fs.md` (or `fs.rst.txt`) share `api/fs`. */
const stemOf = (source: string) => source.replace(/(\.[A-Za-z0-9]+)+$/, '');

/**
 * Drops copies: a markdown/text/reStructuredText file (gzipped or not) beside the HTML page built from it
 * (same folder and name), files whose content equals an earlier file's, then pages nearly the same as an
 * earlier page of the same name (near-duplicates.ts). A gzipped file is compared by its inflated content
 * and gives way to an uncompressed file with the same text.
 */
function dropDuplicates(files: FoundFile[], skip: (source: string, rule: string, reason: string) => void) {
  const pages = new Map<string, string>();
  for (const file of files) if (file.kind === 'html') pages.set(stemOf(file.source), file.source);
  const kept = files.filter((file) => {
    const page = file.kind === 'html' || file.kind === 'code' ? undefined : pages.get(stemOf(file.source));
    if (page !== undefined) skip(file.source, 'duplicate', `source of ${page}`);
    return page === undefined;
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
      if (original !== undefined) {
        copies.add(file.source);
        skip(file.source, 'duplicate', `same content as ${original}`);
      } else if (print !== null) first.set(print, file.source);
    }
  }
  const unique = kept.filter((file) => !copies.has(file.source));
  const near = nearDuplicates(unique);
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
