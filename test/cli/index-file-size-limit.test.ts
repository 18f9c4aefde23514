/**
 * `batuta index` under a file size limit (`ulimit -f`, the way to fill a disk without a small file
 * system): one line naming the write that failed and what to do, exit 1, and no database left behind by
 * a run that created it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

describe('index: a write over the file size limit', { timeout: 120_000 }, () => {
  it('is one line saying so, and the new database is not left behind', () => {
    const home = tempDir('batuta-fsize');
    const docs = join(home, 'notes');
    mkdirSync(docs);
    for (let i = 0; i < 40; i++) {
      const lines = Array.from(
        { length: 80 },
        (_, n) => `Kettle ${i} line ${n} boils water number ${i * n}.`,
      );
      writeFileSync(join(docs, `page${i}.md`), `# Page ${i}\n\n${lines.join('\n')}\n`);
    }
    const db = join(home, 'index.db');
    const run = spawnSync(
      'sh',
      ['-c', `ulimit -f 64; exec "$0" "$@"`, process.execPath, BIN, 'index', docs, '--db', db],
      {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', HOME: home, TMPDIR: home },
        cwd: home,
      },
    );
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stderr
      .trimEnd()
      .split('\n')
      .filter((line) => !/: \w+ \d+\/\d+/.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/internal error/);
    expect(lines[0]).toMatch(/free disk space or raise the file size limit/);
    expect(existsSync(db)).toBe(false);
  });
});
