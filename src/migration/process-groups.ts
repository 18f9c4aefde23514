/**
 * Process groups of the external programs batuta runs, and the reaper (tool-reaper.ts) that kills them if
 * batuta dies first. Each program starts as the leader of a group of its own, so one signal reaches it
 * and everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatutaError } from '../errors.js';

/**
 * The reaper of this process, started with the first program, and when it is ready to listen.
 * Process-wide on purpose: it stands for this process (it notices the process dying), so there is exactly
 * one, and its handles are unref'd so it never keeps batuta running.
 */
let reaper: { readonly child: ChildProcess; readonly ready: Promise<void> } | undefined;

/**
 * The compiled reaper beside this module; from the TypeScript sources (vitest) the copy under dist/ is
 * used, so tests that run programs need `npm run build` first.
 */
function reaperFile(): string {
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  if (here.endsWith('.ts')) {
    const at = `${dir}${sep}`.lastIndexOf(`${sep}src${sep}`);
    dir = join(dir.slice(0, at), 'dist', dir.slice(at));
  }
  const file = join(dir, 'tool-reaper.js');
  if (!existsSync(file)) {
    throw new BatutaError('IO', `migration: ${file} is missing (run npm run build)`, { file });
  }
  return file;
}

function startReaper(): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, [reaperFile()], {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    detached: true,
  });
  const ready = new Promise<void>((done, fail) => {
    const failed = (why: string) => {
      reaper = undefined;
      fail(new BatutaError('IO', `migration: the process reaper could not start (${why})`));
    };
    child.once('message', () => {
      child.unref();
      child.channel?.unref();
      done();
    });
    child.once('error', (error) => failed(error.message));
    child.once('exit', (code) => failed(`exit ${code}`));
  });
  return { child, ready };
}

/** Starts the reaper if needed and resolves once it listens, so no program runs unwatched. */
export function ensureReaper(): Promise<void> {
  reaper ??= startReaper();
  return reaper.ready;
}

/**
 * Registers the group led by `pid` with the reaper; `then` runs once the message is written to the
 * reaper's channel (from there it reaches the reaper even if batuta dies next), or at once without a reaper.
 */
export function watchGroup(pid: number, then: () => void): void {
  if (reaper?.child.connected) reaper.child.send({ add: pid }, () => then());
  else then();
}

/** Kills what is left of the group led by `pid` and tells the reaper it is gone. */
export function releaseGroup(pid: number): void {
  signalGroup(pid, 'SIGKILL');
  if (reaper?.child.connected) reaper.child.send({ remove: pid }, () => undefined);
}

/** Sends `signal` to every process of the group led by `pid`; a group that has ended is ignored. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has ended
  }
}
