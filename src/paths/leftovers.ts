/**
 * What a batuta process leaves behind when it dies in the middle of a write: staging folders and temporary
 * files whose names carry the writing process's id. One is removed only when its name matches the caller's
 * pattern (names batuta gives, in a folder batuta owns), the process that wrote it is no longer running,
 * and it has not changed for an hour (a writer in another process namespace sharing the folder, whose pid
 * means nothing here, would still be touching it).
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
