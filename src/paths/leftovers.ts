/**
 * What a batuta process leaves behind when it dies in the middle of a write: staging folders and temporary
 * files whose names carry the writing process's id. One is removed only when its name matches the caller's
 * pattern (names batuta gives, in a folder batuta owns), the process that wrote it is no longer running,
 * and it has not changed for an hour (a writer in another process namespace sharing the folder, whose pid
 * means nothing here, would still be touching it).
 *
 * Files whose owner is gone (a collection's files after its row was removed, or written by a run that died
 * before its database was kept) are removed under the same rules: nothing in them changed for an hour, no
 * entry in them is named by a running writer, and the owner is not live when asked, after the look.
 */
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How long an entry of a process that is not running must have been left unchanged before it is removed. */
export const LEFTOVER_AGE_MS = 60 * 60 * 1000;

/** Whether a process with this id runs on this machine (one of another user counts as running). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the entries of `dir` whose names match `pattern`, whose `pid` group names a process that is not
 * running, and that have not changed for LEFTOVER_AGE_MS; returns the paths removed.
 */
export function removeLeftovers(dir: string, pattern: RegExp, now = Date.now()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.groups?.['pid']);
    if (!Number.isSafeInteger(pid) || pid <= 0 || isRunning(pid)) continue;
    const path = join(dir, entry);
    try {
      if (now - lstatSync(path).mtimeMs < LEFTOVER_AGE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Removed by another process meanwhile.
    }
  }
  return removed;
}

/** What a look through an entry found: its newest change, and whether a running writer's entry is in it. */
interface Look {
  readonly newest: number;
  readonly writing: boolean;
}

/** Whether `name` carries the pid of a running process in the `pid` group of `writer`. */
function byRunningWriter(name: string, writer: RegExp): boolean {
  const pid = Number(writer.exec(name)?.groups?.['pid']);
  return Number.isSafeInteger(pid) && pid > 0 && isRunning(pid);
}

/** Looks through `path` and, for a folder, everything below it (links are not followed). */
function lookThrough(path: string, writer: RegExp): Look {
  const stat = lstatSync(path);
  let newest = stat.mtimeMs;
  if (!stat.isDirectory()) return { newest, writing: false };
  for (const entry of readdirSync(path)) {
    if (byRunningWriter(entry, writer)) return { newest, writing: true };
    const inside = lookThrough(join(path, entry), writer);
    if (inside.writing) return inside;
    newest = Math.max(newest, inside.newest);
  }
  return { newest, writing: false };
}

/**
 * Removes the entries of `dir` that belong to no live owner; returns the paths removed. `ownersOf` names
 * the owners an entry may belong to (none: not an entry of ours); `liveOwners` is asked once, after every
 * entry was looked through, so an owner created meanwhile keeps its entries. An entry goes only when
 * nothing in it changed for LEFTOVER_AGE_MS and no entry in it is named by a running process (the `pid`
 * group of `writer`).
 */
export function removeOrphans(
  dir: string,
  ownersOf: (entry: string) => readonly string[],
  liveOwners: () => ReadonlySet<string>,
  writer: RegExp,
  now = Date.now(),
): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const old: Array<{ path: string; owners: readonly string[] }> = [];
  for (const entry of entries) {
    const owners = ownersOf(entry);
    if (owners.length === 0 || byRunningWriter(entry, writer)) continue;
    const path = join(dir, entry);
    try {
      const look = lookThrough(path, writer);
      if (!look.writing && now - look.newest >= LEFTOVER_AGE_MS) old.push({ path, owners });
    } catch {
      // Changed or removed while looked through: not an orphan to judge now.
    }
  }
  if (old.length === 0) return [];
  const live = liveOwners();
  const removed: string[] = [];
  for (const { path, owners } of old) {
    if (owners.some((owner) => live.has(owner))) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
