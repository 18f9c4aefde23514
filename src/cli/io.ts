/**
 * What a CLI command needs from the outside world, injected so tests can run commands in-process.
 * stdout carries only the answer; notes and progress go to stderr.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { BatutaError, describeError, type ErrorCode, InvalidInputError } from '../errors.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export type OutputFormat = 'text' | 'json' | 'markdown';

/** Exit codes of the CLI contract: 0 answer, 1 nothing found / phase failed, 2 usage error. */
export const EXIT = { ok: 0, none: 1, usage: 2 } as const;

export function createProcessIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Prints a value as exactly one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Error codes that mean the command line is wrong (exit 2) for a command whose arguments name folders,
 * databases and collections (index, collections): besides a refused flag, an argument that names nothing
 * (NOT_FOUND: no such folder, collection or index). Nothing to index in a folder that exists is exit 1.
 */
export const NAMING_USAGE: readonly ErrorCode[] = ['INVALID_INPUT', 'NOT_FOUND'];

/**
 * Reports an error as one line on stderr and returns its exit code: 2 (usage) for the codes in `usage`,
 * else 1 (nothing found, a phase failed, a store that cannot be used).
 */
export function reportError(
  io: CliIo,
  command: string,
  error: unknown,
  usage: readonly ErrorCode[] = ['INVALID_INPUT'],
): number {
  const message = describeError(error);
  const prefix = message.startsWith(`${command}:`) ? '' : `${command}: `;
  io.stderr(`batuta ${prefix}${message}\n`);
  return error instanceof BatutaError && usage.includes(error.code) ? EXIT.usage : EXIT.none;
}

/** Refuses `--db ""`, which would otherwise fall back to the default database without a word. */
export function checkDbFlag(value: string | null | undefined): void {
  if (value === '') {
    throw new InvalidInputError(
      '--db is empty (give the path of an index database, or leave --db out to use $BATUTA_DB or the default)',
    );
  }
}

/** A token that is a negative number, which parseArgs would otherwise take for a flag. */
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)$/;

/**
 * Joins a string flag and a negative-number value into one `--name=value` token, so `-k -1` reaches
 * the range check ("out of range") instead of failing in parseArgs as an ambiguous flag.
 */
export function attachNegativeValues(
  argv: readonly string[],
  options: Readonly<Record<string, { readonly type: string; readonly short?: string }>>,
): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (option.short !== undefined) takesValue.set(`-${option.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const name = takesValue.get(token);
    const next = argv[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}

/** Resolves `--json` and the compatibility alias `--format json|text|markdown` into one format. */
export function resolveFormat(json: boolean | undefined, format: string | undefined): OutputFormat {
  if (format === undefined) return json ? 'json' : 'text';
  if (format !== 'json' && format !== 'text' && format !== 'markdown') {
    throw new InvalidInputError(
      `--format "${format}" is not known (use json, text or markdown, or svg, mermaid or dot for a picture)`,
      { format },
    );
  }
  if (json && format !== 'json') {
    throw new InvalidInputError(`--json and --format ${format} contradict each other (give one of them)`);
  }
  return format;
}

/**
 * `parseArgs` in the CLI's way: a flag it does not know, or a value it cannot take, becomes one usage
 * error that names `batuta COMMAND --help`.
 */
export function parseFlags<const T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  return parseFlagsOr(config, `run "batuta ${command} --help" for the flags`);
}

/**
 * `parseArgs` whose refusal is one InvalidInputError: parseArgs' own first line (it names the flag) and
 * `hint`, the way to the usage. Shared with the bench scripts (bench/lib/bench-flags.ts).
 */
export function parseFlagsOr<const T extends ParseArgsConfig>(
  config: T,
  hint: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InvalidInputError(`${message} (${hint})`);
  }
}
