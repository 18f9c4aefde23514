/**
 * Which files of a folder become documents, and why each other file does not: hidden and vendored folders,
 * `.gitignore` and `.batutaignore`, `--exclude` / `--include` globs, what documentation builders generate
 * (builders.ts), unsupported types, minified scripts, and copies of another page.
 */
import {
  closeSync,
  type Dirent,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { normalize, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { type Builder, builderRule, detectBuilders, genericRule } from './builders.js';
import { type FoundFile, fingerprint, kindOf } from './files.js';

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
}

/** The documents to index, sorted by source, and everything left out. */
export interface Selection {
  readonly files: FoundFile[];
  readonly skipped: SkippedFile[];
}

const VENDORED = new Set(['node_modules', 'target', '__pycache__']);
const IGNORE_FILES = ['.gitignore', '.batutaignore'] as const;

interface Scope {
  readonly prefix: string;
  readonly builders: ReadonlyArray<{ builder: Builder; prefix: string }>;
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

  const visit = (dir: string, prefix: string, scope: Scope) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const base = dir.endsWith(sep) ? dir : dir + sep;
    const here = enterFolder(base, prefix, entries, scope);
    for (const entry of entries) {
      const name = entry.name;
      const source = here.prefix + name;
      const isFolder = entry.isDirectory();
      const shown = isFolder ? `${source}/` : source;
      if (name.startsWith('.')) {
        if (!IGNORE_FILES.includes(name as (typeof IGNORE_FILES)[number])) skip(shown, 'hidden', 'hidden');
        continue;
      }
      if (isFolder && VENDORED.has(name)) {
        skip(shown, 'vendored', `${name}/ folder`);
        continue;
      }
      const ignored = ignoredBy(here, source, isFolder);
      if (ignored !== null) {
        skip(shown, ignored.slice(1), `listed in ${ignored}`);
        continue;
      }
      const excluded = exclude?.(source) ?? false;
      if (excluded) {
        skip(shown, 'exclude', `matches --exclude ${options.exclude!.join(' ')}`);
        continue;
      }
      if (isFolder) {
        visit(base + name, `${source}/`, here);
        continue;
      }
      if (!entry.isFile()) continue;
      const reason = fileRule(here, source, name, base + name, include !== null && !include(source));
      if (reason !== null) skip(source, reason.rule, reason.reason);
      else {
        const stats = statSync(base + name, { throwIfNoEntry: false });
        if (stats !== undefined)
          found.push({
            source,
            path: base + name,
            size: stats.size,
            mtime: stats.mtimeMs,
            kind: kindOf(name)!,
          });
      }
    }
  };
  visit(normalize(root), '', { prefix: '', builders: [], ignores: [] });
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

/** The scope of a folder: builders detected from its markers and the ignore files it holds. */
function enterFolder(base: string, prefix: string, entries: readonly Dirent[], parent: Scope): Scope {
  const files = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
  const folders = new Set(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
  const builders = detectBuilders({ files, folders, has: (relative) => existsSync(base + relative) }).map(
    (builder) => ({ builder, prefix }),
  );
  const ignores = IGNORE_FILES.filter((file) => files.has(file)).map((file) => ({
    prefix,
    file,
    rules: (require('ignore') as typeof import('ignore'))().add(readFileSync(base + file, 'utf8')),
  }));
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

function fileRule(
  scope: Scope,
  source: string,
  name: string,
  path: string,
  notIncluded: boolean,
): { rule: string; reason: string } | null {
  if (notIncluded) return { rule: 'include', reason: 'not matched by --include' };
  for (const { builder, prefix } of scope.builders) {
    const rule = builderRule(builder, source.slice(prefix.length));
    if (rule !== null) return { rule: builder, reason: `generated by ${rule}` };
  }
  const kind = kindOf(name);
  const generic = genericRule(name, kind === 'code' && /\.js$/i.test(name) ? head(path) : null);
  if (generic !== null)
    return { rule: generic === 'source map' ? 'source-map' : 'minified', reason: generic };
  if (kind === null) return { rule: 'type', reason: 'not a document type' };
  return null;
}

function head(path: string): string {
  const buffer = Buffer.alloc(16384);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The path without its extensions: `api/fs.html` and `api/fs.md` (or `fs.rst.txt`) share `api/fs`. */
const stemOf = (source: string) => source.replace(/(\.[A-Za-z0-9]+)+$/, '');

/**
 * Drops copies: a markdown/text/reStructuredText file beside the HTML page built from it (same folder and
 * name), then files whose bytes equal an earlier file's.
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
  for (const file of kept) if (file.size > 0) bySize.set(file.size, [...(bySize.get(file.size) ?? []), file]);
  const copies = new Set<string>();
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const first = new Map<string, string>();
    for (const file of group) {
      const print = hashOf(file.path);
      const original = print === null ? undefined : first.get(print);
      if (original !== undefined) {
        copies.add(file.source);
        skip(file.source, 'duplicate', `same content as ${original}`);
      } else if (print !== null) first.set(print, file.source);
    }
  }
  return kept.filter((file) => !copies.has(file.source));
}

function hashOf(path: string): string | null {
  try {
    return fingerprint(readFileSync(path));
  } catch {
    return null;
  }
}
