/**
 * The folders a C or C++ compiler searches for `#include` files, as the compiler lists them itself
 * (`cc -E -Wp,-v`: its own folder of stddef.h and the like, /usr/local/include, the multiarch folder,
 * /usr/include), with batuta.toml's c_flags (`-I`, `-isystem`, `--sysroot` …) given to it as validation gives
 * them, so the plan can tell a quoted include of a system or library header from one that is really missing,
 * and name the library each header found there comes from, and the libraries its own includes bring in (the
 * compiler follows them: `cc -M`).
 */
import { resolve } from 'node:path';
import { type HeaderLibrary, headerLibraries, isFile } from './header-library.js';
import type { IncludeLookup } from './plan.js';
import { findProgram, runTool, type ToolRun } from './run-tool.js';
import type { Analysis, PhaseOptions, SourceLanguage } from './types.js';

/** The folders the compiler listed between `#include "..." search starts here:` and `End of search list.` */
export function searchFolders(listing: string): string[] {
  const lines = listing.split('\n');
  const start = lines.findIndex((line) => line.startsWith('#include "..." search starts here:'));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.startsWith('End of search list.'));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((line) => line.startsWith(' '))
    .map((line) => line.trim().replace(/ \(framework directory\)$/, ''));
}

const COMPILER: Partial<Record<SourceLanguage, { command: string; language: string }>> = {
  c: { command: 'cc', language: 'c' },
  cpp: { command: 'c++', language: 'c++' },
};

/** Runs `language`'s compiler from `root` with `args` (`-x` and its language name first); undefined without it. */
async function runCompiler(
  root: string,
  language: SourceLanguage,
  args: readonly string[],
  options: PhaseOptions,
): Promise<ToolRun | undefined> {
  const compiler = COMPILER[language];
  const bin = compiler === undefined ? undefined : findProgram(compiler.command, root, options.searchPath);
  if (compiler === undefined || bin === undefined) return undefined;
  return runTool(bin, ['-x', compiler.language, ...args], { cwd: root, signal: options.signal });
}

/** The include folders of `language`'s compiler with `cFlags` (relative ones from `root`); none without it. */
async function compilerFolders(
  root: string,
  language: SourceLanguage,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<string[]> {
  const args = ['-E', '-Wp,-v', ...cFlags, '/dev/null', '-o', '/dev/null'];
  const run = await runCompiler(root, language, args, options);
  return searchFolders(run?.stderr ?? '').map((folder) => resolve(root, folder));
}

/**
 * The headers the header at `path` includes in turn, as `language`'s compiler follows them with `cFlags`
 * (`cc -M`: its make rule, the header itself first); none without the compiler or when it fails.
 */
async function includedBy(
  root: string,
  language: SourceLanguage,
  path: string,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<string[]> {
  const run = await runCompiler(root, language, ['-M', ...cFlags, path], options);
  if (run === undefined || run.code !== 0) return [];
  const end = run.stdout.search(/[^\\]\n/);
  const rule = run.stdout.slice(0, end < 0 ? undefined : end + 1).replace(/\\\n/g, ' ');
  return rule
    .slice(rule.indexOf(':') + 1)
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((file) => resolve(root, file));
}

/**
 * The libraries of `paths` (a header's own includes) that `own` does not link, by their -l flags, in order. Only
 * a header whose library is one -l flag counts: of several, none defining its names (nettle-types.h: typedefs
 * only, -lnettle or -lhogweed) says nothing about which it needs.
 */
function pulledIn(
  own: HeaderLibrary,
  paths: readonly string[],
  libraries: ReadonlyMap<string, HeaderLibrary>,
  names: ReadonlyMap<string, string>,
): Array<{ headers: string[]; link: string[] }> {
  const groups = new Map<string, { headers: string[]; link: string[] }>();
  for (const path of paths) {
    const library = libraries.get(path);
    if (library === undefined || library.cLibrary || library.link.length !== 1) continue;
    const link = library.link.filter((flag) => !own.link.includes(flag));
    if (link.length === 0) continue;
    const key = link.join(' ');
    const group = groups.get(key) ?? { headers: [], link };
    group.headers.push(names.get(path)!);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A header's name as an include would spell it: its path under the deepest include folder holding it. */
function includeName(path: string, folders: readonly string[]): string {
  const folder = folders.filter((f) => path.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
  return folder === undefined ? path : path.slice(folder.length + 1);
}

/** The folders `cFlags` add to the include path (`-Ifoo`, `-I foo`, -isystem, -iquote, -idirafter), from `root`. */
function flagFolders(root: string, cFlags: readonly string[]): Set<string> {
  const folders = new Set<string>();
  cFlags.forEach((flag, i) => {
    const option = /^(-I|-isystem|-iquote|-idirafter)(.*)$/.exec(flag);
    const folder = option === null ? undefined : option[2] !== '' ? option[2] : cFlags[i + 1];
    if (folder !== undefined) folders.add(resolve(root, folder));
  });
  return folders;
}

/**
 * Where each include (quoted or angle) of the C and C++ files of `analysis` lies on the compiler's include path,
 * and what provides it (header-library.ts); the compilers are asked once per language, and only when such files
 * include anything. Nothing is found when the compiler is not on PATH.
 */
export async function includeLookup(
  root: string,
  analysis: Analysis,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<IncludeLookup> {
  const files = analysis.files.filter((f) => COMPILER[f.language] !== undefined && f.imports.length > 0);
  const folders = new Map<SourceLanguage, string[]>();
  for (const language of new Set(files.map((f) => f.language)))
    folders.set(language, await compilerFolders(root, language, cFlags, options));
  const find = (header: string, language: SourceLanguage): string | undefined =>
    folders
      .get(language)
      ?.map((folder) => resolve(folder, header))
      .find(isFile);
  const found = new Map<string, { header: string; path: string; language: SourceLanguage }>();
  for (const file of files) {
    for (const spec of file.imports) {
      const path = find(spec.slice(1, -1), file.language);
      if (path !== undefined) found.set(path, { header: spec.slice(1, -1), path, language: file.language });
    }
  }
  const allFolders = [...new Set([...folders.values()].flat())];
  const own = new Map<string, string[]>();
  const names = new Map<string, string>();
  const followed = await Promise.all(
    [...found.values()].map(async ({ path, language }) => ({
      path,
      included: await includedBy(root, language, path, cFlags, options),
    })),
  );
  for (const { path, included } of followed) {
    own.set(path, included);
    for (const file of included) if (!found.has(file)) names.set(file, includeName(file, allFolders));
  }
  const given = flagFolders(root, cFlags);
  const system = allFolders.filter((folder) => !given.has(folder));
  const libraries = await headerLibraries(
    [...found.values(), ...[...names].map(([path, header]) => ({ header, path }))],
    system,
    { root, searchPath: options.searchPath, signal: options.signal },
  );
  for (const { header, path } of found.values()) names.set(path, header);
  return (header, language) => {
    const path = find(header, language);
    const library = path === undefined ? undefined : libraries.get(path);
    if (path === undefined || library === undefined) return undefined;
    const more = pulledIn(library, own.get(path) ?? [], libraries, names);
    return { path, ...library, ...(more.length > 0 ? { pulledIn: more } : {}) };
  };
}
