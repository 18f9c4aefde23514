/**
 * `batuta index` under a file size limit (`ulimit -f`, the way to fill a disk without a small file
 * system): one line naming the write that failed and what to do, exit 1, and no database left behind by
 * a run that created it, nor a collection with no files by a first run of it in an existing database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** A folder of 40 pages, about 150 KB of text: more than the limits below let a run write. */
function kettles(home: string): string {
  const docs = join(home, 'notes');
  mkdirSync(docs);
  for (let i = 0; i < 40; i++) {
    const lines = Array.from({ length: 80 }, (_, n) => `Kettle ${i} line ${n} boils water number ${i * n}.`);
    writeFileSync(join(docs, `page${i}.md`), `# Page ${i}\n\n${lines.join('\n')}\n`);
  }
  return docs;
}

/** `batuta index ARGS` with files limited to `blocks` of 512 bytes (sh's ulimit unit). */
function indexLimited(blocks: number, args: readonly string[], home: string) {
  return spawnSync(
    'sh',
    ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, BIN, 'index', ...args],
    { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: home, TMPDIR: home }, cwd: home },
  );
}

describe('index: a write over the file size limit', { timeout: 120_000 }, () => {
  it('is one line saying so, and the new database is not left behind', () => {
    const home = tempDir('batuta-fsize');
    const docs = kettles(home);
    const db = join(home, 'index.db');
    const run = indexLimited(64, [docs, '--db', db], home);
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

  it('leaves no empty collection behind in a database that holds others', () => {
    const home = tempDir('batuta-fsize-existing');
    const small = join(home, 'small');
    mkdirSync(small);
    writeFileSync(join(small, 'tea.md'), '# Tea\n\nSteep the leaves for three minutes.\n');
    const db = join(home, 'index.db');
    expect(runBatuta(['index', small, '--db', db, '--no-dense'], home).code).toBe(0);
    const run = indexLimited(400, [kettles(home), '--db', db, '--no-dense'], home);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/free disk space or raise the file size limit/);
    const listed = runBatutaJson(['collections', '--db', db], home);
    expect((listed.body['collections'] as Array<{ name: string }>).map((c) => c.name)).toEqual(['small']);
  });
});
