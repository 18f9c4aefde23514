/**
 * The precedence between a user's `--include` globs and the selection rules, in one place. A rule that
 * guesses what is worth reading (a builder's generated page, a change log, a minified script, a copy, a
 * compilation of other pages, a page that only lists other pages or holds nothing but its title, an unknown file type, an ignore-file entry, a hidden or vendored folder)
 * gives way to a glob that chooses the file on purpose, as ripgrep's globs override its ignore files. A
 * rule that protects the index (a link out of the folder, binary or damaged data, a file or gzip bomb past
 * the size limit, an unreadable file) never gives way, and `--exclude` beats `--include`.
 *
 * A glob chooses a file on purpose when it is no broader than the rule around that file: the rule judged
 * one part of the path (the file's name, its extension, or a folder on its way), and the glob must tell that
 * part apart. It is tested on a probe, the same path with that part replaced: a glob that still matches the
 * probe also matches ordinary files the rule keeps (`*.html` matches `x.html` as well as `genindex.html`,
 * `docs/**` matches `docs/x.md` as well as `docs/a.cfg`), so it only narrows the selection.
 */
import { createRequire } from 'node:module';
import { BUILDERS } from './builders.js';
import type { Entry } from './folder-entries.js';

const require = createRequire(import.meta.url);

/** The part of a file's path a rule judged. `folder` is the index of the path part (a folder name). */
export type Judged =
  | { readonly part: 'name' }
  | { readonly part: 'extension' }
  | { readonly part: 'folder'; readonly index: number }
  | { readonly part: 'root' };

/** Rules an explicit include overrides: guesses about what is worth indexing (plus every builder). */
export const OVERRIDABLE_RULES: ReadonlySet<string> = new Set([
  'build-script',
  'changelog',
  'type',
  'minified',
  'map-file',
  'duplicate',
  'compilation',
  'hub',
  'empty',
  'redirect',
  'site-script',
  'generated-code',
  'fragment',
  'gitignore',
  'batutaignore',
  'hidden',
  'vendored',
]);

/** Rules nothing overrides: the index's safety and correctness, and the user's own --exclude. */
export const PROTECTED_RULES: ReadonlySet<string> = new Set([
  'exclude',
  'include',
  'binary',
  'damaged',
  'too-large',
  'unreadable',
  'vanished',
  'bad-name',
  'link',
  'link-loop',
  'link-outside',
  'broken-link',
  'special',
]);

/** Whether an explicit include may bring back a file left out by `rule` (a builder's name counts). */
export function isOverridable(rule: string, builders: ReadonlySet<string>): boolean {
  return OVERRIDABLE_RULES.has(rule) || (builders.has(rule) && !PROTECTED_RULES.has(rule));
}

const PROBE = 'x0-batuta-probe';

/** `source` with the judged part replaced (extension by `.md`, a document type); null for `root`. */
export function probeOf(source: string, judged: Judged): string | null {
  const parts = source.split('/');
  const last = parts.length - 1;
  const name = parts[last]!;
  const gz = /\.gz$/i.test(name) ? name.slice(-3) : '';
  const bare = gz === '' ? name : name.slice(0, -3);
  const dot = bare.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [bare.slice(0, dot), bare.slice(dot)] : [bare, ''];
  if (judged.part === 'root') return null;
  if (judged.part === 'name') parts[last] = `${PROBE}${ext}${gz}`;
  else if (judged.part === 'extension') parts[last] = `${stem}.md${gz}`;
  else if (judged.index < 0 || judged.index >= last) return null;
  else parts[judged.index] = PROBE;
  return parts.join('/');
}

/** Compiled include globs, and which of them matched a file. */
export interface IncludeGlobs {
  /** Whether some glob matches the file (the selection is narrowed to these). */
  matches(source: string): boolean;
  /** The first glob that chooses this file over a rule that judged `judged`, or null. */
  explicit(source: string, judged: Judged): string | null;
  /** Whether a glob's fixed path leads into (or matches) this left-out folder, so it must be walked. */
  reaches(folder: string): boolean;
  /** Globs that matched no file, in the order given. */
  unmatched(): string[];
}

/**
 * Compiles globs relative to the collection root: a glob without "/" matches file and folder names anywhere,
 * one with "/" matches the path from the root (`docs/**`).
 */
export function compileGlobs(globs: readonly string[]): ReadonlyArray<{
  glob: string;
  test: (path: string) => boolean;
  base: string;
}> {
  const picomatch = require('picomatch') as typeof import('picomatch');
  return globs.map((glob) => {
    const test = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    const base = picomatch.scan(glob).base.replace(/^\.\//, '').replace(/\/$/, '');
    return { glob, base, test: (path: string) => test(path) || test(`${path}/`) };
  });
}

/** The include globs of a selection (null when none are given: nothing is narrowed or brought back). */
export function includeGlobs(globs: readonly string[] | undefined): IncludeGlobs | null {
  if (globs === undefined || globs.length === 0) return null;
  const compiled = compileGlobs(globs);
  const matched = new Set<string>();
  const matching = (source: string) =>
    compiled.filter(({ glob, test }) => {
      const hit = test(source);
      if (hit) matched.add(glob);
      return hit;
    });
  return {
    matches: (source) => matching(source).length > 0,
    explicit(source, judged) {
      const probe = probeOf(source, judged);
      const chosen = matching(source).find(({ test }) => probe === null || !test(probe));
      return chosen?.glob ?? null;
    },
    reaches: (folder) =>
      compiled.some(
        ({ base, test }) =>
          test(folder) || (base !== '' && (base === folder || base.startsWith(`${folder}/`))),
      ),
    unmatched: () => globs.filter((glob) => !matched.has(glob)),
  };
}

/** A file indexed because an include glob chose it over the rules that would have left it out. */
export interface IncludedFile {
  readonly source: string;
  readonly glob: string;
  readonly rules: readonly string[];
}

/** A rule an include glob overrode for a file. */
type Override = { readonly rule: string; readonly glob: string };

/** A left-out folder walked because an include glob leads into it; `index` is its part of the path. */
export interface LeftFolder {
  readonly rule: string;
  readonly index: number;
}

/** What the user's globs decide: exclusions, and the files an include glob brings back over a rule. */
export interface Choices {
  readonly include: IncludeGlobs | null;
  readonly exclude: { readonly globs: readonly string[]; readonly test: (source: string) => boolean };
  /** Whether an include glob chooses this file over `rule`, which judged `judged` (the override is kept). */
  giveWay(rule: string, source: string, judged: Judged): boolean;
  /** Whether an include glob brings back a file that `rule` (hidden, an ignore file…) left out. */
  bringsBack(rule: string, entry: Entry, source: string, leftFolders: readonly LeftFolder[]): boolean;
  /** Whether a left-out folder is walked anyway, because an include glob leads into it. */
  reopens(rule: string, source: string): boolean;
  /** Whether an entry below left-out folders counts: a folder a glob leads into, a file a glob chooses. */
  withinLeftFolders(entry: Entry, source: string, leftFolders: readonly LeftFolder[]): boolean;
  /** The kept files an include glob chose over rules, sorted by source. */
  included(kept: ReadonlySet<string>): IncludedFile[];
  unmatched(): string[];
}

/** The choices of one selection (they remember which files an include glob brought back). */
export function createChoices(options: {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}): Choices {
  const include = includeGlobs(options.include);
  const excludeTest = matcher(options.exclude);
  const exclude = { globs: options.exclude ?? [], test: (source: string) => excludeTest?.(source) ?? false };
  const overrides = new Map<string, Override[]>();
  const chosen = (rule: string, source: string) =>
    include !== null && isOverridable(rule, BUILDERS) && !exclude.test(source);
  const giveWay = (rule: string, source: string, judged: Judged) => {
    const glob = chosen(rule, source) ? include!.explicit(source, judged) : null;
    if (glob !== null) overrides.set(source, [...(overrides.get(source) ?? []), { rule, glob }]);
    return glob !== null;
  };
  return {
    include,
    exclude,
    giveWay,
    bringsBack(rule, entry, source, leftFolders) {
      if (entry.type !== 'file') return false;
      // Below a folder an ignore file leaves out, its rule leaves out each file too: judged by that folder.
      const folder = leftFolders.find((left) => left.rule === rule);
      const judged: Judged =
        folder === undefined ? { part: 'name' } : { part: 'folder', index: folder.index };
      return giveWay(rule, source, judged);
    },
    reopens: (rule, source) => chosen(rule, source) && include!.reaches(source),
    withinLeftFolders(entry, source, leftFolders) {
      if (entry.type === 'folder') return include!.reaches(source);
      return (
        entry.type === 'file' &&
        leftFolders.every(({ rule, index }) => giveWay(rule, source, { part: 'folder', index }))
      );
    },
    included: (kept) =>
      [...overrides]
        .filter(([source]) => kept.has(source))
        .map(([source, over]) => ({
          source,
          glob: over[0]!.glob,
          rules: [...new Set(over.map((o) => o.rule))],
        }))
        .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)),
    unmatched: () => include?.unmatched() ?? [],
  };
}

/** A test of paths against --exclude globs, or null without any. */
function matcher(globs: readonly string[] | undefined): ((path: string) => boolean) | null {
  if (globs === undefined || globs.length === 0) return null;
  const compiled = compileGlobs(globs);
  return (path) => compiled.some(({ test }) => test(path));
}
