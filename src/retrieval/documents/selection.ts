/**
 * Which files of a folder become documents, and why each other file does not: hidden and vendored folders,
 * `.gitignore` and `.batutaignore`, `--exclude` / `--include` globs, what documentation builders generate
 * (builders.ts, detected in the folder, below it or in the folders just above it), build-system helper
 * scripts (build-scripts.ts), unsupported types, change logs, minified scripts, files above the size limit,
 * gzipped documents that are damaged or inflate past it (gzip.ts), binary content behind a text extension
 * (the check reading makes, so a dry-run agrees with the run; file-rules.ts holds these rules for one file),
 * copies of another page (copies.ts),
 * pages that put other pages together (compilations.ts), text sources a page shows in place (fragments.ts),
 * pages that only list other pages (hubs.ts), pages with no text beyond their title (empty-pages.ts),
 * pages that only send the browser on to another (redirects.ts), scripts several pages load
 * (site-scripts.ts) and code a generator wrote (generated-code.ts). Symbolic links are not followed (reads never
 * follow them either): a link is a counted skip that names where it leads, so a Debian folder whose pages
 * live behind links (into /usr/share/gtk-doc and elsewhere) says which folder to index instead. A broken
 * link, an unreadable folder or a file gone while walking is a counted skip too, never an error; so is a
 * FIFO, socket or device, which is never opened (a FIFO would block the run).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, normalize, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { detectBuilders } from './builders.js';
import { dropCompilations, type Judgement, type Oversized } from './compilations.js';
import { dropDuplicates } from './copies.js';
import { dropEmptyPages } from './empty-pages.js';
import { fileRule, type Kept, type ScopedBuilder } from './file-rules.js';
import { type FoundFile, kindOf } from './files.js';
import { type Entry, generatorOf, listFolder } from './folder-entries.js';
import { dropFragments } from './fragments.js';
import { isGzipped } from './gzip.js';
import { dropHubs } from './hubs.js';
import { type Choices, createChoices, type IncludedFile, type LeftFolder } from './include-globs.js';
import { createPageReads, type PageReads } from './page-reads.js';
import { type RepeatedChrome, selectionChrome } from './repeated-chrome.js';
import { dropSiteScripts } from './site-scripts.js';

/** The glob and ignore-file libraries load when files are selected (Node keeps them), not when searching. */
const require = createRequire(import.meta.url);

/** Globs (relative to the collection root) that choose what is indexed. */
export interface SelectOptions {
  /**
   * Only files matching one of these are indexed (none: every file); a glob that chooses a file a rule left
   * out brings it back over that rule (include-globs.ts says which rules give way).
   */
  readonly include?: readonly string[];
  /** Files and folders matching one of these are skipped, whatever --include says. */
  readonly exclude?: readonly string[];
}

export type { IncludedFile };

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
  /** Files brought back by an include glob, sorted by source. */
  readonly included: IncludedFile[];
  /** Include globs that matched no file (a typo, or a file that is not there). */
  readonly unmatchedInclude: string[];
  /** The pages judged for compilations and the verdicts, for the next run of the same folder to reuse. */
  readonly judgement: Judgement;
  /** The lines repeated across the HTML pages of `files` (repeated-chrome.ts), left out where they are read. */
  readonly chrome: RepeatedChrome;
}

/** What a run brings to the selection so that nothing is read twice. */
export interface SelectionReuse {
  /** Where pages read to judge them are held for the indexer (none: they are read for the selection only). */
  readonly reads?: PageReads | undefined;
  /** The judgement stored by the previous run of the same folder (pages whose stamp holds are not read). */
  readonly previous?: Judgement | undefined;
}

const VENDORED = new Set(['node_modules', 'target', '__pycache__']);
const IGNORE_FILES = ['.gitignore', '.batutaignore'] as const;

/** Folders above the collection root whose markers still apply (rustdoc's markers sit above `std/`). */
const ANCESTOR_LEVELS = 4;

interface Scope {
  readonly prefix: string;
  readonly builders: readonly ScopedBuilder[];
  readonly ignores: ReadonlyArray<{ prefix: string; file: string; rules: Ignore }>;
  /** Left-out folders walked because an include glob leads into them; `index` is their path part. */
  readonly leftFolders: readonly LeftFolder[];
}

/** Indexable files under `root`, sorted by source (selectFiles without the list of what was left out). */
export function findFiles(root: string, options: SelectOptions = {}): FoundFile[] {
  return selectFiles(root, options).files;
}

/** Selects the documents under `root` (an existing folder); see the module comment for the rules. */
export function selectFiles(
  root: string,
  options: SelectOptions = {},
  reuse: SelectionReuse = {},
): Selection {
  const found: FoundFile[] = [];
  const oversized: Oversized[] = [];
  const skipped: SkippedFile[] = [];
  const choices = createChoices(options);
  const skip = (source: string, rule: string, reason: string) => skipped.push({ source, rule, reason });
  const top = normalize(root);
  const realTop = realpathSync(top);

  const visit = (dir: string, prefix: string, scope: Scope) => {
    const entries = listFolder(dir);
    // Inside a left-out folder only the files an include glob chooses count; the folder's skip says the rest.
    const quiet = scope.leftFolders.length > 0;
    if (entries === null) {
      if (prefix !== '' && !quiet)
        skip(prefix, 'unreadable', 'folder cannot be read (check its permissions)');
      return;
    }
    const base = dir.endsWith(sep) ? dir : dir + sep;
    const here = enterFolder(base, prefix, entries, scope, skip);
    let names: ReadonlySet<string> | undefined;
    const siblings = () => (names ??= new Set(entries.map((entry) => entry.name)));
    for (const entry of entries) {
      const source = here.prefix + entry.name;
      if (quiet && !choices.withinLeftFolders(entry, source, here.leftFolders)) continue;
      const left = leftOut(entry, source, here, choices, realTop);
      if (left === 'quiet') continue;
      if (left !== null && !choices.bringsBack(left.rule, entry, source, here.leftFolders)) {
        if (entry.type === 'folder' && choices.reopens(left.rule, source)) {
          const leftFolders = [...here.leftFolders, { rule: left.rule, index: source.split('/').length - 1 }];
          visit(base + entry.name, `${source}/`, { ...here, leftFolders });
        }
        if (!quiet) skipped.push(left);
      } else if (entry.type === 'folder') visit(base + entry.name, `${source}/`, here);
      else if (entry.type === 'file') {
        const path = base + entry.name;
        const decided = fileRule({ builders: here.builders, source, entry, path, choices, siblings });
        const prose = kindOf(entry.name);
        if (!('rule' in decided)) found.push(foundFile(source, path, entry, decided));
        else if (decided.rule !== 'too-large' || prose === null || prose === 'code' || isGzipped(entry.name))
          skip(source, decided.rule, decided.reason);
        else
          oversized.push({ file: foundFile(source, path, entry, { kind: prose }), reason: decided.reason });
      }
    }
  };
  visit(top, '', { prefix: '', builders: ancestorBuilders(top), ignores: [], leftFolders: [] });
  const reads = reuse.reads ?? createPageReads();
  const keepCopy = (source: string) => choices.giveWay('duplicate', source, { part: 'name' });
  const unique = dropDuplicates(found.sort(bySource), { skip, keepCopy, read: reads.read });
  const keep = (source: string) => choices.giveWay('compilation', source, { part: 'name' });
  const pass = { skip, keep, read: reads.read, htmlPage: reads.htmlPage, previous: reuse.previous };
  const { files: compiled, judgement } = dropCompilations(unique, oversized, pass);
  const keepFragment = (source: string) => choices.giveWay('fragment', source, { part: 'name' });
  const whole = dropFragments(compiled, judgement.pages, skip, keepFragment);
  const keepHub = (source: string) => choices.giveWay('hub', source, { part: 'name' });
  const keepScript = (source: string) => choices.giveWay('site-script', source, { part: 'name' });
  const keepEmpty = (source: string) => choices.giveWay('empty', source, { part: 'name' });
  const hubChrome = selectionChrome(whole, judgement.pages);
  const pages = dropEmptyPages(
    dropHubs(whole, judgement.pages, hubChrome, { skip, keep: keepHub }),
    judgement.pages,
    { skip, keep: keepEmpty },
  );
  const files = dropSiteScripts(pages, reads.read, skip, keepScript);
  const included = choices.included(new Set(files.map((file) => file.source)));
  const unmatchedInclude = choices.unmatched();
  const chrome = selectionChrome(files, judgement.pages);
  return { files, skipped: skipped.sort(bySource), included, unmatchedInclude, judgement, chrome };
}

/** Why an entry is left out before the folder or file rules ('quiet': an ignore file), or null. */
function leftOut(
  entry: Entry,
  source: string,
  here: Scope,
  choices: Choices,
  realTop: string,
): SkippedFile | 'quiet' | null {
  const isFolder = entry.type === 'folder';
  const shown = isFolder ? `${source}/` : source;
  if (entry.name.startsWith('.')) {
    const ignoreFile = IGNORE_FILES.includes(entry.name as (typeof IGNORE_FILES)[number]);
    return ignoreFile ? 'quiet' : { source: shown, rule: 'hidden', reason: 'hidden' };
  }
  if (entry.type === 'broken') return { source, rule: 'broken-link', reason: 'link to a missing file' };
  if (entry.type === 'special')
    return { source, rule: 'special', reason: `a ${entry.special}, not a regular file (never read)` };
  if (entry.type === 'link') return linkSkip(source, entry.target!, realTop);
  if (entry.type === 'gone') {
    // Node reads a name that is not UTF-8 with U+FFFD in place of its bytes, a name no file has.
    return entry.name.includes('\uFFFD')
      ? { source, rule: 'bad-name', reason: 'its name is not UTF-8 (rename it to index it)' }
      : { source, rule: 'vanished', reason: 'disappeared while walking the folder' };
  }
  if (isFolder && VENDORED.has(entry.name))
    return { source: shown, rule: 'vendored', reason: `${entry.name}/ folder` };
  const ignored = ignoredBy(here, source, isFolder);
  if (ignored !== null) return { source: shown, rule: ignored.slice(1), reason: `listed in ${ignored}` };
  if (choices.exclude.test(source))
    return { source: shown, rule: 'exclude', reason: `matches --exclude ${choices.exclude.globs.join(' ')}` };
  return null;
}

/** How many files and folders each rule left out, most first. */
export function countByRule(skipped: ReadonlyArray<{ readonly rule: string }>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const { rule } of skipped) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

const bySource = (a: { source: string }, b: { source: string }) =>
  a.source < b.source ? -1 : a.source > b.source ? 1 : 0;

function foundFile(source: string, path: string, entry: Entry, decided: Kept): FoundFile {
  const file = { source, path, size: entry.size, mtime: entry.mtime, kind: decided.kind };
  return decided.inflated === undefined ? file : { ...file, inflated: decided.inflated };
}

/**
 * A link inside the folder points at something indexed under its own name; one to the folder or a folder
 * above it is a loop; one outside names the folder to index instead when it leads to a folder or to a page
 * (a link to a script or a system file such as /etc/passwd names none: its folder holds no documents).
 */
function linkSkip(source: string, target: string, root: string): SkippedFile {
  const inside = relative(root, target);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
    const reason = `link to ${inside.split(sep).join('/')}, indexed under its own name`;
    return { source, rule: 'link', reason };
  }
  if (!relative(target, root).startsWith('..')) {
    return { source, rule: 'link-loop', reason: `link to ${target}, which holds this folder (a loop)` };
  }
  const skipped = { source, rule: 'link-outside', reason: `link to ${target} outside the folder` };
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) return { ...skipped, folder: target };
  const kind = kindOf(target);
  return kind === null || kind === 'code' ? skipped : { ...skipped, folder: dirname(target) };
}

/** The builders detected in a folder from its entries. */
function buildersIn(base: string, entries: readonly Entry[]): ReturnType<typeof detectBuilders> {
  const files = new Set(entries.filter((entry) => entry.type === 'file').map((entry) => entry.name));
  const folders = new Set(entries.filter((entry) => entry.type === 'folder').map((entry) => entry.name));
  const has = (path: string) => statSync(base + path, { throwIfNoEntry: false }) !== undefined;
  return detectBuilders({ files, folders, has, generator: () => generatorOf(base, files) });
}

/** Builders whose markers sit in the folders just above `root` (the root indexed is inside their tree). */
function ancestorBuilders(root: string): ScopedBuilder[] {
  const found: ScopedBuilder[] = [];
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
    leftFolders: parent.leftFolders,
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
