/**
 * Temporary folders for tests, removed when the test file that made them ends (test/remove-temp-dirs.ts,
 * a vitest setup file, does it after every file), so a full run leaves nothing behind in the system's
 * temporary folder. Use it instead of mkdtempSync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty folder `<tmp>/<prefix>-XXXXXX`, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made (and whatever was written in them). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
