/**
 * How validation starts each side of a comparison: the original program under its interpreter (or
 * compiled with the system C compiler) and the converted crate's binary, plus the paths that belong to
 * each runtime so syscall traces can ignore them.
 */
import { mkdirSync } from 'node:fs';
import { ToolMissingError } from '../errors.js';
import { resolveUnder } from '../paths/contain.js';
import { findProgram, runTool, searchHint } from './run-tool.js';
import type { PhaseOptions, PlanModule } from './types.js';

/** A program ready to run: argv prefix and the runtime's own path prefixes. */
export interface Launcher {
  readonly command: string;
  readonly args: readonly string[];
  readonly runtimePaths: readonly string[];
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
  return { command: executable ?? python, args: ['-B', file], runtimePaths: [...prefixes, root] };
}

/** The launcher for the original program of `module`; C and C++ are compiled once into `.batuta/original`. */
export async function originalLauncher(
  root: string,
  module: PlanModule,
  options: PhaseOptions,
): Promise<Launcher> {
  const file = resolveUnder(root, module.path);
  if (module.language === 'python') return pythonLauncher(root, file, options);
  if (module.language === 'shell') {
    return {
      command: need('bash', options, root, 'apt-get install bash'),
      args: [file],
      runtimePaths: [root],
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
  const build = await runTool(cc, ['-O1', '-o', out, file, '-lm'], { cwd: root, signal: options.signal });
  if (build.code !== 0) {
    throw new ToolMissingError(
      `validate: ${compiler} could not compile the original ${module.path}: ${build.stderr.trim().split('\n')[0] ?? ''} (fix the source or declare cases for compilable files only)`,
    );
  }
  return { command: out, args: [], runtimePaths: [root] };
}
