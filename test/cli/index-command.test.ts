import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-index-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const docs = join(home, 'docs');
/** "docs" says nothing: the collection is named after the folder above it. */
const name = basename(home);
mkdirSync(join(docs, 'api'), { recursive: true });
writeFileSync(
  join(docs, 'trueno-db.md'),
  '# Trueno-DB\n\nColumnar analytics on the GPU.\n\n## Queries\n\nSQL over Arrow tables.\n',
);
writeFileSync(
  join(docs, 'api', 'index.html'),
  '<html><body><h1>API</h1><p>Vector search &amp; ranking.</p></body></html>',
);
writeFileSync(join(docs, 'tool.py'), 'def rank(items):\n    return sorted(items)\n');
// Not UTF-8 and no charset declared: selection cannot tell without reading it all, so reading skips it.
writeFileSync(join(docs, 'data.bin.txt'), Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x41]));

describe('batuta index (built CLI)', () => {
  const db = join(home, 'index.db');

  it('indexes a folder, prints a JSON summary, and notes skipped files on stderr', () => {
    const run = runBatuta(['index', docs, '--db', db, '--json'], home);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.db).toBe(db);
    expect(summary.collections[0]).toMatchObject({
      collection: name,
      files: 4,
      added: 3,
      skipped: [{ source: 'data.bin.txt' }],
    });
    expect(run.stderr).toContain(`skipped ${name}/data.bin.txt: not UTF-8 text`);
  });

  it('re-runs incrementally and reports changes', () => {
    expect(
      JSON.parse(runBatuta(['index', docs, '--db', db, '--json'], home).stdout).collections[0],
    ).toMatchObject({
      added: 0,
      unchanged: 3,
    });
    writeFileSync(join(docs, 'tool.py'), 'def rank(items, key):\n    return sorted(items, key=key)\n');
    const run = runBatuta(['index', docs, '--db', db], home);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`${name}: 4 files .* 0 added, 1 updated, 0 removed, 2 unchanged, 1 skipped`),
    );
  });

  it('uses --name, BATUTA_DB and the default cache path', () => {
    const viaEnv = join(home, 'env.db');
    expect(runBatuta(['index', docs, '--name', 'mydocs'], home, { BATUTA_DB: viaEnv }).code).toBe(0);
    expect(existsSync(viaEnv)).toBe(true);
    expect(runBatuta(['index', docs], home).code).toBe(0);
    expect(existsSync(join(home, '.cache', 'batuta', 'index.db'))).toBe(true);
  });

  it('fails with one line and exit code 2 on bad input', () => {
    const missing = runBatuta(['index', join(home, 'nope'), '--db', db], home);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('does not exist (give an existing folder)');
    const usage = runBatuta(['index'], home);
    expect(usage.code).toBe(2);
    expect(runBatuta(['index', docs, '--bogus'], home).code).toBe(2);
    expect(runBatuta(['index', docs, docs, '--name', 'x'], home).code).toBe(2);
  });

  it('refuses a database file that is not a batuta index and leaves it alone', () => {
    const foreign = join(home, 'notes.db');
    writeFileSync(foreign, 'my notes\n');
    const run = runBatuta(['index', docs, '--db', foreign], home);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`batuta index: "${foreign}" is not a batuta index (choose another --db path)\n`);
    expect(readFileSync(foreign, 'utf8')).toBe('my notes\n');
  });
});
