/**
 * How validation starts each side of a comparison: the original program under its interpreter (or
 * compiled with the system C compiler) and the converted crate's binary, plus the paths that belong to
 * each runtime so syscall traces can ignore them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ToolMissingError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import { SHELL_HELPERS } from './trace.js';
import type { PhaseOptions, Plan, PlanModule } from './types.js';

/** A program ready to run: argv prefix and the runtime's own path prefixes. */
export interface Launcher {
  readonly command: string;
  readonly args: readonly string[];
  readonly runtimePaths: readonly string[];
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

async function pythonLauncher(root: string, file: string, options: PhaseOptions): Promise<Launcher> {
  const python = need('python3', options, root, 'apt-get install python3');
  const probe = await runTool(
    python,
    ['-c', 'import sys; print(sys.executable); print(sys.prefix); print(sys.base_prefix)'],
    {
      cwd: root,
      signal: options.signal,
    },
  );
  const [executable, ...prefixes] = probe.stdout.trim().split('\n');
  const module = packageModule(root, file);
  const args = module === undefined ? ['-B', file] : ['-B', '-c', RUN_MODULE, module.from, module.name];
  return { command: executable ?? python, args, runtimePaths: [...prefixes, root] };
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

/** The launcher for the original program of `module`; C and C++ are compiled once into `.batuta/original`. */
export async function originalLauncher(
  root: string,
  module: PlanModule,
  plan: Plan,
  cFlags: readonly string[],
  options: PhaseOptions,
): Promise<Launcher> {
  const file = resolveUnder(root, module.path);
  if (module.language === 'python') return pythonLauncher(root, file, options);
  if (module.language === 'shell') {
    return {
      command: need('bash', options, root, 'apt-get install bash'),
      args: [file],
      runtimePaths: [root],
      helpers: SHELL_HELPERS,
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
    const lines = build.stderr.trim().split('\n');
    throw new ToolMissingError(
      `validate: ${compiler} could not compile the original ${module.path}: ${lines.find((l) => /error|undefined reference/.test(l)) ?? lines[0] ?? ''} (give the include folders, defines and libraries it needs in batuta.toml [validation] c_flags, e.g. ["-I/usr/include/foo", "-lfoo"], or fix the source)`,
    );
  }
  return { command: out, args: [], runtimePaths: [root] };
}
