import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A merge that commits git's conflict markers leaves both sides of a hunk in a file the README, a spec or the
 * code shows to users. Session 15 landed one in the README unnoticed; this keeps any tracked text file from
 * holding an opening or closing marker line.
 */
const ROOT = resolve(import.meta.dirname, '..');
const MARKER = new RegExp(`^(${'<'.repeat(7)}|${'>'.repeat(7)}) `);

/** Tracked files (a clean clone has nothing else), as `git ls-files` names them. */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('tracked files', () => {
  it('hold no merge-conflict marker lines', () => {
    const found: string[] = [];
    for (const file of trackedFiles()) {
      const bytes = readFileSync(join(ROOT, file));
      if (bytes.includes(0)) continue;
      bytes
        .toString('utf8')
        .split('\n')
        .forEach((line, index) => {
          if (MARKER.test(line)) found.push(`${file}:${index + 1}`);
        });
    }
    expect(found).toEqual([]);
  });
});
