/**
 * Flags of a bench entry point, answered the way the batuta CLI answers its own (src/cli/io.ts): `--help`
 * prints the script's usage, and a flag the script does not know, or a value it cannot take, is one line
 * on stderr naming the flag and the usage, exit 2 — instead of a Node stack from parseArgs.
 */
import { basename, relative } from 'node:path';
import type { ParseArgsConfig, parseArgs } from 'node:util';
import { parseFlagsOr } from '../../src/cli/io.js';
import { describeError, InvalidInputError } from '../../src/errors.js';
import { findRepoRoot } from './repo.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `usage: node dist/bench/…/NAME.js [--flag VALUE] [--switch] [ARG…]`, written from the options themselves. */
export function usageOf(script: string, config: ParseArgsConfig): string {
  const path = relative(findRepoRoot(script), script);
  const flags = Object.entries(config.options ?? ({} as Options))
    .filter(([name]) => name !== 'help')
    .map(([name, option]) => {
      const value = option.type === 'string' ? ' VALUE' : '';
      return `[--${name}${value}]${option.multiple ? '…' : ''}`;
    });
  const positionals = config.allowPositionals ? ['[ARG…]'] : [];
  return ['usage: node', path, ...flags, ...positionals].join(' ');
}

/**
 * Parses a bench script's flags (`script` is its `import.meta.filename`). `--help` prints `usage` (default:
 * one written from the options) and exits 0; a refused flag prints one line and exits 2. Both happen before
 * the script does any work, so exiting here leaves nothing half done.
 */
export function benchFlags<const T extends ParseArgsConfig>(
  script: string,
  config: T,
  usage: string = usageOf(script, config),
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseFlagsOr<T>({ ...config, args }, usage.split('\n')[0]!.trim());
  } catch (error) {
    refuse(script, describeError(error));
  }
}

/** Positional arguments of a script that takes its inputs in order, by the names its usage gives them. */
export interface Positionals {
  readonly required?: readonly string[];
  readonly optional?: readonly string[];
  /** A last argument that may come any number of times after the others (`REVISION=DIR …`). */
  readonly rest?: string;
}

/**
 * The positional arguments of a script without flags (`A.db B.db`, `[ROUNDS] [PROGRAM]`, `DIR [DIR …]`),
 * read like benchFlags reads flags: `--help` prints a usage naming them, and any flag, or too few or too
 * many arguments, is one line on stderr with that usage, exit 2, before the script does any work.
 */
export function benchPositionals(
  script: string,
  names: Positionals,
  args: string[] = process.argv.slice(2),
): string[] {
  const { required = [], optional = [], rest } = names;
  const wanted = [
    ...required,
    ...optional.map((name) => `[${name}]`),
    ...(rest === undefined ? [] : [`[${rest} …]`]),
  ].join(' ');
  const usage = `usage: node ${relative(findRepoRoot(script), script)} ${wanted}`;
  const { positionals } = benchFlags(script, { args, allowPositionals: true, options: {} }, usage);
  const most = rest === undefined ? required.length + optional.length : Number.POSITIVE_INFINITY;
  if (positionals.length < required.length || positionals.length > most)
    refuse(script, `expected ${wanted}, got ${positionals.length} argument(s) (${usage})`);
  return positionals;
}

/** A count given as an argument (`ROUNDS`): a whole number above 0, or `fallback` when it is not given. */
export function countArgument(
  script: string,
  name: string,
  text: string | undefined,
  fallback: number,
): number {
  if (text === undefined) return fallback;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1)
    refuse(script, `${name} must be a whole number above 0, not "${text}"`);
  return count;
}

/**
 * One line naming what was refused, exit 2: the way benchFlags refuses a flag, and the way a script refuses
 * a flag's value it cannot run with, before it does any work.
 */
export function refuse(script: string, message: string): never {
  process.stderr.write(`${benchName(script)}: ${message}\n`);
  process.exit(2);
}

/** The script's name as its messages start: `eval` for dist/bench/oracle/eval.js. */
function benchName(script: string): string {
  return basename(script).replace(/\.[jt]s$/, '');
}

/**
 * Reports what a bench script's main threw as one line starting with the script's name (only the first line
 * of a message that quotes a child's stderr): exit 2 for input it refused (a flag's value, InvalidInputError),
 * else 1.
 */
export function reportBenchError(script: string, error: unknown): void {
  const name = benchName(script);
  const message = describeError(error).split('\n')[0]!.trim();
  process.stderr.write(`${message.startsWith(`${name}: `) ? message : `${name}: ${message}`}\n`);
  process.exitCode = error instanceof InvalidInputError ? 2 : 1;
}

/**
 * Runs a bench script's `main`, sync or async, and reports anything it throws while it runs (a missing
 * database, a build not made, an unreadable file) through reportBenchError: one line, exit 1 or 2, never a
 * Node stack. A `main` that returns a number sets the exit code. Every entry point ends with
 * `await runBench(import.meta.filename, main)`.
 */
export async function runBench(script: string, main: () => unknown): Promise<void> {
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    reportBenchError(script, error);
  }
}

/**
 * The flags a script cannot run without: when one is not given, one line naming those missing and the way to
 * the usage, exit 2, before the script does any work.
 */
export function requireFlags<V extends object, K extends keyof V & string>(
  script: string,
  values: V,
  names: readonly K[],
): asserts values is V & { [P in K]-?: NonNullable<V[P]> } {
  const missing = names.filter((name) => values[name] === undefined || values[name] === '');
  if (missing.length === 0) return;
  const usage = `run "node ${relative(findRepoRoot(script), script)} --help" for the usage`;
  refuse(script, `give ${missing.map((name) => `--${name}`).join(', ')} (${usage})`);
}
