/**
 * How validation starts each side of a comparison: the original program under its interpreter (or
 * compiled with the system C compiler) and the converted crate's binary, plus the paths that belong to
 * each runtime so syscall traces can ignore them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { ToolMissingError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { readFileNoFollow } from '../paths/no-follow.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import { sourcedPaths } from './sourced.js';
import { SHELL_HELPERS } from './trace.js';
import type { FileAnalysis, PhaseOptions, Plan, PlanModule } from './types.js';

/** A program ready to run: argv prefix and the runtime's own path prefixes. */
export interface Launcher {
  readonly command: string;
  readonly args: readonly string[];
  /** The path the program is started by, which it sees as its own name (`$0`, `sys.argv[0]`, `argv[0]`). */
  readonly self: string;
  readonly runtimePaths: readonly string[];
  /** Folders put first on the program's PATH (where a shell script finds what it sources by bare name). */
  readonly pathFirst?: readonly string[];
  /** Programs the original computes with, not counted as programs it starts (a shell's `dirname`). */
  readonly helpers?: ReadonlySet<string>;
}

function need(name: string, options: PhaseOptions, root: string, install: string): string {
  const found = findProgram(name, root, options.searchPath);
  if (found === undefined) {
    throw new ToolMissingError(
      `validate: ${name} not found on PATH (install it: ${install}${searchHint(options.searchPath)})`,
      {
        name,
        install,
      },
    );
  }
  return found;
}

/**
 * Runs a package module the way `python -m` does, from the folder above its top package; a package of
 * that name imported at start-up (by a `.pth` file or sitecustomize) is dropped first, so the project's wins.
 */
const RUN_MODULE = [
  'import runpy, sys',
  'sys.path.insert(0, sys.argv.pop(1))',
  'name = sys.argv.pop(1)',
  'top = name.split(".")[0]',
  'for m in [m for m in sys.modules if m == top or m.startswith(top + ".")]: del sys.modules[m]',
  'runpy.run_module(name, run_name="__main__", alter_sys=True)',
].join('\n');

/**
 * The dotted name of a Python file that sits in a package (its folder has an `__init__.py`, up to and
 * including the project folder) and the folder its top package is imported from; undefined for a plain
 * script. `pkg/__main__.py` is the package itself, as `python -m pkg` runs it.
 */
export function packageModule(root: string, file: string): { name: string; from: string } | undefined {
  const stem = basename(file, '.py');
  const parts = stem === '__main__' ? [] : [stem];
  let dir = dirname(file);
  while (existsSync(join(dir, '__init__.py')) && (dir === root || dir.startsWith(`${root}/`))) {
    parts.unshift(basename(dir));
    dir = dirname(dir);
  }
  if (dir === dirname(file)) return undefined;
  return { name: parts.join('.'), from: dir };
}

/** An interpreter as a script's first line names it: a path, or a name looked up on PATH, and its arguments. */
export interface Interpreter {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The interpreter a `#!` line starts, as the kernel reads it: the path and the rest of the line as one argument;
 * through `env` the name PATH finds (`env -S` splits the rest into words). Undefined without a `#!` line.
 */
function shebangOf(firstLine: string): Interpreter | undefined {
  const match = /^#!\s*(\S+)(?:\s+(.*?))?\s*$/.exec(firstLine);
  if (match === null) return undefined;
  const [, path, rest] = match as unknown as [string, string, string | undefined];
  if (basename(path) !== 'env') return { command: path, args: rest ? [rest] : [] };
  const words = (rest ?? '').split(/\s+/).filter(Boolean);
  const named = words[0] === '-S' ? words.slice(1) : words;
  return named.length === 0 ? undefined : { command: named[0]!, args: named.slice(1) };
}

/**
 * The interpreter of a `#!` line that hands `env` a name and its arguments without `-S` (`#!/usr/bin/env python3
 * -u`): the kernel passes them to env as one word, so the file run by name fails (env: 'python3 -u': No such
 * file or directory, exit 127). batuta reads the line as its author meant it, as `python3 -u FILE` runs it: the
 * name and its arguments. Undefined for any other line.
 */
export function unsplitEnvArguments(firstLine: string): Interpreter | undefined {
  const match = /^#!\s*(\S+)\s+(.*?)\s*$/.exec(firstLine);
  if (match === null || basename(match[1]!) !== 'env') return undefined;
  const words = match[2]!.split(/\s+/);
  return words.length > 1 && !words[0]!.startsWith('-') ? shebangOf(firstLine) : undefined;
}

/** The interpreter the first line names when its name is `wanted`, else `fallback` from PATH. */
function namedOr(firstLine: string, wanted: RegExp, fallback: string): Interpreter {
  const named = shebangOf(firstLine);
  return named !== undefined && wanted.test(basename(named.command))
    ? named
    : { command: fallback, args: [] };
}

/**
 * The interpreter a Python script's first line names (`#!/usr/bin/python3`: Debian's modules import there, not
 * under a pyenv python3 first on PATH); `python3`, found on PATH, when it names no python.
 */
export const pythonOf = (firstLine: string): Interpreter => namedOr(firstLine, /^python[0-9.]*$/, 'python3');

/**
 * The shell a script's first line names, by its path and with its argument (`#!/bin/bash` with bash features
 * runs under that bash, `#!/bin/sh -e` with -e); bash, found on PATH, when it names none.
 */
export const shellOf = (firstLine: string): Interpreter => namedOr(firstLine, /^[a-z]*sh[0-9.]*$/, 'bash');

/**
 * Where the interpreter a script names is: its path when installed, else the same name (Python: python3) on
 * PATH; TOOL_MISSING in one line naming both when neither is, so the fix is clear.
 */
function interpreterPath(
  ctx: { readonly root: string; readonly options: PhaseOptions },
  script: string,
  named: Interpreter,
  fallback: string,
  install: string,
): string {
  const { root, options } = ctx;
  const found = findProgram(named.command, root, options.searchPath);
  if (found !== undefined) return found;
  if (!named.command.includes('/')) return need(named.command, options, root, install);
  const onPath = findProgram(fallback, root, options.searchPath);
  if (onPath !== undefined) return onPath;
  throw new ToolMissingError(
    `validate: ${script} names ${named.command} on its first line, which is not installed, and PATH has no ${fallback} (install it, or name an installed interpreter on the script's first line)${searchHint(options.searchPath)}`,
    { name: named.command, install },
  );
}

/** A script's first line (its `#!` line, when it has one). */
function firstLineOf(file: string): string {
  const text = readFileNoFollow(file).toString('utf8');
  return text.slice(0, text.indexOf('\n') >>> 0);
}

async function pythonLauncher(root: string, module: PlanModule, options: PhaseOptions): Promise<Launcher> {
  const file = resolveUnder(root, module.path);
  const named = pythonOf(firstLineOf(file));
  const python = interpreterPath({ root, options }, module.path, named, 'python3', 'apt-get install python3');
  const probe = await runTool(
    python,
    ['-c', 'import sys; print(sys.executable); print(sys.prefix); print(sys.base_prefix)'],
    {
      cwd: root,
      signal: options.signal,
    },
  );
  const [executable, ...prefixes] = probe.stdout.trim().split('\n');
  if (probe.code !== 0 || !executable) {
    const said = probe.stderr.trim().split('\n')[0] || `exit code ${probe.code}`;
    throw new ToolMissingError(
      `validate: ${python} does not run Python: ${said} (install python3, or name a working interpreter on the script's first line)`,
      { name: python, install: 'apt-get install python3' },
    );
  }
  const inPackage = packageModule(root, file);
  const run = inPackage === undefined ? [file] : ['-c', RUN_MODULE, inPackage.from, inPackage.name];
  // Deprecation warnings speak of the library versions installed, not of what the program does (pyparsing
  // 3.3 warns on the camelCase names its own examples use): a translation has none to print.
  const quiet = ['-W', 'ignore::DeprecationWarning'];
  return {
    command: executable,
    args: [...named.args, '-B', ...quiet, ...run],
    self: file,
    runtimePaths: [...prefixes, root],
  };
}

/**
 * The C and C++ files a program is linked with: those its included headers lead to, directly or through
 * each other (`io.h` → `io.c`), as the plan's dependencies say.
 */
export function linkedSources(plan: Plan, module: PlanModule): string[] {
  const byPath = new Map(plan.modules.map((m) => [m.path, m]));
  const seen = new Set<string>([module.path]);
  const queue = [...module.dependsOn];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(...(byPath.get(path)?.dependsOn ?? []));
  }
  seen.delete(module.path);
  return [...seen].filter((path) => /\.(c|cc|cpp|cxx)$/.test(path)).sort();
}

/**
 * The folders of project files that the script `path`, or a file it sources, sources by bare name
 * (`. git-sh-setup`, which the shell looks up on PATH: git puts its exec-path first). The original runs
 * with them first on PATH, so it sources the project's files, as its own launcher would arrange.
 */
export function bareSourcedFolders(files: readonly FileAnalysis[], path: string): string[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const folders = new Set<string>();
  const seen = new Set<string>();
  const queue = [path];
  while (queue.length > 0) {
    const script = byPath.get(queue.shift()!);
    if (script === undefined || script.language !== 'shell' || seen.has(script.path)) continue;
    seen.add(script.path);
    for (const spec of script.imports) {
      const hit = sourcedPaths(script.path, spec).find((p) => byPath.has(p));
      if (hit === undefined) continue;
      if (!spec.replace(/["']/g, '').includes('/')) folders.add(posix.dirname(hit));
      queue.push(hit);
    }
  }
  return [...folders].sort();
}

/** What starting an original program needs besides its module. */
export interface OriginalContext {
  readonly root: string;
  readonly plan: Plan;
  readonly files: readonly FileAnalysis[];
  readonly cFlags: readonly string[];
  readonly options: PhaseOptions;
}

/**
 * The compiler's first error (`FILE:LINE:COL: error:`, a fatal error or an undefined reference), else its first
 * line; paths inside `root` are said from it. Not merely a line with "error" in it: gcc's "In function
 * ‘werror’:" comes before the error in that function.
 */
export function compileError(stderr: string, root?: string): string {
  const lines = stderr.trim().split('\n');
  const line = lines.find((l) => /(^|\s|:)(fatal )?error:|undefined reference/.test(l)) ?? lines[0] ?? '';
  return root === undefined ? line : line.replaceAll(`${root}/`, '');
}

/**
 * The launcher for the original program of `module`: Python as `python -m` would run it, a shell script
 * under the shell its first line names, C and C++ compiled once into `.batuta/original`.
 */
export async function originalLauncher(ctx: OriginalContext, module: PlanModule): Promise<Launcher> {
  const { root, plan, cFlags, options } = ctx;
  if (module.language === 'python') return pythonLauncher(root, module, options);
  const file = resolveUnder(root, module.path);
  if (module.language === 'shell') {
    const shell = shellOf(firstLineOf(file));
    const name = basename(shell.command);
    const install = `apt-get install ${name === 'sh' ? 'dash' : name}`;
    return {
      command: interpreterPath(ctx, module.path, shell, name, install),
      args: [...shell.args, file],
      self: file,
      runtimePaths: [root],
      helpers: SHELL_HELPERS,
      pathFirst: bareSourcedFolders(ctx.files, module.path).map((folder) => resolveUnder(root, folder)),
    };
  }
  const compiler = module.language === 'c' ? 'cc' : 'c++';
  const cc = need(
    compiler,
    options,
    root,
    module.language === 'c' ? 'apt-get install gcc' : 'apt-get install g++',
  );
  mkdirSync(resolveUnder(root, '.batuta', 'original'), { recursive: true });
  const out = resolveUnder(root, '.batuta', 'original', module.crate);
  const sources = [file, ...linkedSources(plan, module).map((path) => resolveUnder(root, path))];
  const build = await runTool(cc, ['-O1', '-o', out, ...sources, ...cFlags, '-lm'], {
    cwd: root,
    signal: options.signal,
  });
  if (build.code !== 0) {
    throw new ToolMissingError(
      `validate: ${compiler} could not compile the original ${module.path}: ${compileError(build.stderr, root)} (give the include folders, defines and libraries it needs in batuta.toml [validation] c_flags, e.g. ["-I/usr/include/foo", "-lfoo"], or fix the source)`,
    );
  }
  return { command: out, args: [], self: out, runtimePaths: [root] };
}
