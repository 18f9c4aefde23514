/**
 * The folders a C or C++ compiler searches for `#include` files, as the compiler lists them itself
 * (`cc -E -Wp,-v`: its own folder of stddef.h and the like, /usr/local/include, the multiarch folder,
 * /usr/include), with batuta.toml's c_flags (`-I`, `-isystem`, `--sysroot` …) given to it as validation gives
 * them, so the plan can tell a quoted include of a system or library header from one that is really missing,
 * and name the library each header found there comes from.
 */
import { resolve } from 'node:path';
import { headerLibraries, isFile } from './header-library.js';
import type { IncludeLookup } from './plan.js';
import { findProgram, runTool } from './run-tool.js';
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

/** The include folders of `language`'s compiler with `cFlags` (relative ones from `root`); none without it. */
async function compilerFolders(
  root: string,
  language: SourceLanguage,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<string[]> {
  const compiler = COMPILER[language];
  const bin = compiler === undefined ? undefined : findProgram(compiler.command, root, options.searchPath);
  if (compiler === undefined || bin === undefined) return [];
  const args = ['-E', '-Wp,-v', '-x', compiler.language, ...cFlags, '/dev/null', '-o', '/dev/null'];
  const run = await runTool(bin, args, { cwd: root, signal: options.signal });
  return searchFolders(run.stderr).map((folder) => resolve(root, folder));
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
  const found = new Map<string, { header: string; path: string }>();
  for (const file of files) {
    for (const spec of file.imports) {
      const path = find(spec.slice(1, -1), file.language);
      if (path !== undefined) found.set(path, { header: spec.slice(1, -1), path });
    }
  }
  const given = flagFolders(root, cFlags);
  const system = [...new Set([...folders.values()].flat())].filter((folder) => !given.has(folder));
  const libraries = await headerLibraries([...found.values()], system, {
    root,
    searchPath: options.searchPath,
    signal: options.signal,
  });
  return (header, language) => {
    const path = find(header, language);
    const library = path === undefined ? undefined : libraries.get(path);
    return path === undefined || library === undefined ? undefined : { path, ...library };
  };
}
