/**
 * Runs external programs (transpilers, cargo, interpreters, strace) without interpreting their arguments:
 * the argument vector reaches the program as given, so file names with spaces or quotes are never
 * re-interpreted. Each runs in a process group of its own, which dies with batuta even on kill -9
 * (process-groups.ts).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { BatutaError } from '../errors.js';
import { ensureReaper, releaseGroup, signalGroup, watchGroup } from './process-groups.js';

/** What a finished program did. */
export interface ToolRun {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export interface ToolOptions {
  readonly cwd: string;
  readonly stdin?: string;
  /** Full environment for the child; inherited when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folders put in front of the child's PATH (the program itself is still looked up on the given PATH). */
  readonly pathFirst?: readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * A program starts behind this gate: a shell (in the program's new process group) that waits for a line on
 * descriptor 3, closes it and becomes the program, its arguments passed on as they are. batuta sends the
 * line once the reaper knows the group, so a batuta killed between starting a program and telling the
 * reaper leaves nothing running: the gate reads end-of-file and exits without starting the program.
 */
const GATE = 'read -r _ <&3 || exit 125; exec 3<&-; exec "$0" "$@"';

/**
 * Runs `command args` to completion, capturing output; CANCELLED when the signal fires. The program leads
 * a process group of its own: cancelling stops the whole group, anything it leaves running is killed when
 * it exits, and the reaper kills the group if batuta dies first.
 */
export async function runTool(
  command: string,
  args: readonly string[],
  options: ToolOptions,
): Promise<ToolRun> {
  const env = options.env ?? process.env;
  const program = findProgram(command, options.cwd, env['PATH']);
  if (program === undefined) throw new BatutaError('IO', `${command}: cannot run (ENOENT)`, { command });
  const first = options.pathFirst ?? [];
  const childEnv =
    first.length === 0
      ? options.env
      : { ...env, PATH: [...first, env['PATH'] ?? ''].filter(Boolean).join(':') };
  await ensureReaper();
  const start = process.hrtime.bigint();
  return new Promise((done, fail) => {
    const child = spawn('/bin/sh', ['-c', GATE, program, ...args], {
      cwd: options.cwd,
      env: childEnv,
      signal: options.signal,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid;
    const stop = (): void => {
      if (pid !== undefined) signalGroup(pid, 'SIGTERM');
    };
    const gate = child.stdio[3] as Writable;
    gate.on('error', () => undefined);
    if (pid !== undefined) watchGroup(pid, () => gate.end('\n'));
    options.signal?.addEventListener('abort', stop, { once: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') fail(new BatutaError('CANCELLED', `${command}: cancelled`));
      else
        fail(new BatutaError('IO', `${command}: cannot run (${error.code ?? error.message})`, { command }));
    });
    child.on('exit', () => {
      options.signal?.removeEventListener('abort', stop);
      if (pid !== undefined) releaseGroup(pid);
    });
    child.on('close', (code, signal) => {
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: Number(process.hrtime.bigint() - start) / 1e9,
      });
    });
  });
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Added to "not found" errors when the caller gave no search path, so the real cause is visible. */
export function searchHint(path: string | undefined): string {
  return path === undefined ? '; no search path was given to batuta (pass searchPath)' : '';
}

/**
 * Finds a program: a name with a slash is resolved against `base` (the project), a bare name is
 * searched on PATH. Returns the absolute path or undefined.
 */
export function findProgram(command: string, base: string, path: string | undefined): string | undefined {
  if (command.includes('/')) {
    const full = isAbsolute(command) ? command : resolve(base, command);
    return executable(full) ? full : undefined;
  }
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}
