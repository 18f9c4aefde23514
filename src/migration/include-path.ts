/**
 * The folders a C or C++ compiler searches for `#include` files, as the compiler lists them itself
 * (`cc -E -Wp,-v`: its own folder of stddef.h and the like, /usr/local/include, the multiarch folder,
 * /usr/include), with batuta.toml's c_flags (`-I`, `-isystem`, `--sysroot` …) given to it as validation gives
 * them, so the plan can tell a quoted include of a system or library header from one that is really missing.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
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

const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/**
 * Where a quoted include lies on the compiler's include path, for the languages of `analysis` whose files
 * have quoted includes (a compiler is asked only then). Nothing is found when the compiler is not on PATH.
 */
export async function includeLookup(
  root: string,
  analysis: Analysis,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<IncludeLookup> {
  const languages = new Set(
    analysis.files
      .filter((f) => COMPILER[f.language] !== undefined && f.imports.some((spec) => spec.startsWith('"')))
      .map((f) => f.language),
  );
  const folders = new Map<SourceLanguage, string[]>();
  for (const language of languages)
    folders.set(language, await compilerFolders(root, language, cFlags, options));
  return (header, language) =>
    folders
      .get(language)
      ?.map((folder) => resolve(folder, header))
      .find(isFile);
}
