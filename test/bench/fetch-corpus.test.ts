import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const SCRIPT = resolve(import.meta.dirname, '../../bench/scale/fetch-corpus.sh');

/** A PATH with the shell tools the script needs but no apt-get, as on a machine without apt. */
function pathWithoutApt(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['dirname', 'mkdir', 'ls', 'head', 'rm', 'find', 'du', 'cut', 'wc']) {
    const found = ['/usr/bin', '/bin'].map((prefix) => join(prefix, tool)).find((path) => existsSync(path));
    if (found) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

describe('bench/scale/fetch-corpus.sh', () => {
  it('skips with a note and exit 0 when apt-get is unavailable', () => {
    const dir = tempDir('scale-');
    const dest = join(dir, 'scale');
    const result = spawnSync('/bin/sh', [SCRIPT, dest], {
      encoding: 'utf8',
      env: { PATH: pathWithoutApt(dir) },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^fetch-corpus: note: skipped, 'apt-get download rust-doc' failed/);
    expect(existsSync(join(dest, '.rust-doc.extracted'))).toBe(false);
  });
});
