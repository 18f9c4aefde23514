/**
 * Leftovers of interrupted writes, with real files and real processes: an entry is removed only when its
 * name is one batuta gives, its writer is no longer running and it has not changed for an hour.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRunning, LEFTOVER_AGE_MS, removeLeftovers, removeOrphans } from '../../src/paths/leftovers.js';
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

  it("removes an old entry whose owner is gone; keeps a live owner's, a recently changed one and a running writer's", () => {
    const dir = tempDir('orphans');
    const dead = endedPid();
    const folder = (name: string, inside: string[]) => {
      mkdirSync(join(dir, name, 'v-1'), { recursive: true });
      for (const entry of inside) writeFileSync(join(dir, name, entry), 'x');
      writeFileSync(join(dir, name, 'v-1', 'vectors.bin'), 'x');
      return join(dir, name);
    };
    const paths = {
      goneFolder: folder('db.gone.model', ['current.json', `current.json.tmp-${dead}`]),
      goneFile: join(dir, 'db.gone.0123456789ab.hnsw'),
      liveFolder: folder('db.live.model', ['current.json']),
      touchedInside: folder('db.touched.model', ['current.json']),
      writing: folder('db.writing.model', [`current.json.tmp-${running.pid}`]),
      writingFile: join(dir, `db.writing.0123456789ab.hnsw.tmp-${running.pid}`),
      notOurs: join(dir, 'notes.txt'),
    };
    for (const path of [paths.goneFile, paths.writingFile, paths.notOurs]) writeFileSync(path, 'x');
    const ageTree = (path: string) => {
      age(path, LEFTOVER_AGE_MS + 60_000);
      if (!path.endsWith('.model')) return;
      for (const entry of [
        'current.json',
        'v-1',
        'v-1/vectors.bin',
        `current.json.tmp-${dead}`,
        `current.json.tmp-${running.pid}`,
      ])
        if (existsSync(join(path, entry))) age(join(path, entry), LEFTOVER_AGE_MS + 60_000);
    };
    for (const path of Object.values(paths)) ageTree(path);
    writeFileSync(join(paths.touchedInside, 'v-1', 'vectors.bin'), 'fresh');
    const ownersOf = (entry: string) => {
      const owner = /^db\.([a-z]+)\./.exec(entry)?.[1];
      return owner === undefined ? [] : [owner];
    };
    let asked = 0;
    const live = () => {
      asked += 1;
      return new Set(['live']);
    };
    const removed = removeOrphans(dir, ownersOf, live, /\.tmp-(?<pid>\d+)$/);
    expect(removed.sort()).toEqual([paths.goneFile, paths.goneFolder].sort());
    expect(asked).toBe(1);
    expect(
      Object.entries(paths)
        .filter(([, path]) => existsSync(path))
        .map(([name]) => name),
    ).toEqual(['liveFolder', 'touchedInside', 'writing', 'writingFile', 'notOurs']);
    expect(removeOrphans(join(dir, 'missing'), ownersOf, live, /\.tmp-(?<pid>\d+)$/)).toEqual([]);
  });

  it('asks which owners are live only after the entries were looked at, so an owner added meanwhile keeps its files', () => {
    const dir = tempDir('orphans-late');
    const file = join(dir, 'db.late.0123456789ab.hnsw');
    writeFileSync(file, 'x');
    age(file, LEFTOVER_AGE_MS + 60_000);
    const owners = new Set<string>();
    const ownersOf = (entry: string) => {
      owners.add('late');
      return [entry.split('.')[1]!];
    };
    expect(removeOrphans(dir, ownersOf, () => owners, /\.tmp-(?<pid>\d+)$/)).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
