/**
 * What a CLI command needs from the outside world, injected so tests can run commands in-process.
 * stdout carries only the answer; notes and progress go to stderr.
 */
import { BatutaError, describeError, InvalidInputError } from '../errors.js';

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

/** Reports an error as one line on stderr and returns the exit code it maps to. */
export function reportError(io: CliIo, command: string, error: unknown): number {
  const message = describeError(error);
  const prefix = message.startsWith(`${command}:`) ? '' : `${command}: `;
  io.stderr(`batuta ${prefix}${message}\n`);
  if (error instanceof BatutaError) return error.code === 'INVALID_INPUT' ? EXIT.usage : EXIT.none;
  return EXIT.none;
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
