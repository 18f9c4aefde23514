/**
 * `batuta index --dry-run --json` on a folder with a symlink back to itself or to a folder above it, and a
 * file whose name is not UTF-8: each is left out with its own rule and a reason that says what it is (a
 * loop; a name to change), never "outside the folder" with `batuta index` of the folder itself to run, or
 * "disappeared while walking the folder". A FIFO is listed too (rule `special`), and never opened: opening
 * one blocks until a writer comes, so a run that opened it would never end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatutaJson } from './run-batuta.js';

describe('index --dry-run: links back into the folder and names that are not UTF-8', {
  timeout: 60_000,
}, () => {
  it('names a loop and a bad name by their own rules, with no folder to index instead', () => {
    const home = tempDir('batuta-odd-entries');
    const docs = join(home, 'kettles');
    mkdirSync(join(docs, 'sub'), { recursive: true });
    writeFileSync(join(docs, 'boil.md'), '# Boil\n\nA kettle boils water for tea.\n');
    symlinkSync('..', join(docs, 'sub', 'loop'));
    symlinkSync('../..', join(docs, 'sub', 'up'));
    writeFileSync(Buffer.from(`${docs}/latin-\xe9.md`, 'latin1'), '# Latin\n\nA name in Latin-1.\n');
    const run = runBatutaJson(['index', docs, '--dry-run', '--db', join(home, 'index.db')], home);
    expect(run.code, run.stderr).toBe(0);
    const [collection] = run.body['collections'] as Array<{
      skipped: Array<{ source: string; rule: string; reason: string; folder?: string }>;
    }>;
    const skipped = collection!.skipped;
    expect(skipped.map(({ source, rule }) => [source, rule])).toEqual([
      ['latin-\ufffd.md', 'bad-name'],
      ['sub/loop', 'link-loop'],
      ['sub/up', 'link-loop'],
    ]);
    expect(skipped[0]!.reason).toMatch(/name is not UTF-8/);
    for (const loop of skipped.slice(1)) {
      expect(loop.reason).toMatch(/holds this folder/);
      expect(loop.folder).toBeUndefined();
    }
  });

  it('lists a FIFO by its own rule, and a run that indexes the folder never opens it', () => {
    const home = tempDir('batuta-fifo');
    const docs = join(home, 'kettles');
    mkdirSync(docs);
    writeFileSync(join(docs, 'boil.md'), '# Boil\n\nA kettle boils water for tea.\n');
    execFileSync('mkfifo', [join(docs, 'pipe.md')]);
    const db = join(home, 'index.db');
    const dry = runBatutaJson(['index', docs, '--dry-run', '--db', db], home);
    expect(dry.code, dry.stderr).toBe(0);
    const [collection] = dry.body['collections'] as Array<{
      skipped: Array<{ source: string; rule: string; reason: string }>;
    }>;
    expect(collection!.skipped).toEqual([
      { source: 'pipe.md', rule: 'special', reason: 'a FIFO, not a regular file (never read)' },
    ]);
    const run = runBatutaJson(['index', docs, '--db', db, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const [summary] = run.body['collections'] as Array<{ added: number }>;
    expect(summary!.added).toBe(1);
  });
});
