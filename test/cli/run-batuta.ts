/**
 * Runs the built `batuta` binary (npm test builds dist/ first) with a private HOME, cache and temporary folder,
 * so what a run leaves in them (the PostgreSQL store's model cache lives under TMPDIR) goes with the test's home.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** The run's TMPDIR, a folder of its HOME. */
export const RUN_TEMPORARY = '.tmp';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBatuta(args: readonly string[], home: string, env: Record<string, string> = {}): Run {
  const temporary = resolve(home, RUN_TEMPORARY);
  mkdirSync(temporary, { recursive: true });
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      XDG_CACHE_HOME: resolve(home, '.cache'),
      TMPDIR: temporary,
      ...env,
    },
    cwd: home,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `batuta oracle --rag --json QUESTION` over one collection of the index `db` (a path or a postgres:// URL). */
export function searchCollection(db: string, collection: string, question: string, home: string): Run {
  return runBatuta(['oracle', '--rag', '--json', '--db', db, '--collection', collection, question], home);
}

/** The same search with `--explain -k 10`: every score and feature the answer came from, to compare runs. */
export function explainSearch(db: string, collection: string, question: string, home: string): Run {
  return runBatuta(
    ['oracle', '--rag', '--json', '--explain', '-k', '10', '--collection', collection, '--db', db, question],
    home,
  );
}

/** `batuta ARGS --json`: the exit code, the parsed output and stderr; a run that prints no JSON fails the test. */
export function runBatutaJson(
  args: readonly string[],
  home: string,
  env: Record<string, string> = {},
): { code: number | null; body: Record<string, unknown>; stderr: string } {
  const run = runBatuta([...args, '--json'], home, env);
  try {
    return { code: run.code, body: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
  } catch {
    throw new Error(`batuta ${args.join(' ')} printed no JSON (exit ${run.code}): ${run.stderr}`);
  }
}
