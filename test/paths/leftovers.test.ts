/**
 * Leftovers of interrupted writes, with real files and real processes: an entry is removed only when its
 * name is one batuta gives, its writer is no longer running and it has not changed for an hour.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, LEFTOVER_AGE_MS, removeLeftovers } from '../../src/paths/leftovers.js';
import { tempDir } from '../temp-dirs.js';

/** The pid of a process that has run and ended. */
function endedPid(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(ended.stdout);
}

/** Ages a file or folder by `ms`. */
function age(path: string, ms: number): void {
  const when = (Date.now() - ms) / 1000;
  utimesSync(path, when, when);
}

const PATTERN = /^(?:staging-|[A-Za-z0-9._-]+\.tmp-)(?<pid>\d+)(?:-\d+)?$/;

describe('removeLeftovers', () => {
  let running: ChildProcess;
  beforeAll(() => {
    running = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    running.kill();
  });

  it('knows which processes run', () => {
    expect(isRunning(process.pid)).toBe(true);
    expect(isRunning(running.pid!)).toBe(true);
    expect(isRunning(endedPid())).toBe(false);
  });

  it("removes an old entry of an ended process, keeps a running process's, a fresh one and names it does not give", () => {
    const dir = tempDir('leftovers');
    const dead = endedPid();
    const paths = {
      deadStaging: join(dir, `staging-${dead}-0`),
      deadTemp: join(dir, `current.json.tmp-${dead}`),
      liveStaging: join(dir, `staging-${running.pid}-0`),
      freshDead: join(dir, `held-out.json.tmp-${dead}`),
      version: join(dir, 'v-0123456789ab'),
      other: join(dir, `notes-${dead}.txt`),
    };
    for (const path of [paths.deadStaging, paths.liveStaging, paths.version]) {
      mkdirSync(path);
      writeFileSync(join(path, 'vectors.bin'), 'x');
    }
    for (const path of [paths.deadTemp, paths.freshDead, paths.other]) writeFileSync(path, '{}');
    for (const [name, path] of Object.entries(paths))
      if (name !== 'freshDead') age(path, LEFTOVER_AGE_MS + 60_000);
    expect(removeLeftovers(dir, PATTERN).sort()).toEqual([paths.deadStaging, paths.deadTemp].sort());
    expect(
      Object.entries(paths)
        .filter(([, path]) => existsSync(path))
        .map(([name]) => name),
    ).toEqual(['liveStaging', 'freshDead', 'version', 'other']);
    expect(removeLeftovers(join(dir, 'missing'), PATTERN)).toEqual([]);
  });
});
