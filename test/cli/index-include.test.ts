/**
 * `batuta index --include` through the built CLI: a glob that picks out files a rule left out (a change
 * log, a Sphinx tree's sources, a text file of an unknown type) brings them back and --dry-run says over
 * which rule; safety rules and --exclude still win; a glob matching nothing is a warning, not an error.
 */
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGzipTree } from '../retrieval/documents/gzip-tree.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-include-cli');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = writeGzipTree(join(home, 'brewctl'));
cpSync(resolve(import.meta.dirname, '../fixtures/doc-builders/sphinx'), join(folder, 'html'), {
  recursive: true,
});
writeFileSync(
  join(folder, 'setup.cfg'),
  '[kettle]\n# the kettle answers on its serial port at 9600 baud\nport = /dev/ttyUSB0\n',
);
const db = join(home, 'index.db');
const INCLUDE = ['changelog.gz', 'html/_sources/**', '*.cfg', 'bomb.md.gz', 'nothing-here.txt'];
const includeFlags = INCLUDE.flatMap((glob) => ['--include', glob]);

describe('batuta index --include (built CLI)', () => {
  it('--dry-run --json: files brought back name the glob and the rule; safety rules hold; a warning for no match', () => {
    const run = runBatuta(['index', folder, '--dry-run', '--json', ...includeFlags], home);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    expect(plan.files.map((file: { source: string; kind: string }) => [file.source, file.kind])).toEqual([
      ['changelog.gz', 'text'],
      ['html/_sources/index.rst.txt', 'rst'],
      ['html/_sources/quickstart.rst.txt', 'rst'],
      ['setup.cfg', 'text'],
    ]);
    expect(plan.files[0].included).toEqual({
      source: 'changelog.gz',
      glob: 'changelog.gz',
      rules: ['changelog'],
    });
    expect(plan.files[1].included).toMatchObject({ glob: 'html/_sources/**', rules: ['sphinx'] });
    expect(plan.files[3].included).toMatchObject({ glob: '*.cfg', rules: ['type'] });
    const rules = Object.fromEntries(
      plan.skipped.map((skip: { source: string; rule: string }) => [skip.source, skip.rule]),
    );
    expect(rules).toMatchObject({ 'bomb.md.gz': 'too-large', 'changelog.Debian.gz': 'include' });
    expect(plan.summary.included).toBe(4);
    expect(run.stderr).toMatch(/warning: --include "nothing-here\.txt" matches no file in .*brewctl/);
    expect(run.stderr).not.toMatch(/"changelog\.gz"|"\*\.cfg"/);
  });

  it('--dry-run in words says which glob brought a file back over which rule', () => {
    const run = runBatuta(['index', folder, '--dry-run', ...includeFlags], home);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '  index  changelog.gz  (included by --include changelog.gz over rule changelog)\n',
    );
    expect(run.stdout).toContain('  index  setup.cfg  (included by --include *.cfg over rule type)\n');
    expect(run.stdout).toMatch(/ {2}skip {3}bomb\.md\.gz {2}\(inflates to more than 4 MB/);
  });

  it('without --include the same files are left out, and nothing is said about globs', () => {
    const run = runBatuta(['index', folder, '--dry-run', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    expect(plan.files.map((file: { source: string }) => file.source)).not.toContain('changelog.gz');
    expect(plan.files.some((file: { included?: unknown }) => file.included !== undefined)).toBe(false);
    expect(plan.summary.included).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--exclude wins over --include for the same file', () => {
    const run = runBatuta(
      [
        'index',
        folder,
        '--dry-run',
        '--json',
        '--include',
        'changelog.gz',
        '--include',
        '*.cfg',
        '--exclude',
        'changelog.gz',
      ],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    expect(plan.files.map((file: { source: string }) => file.source)).toEqual(['setup.cfg']);
    expect(plan.skipped).toContainEqual(expect.objectContaining({ source: 'changelog.gz', rule: 'exclude' }));
  });

  it('index reads what the globs brought back, and the change log is found by its text', () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json', ...includeFlags], home);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout).collections[0];
    expect(summary).toMatchObject({
      files: 4,
      added: 4,
      skipped: [],
      unmatchedInclude: ['nothing-here.txt'],
    });
    expect(summary.included.map((file: { source: string }) => file.source)).toContain('changelog.gz');
    expect(run.stderr).toMatch(/warning: --include "nothing-here\.txt" matches no file/);
    const found = searchCollection(db, 'brewctl', 'first release of brewctl steep run and log', home);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).results[0]).toMatchObject({ source: 'changelog.gz' });
  });

  it('a run whose only glob matches nothing fails in one line that names the glob, leaving no database', () => {
    const run = runBatuta(
      ['index', folder, '--db', join(home, 'none.db'), '--no-dense', '--include', 'CHANGES.txt'],
      home,
    );
    expect(run.code).toBe(2);
    const [error] = run.stderr.trim().split('\n').slice(-1);
    expect(error).toMatch(
      /^batuta index: no readable documents in .*--include "CHANGES\.txt" matches no file/,
    );
    expect(existsSync(join(home, 'none.db'))).toBe(false);
  });

  it('--help says what an include brings back and that --exclude wins', () => {
    const run = runBatuta(['index', '--help'], home);
    expect(run.stdout).toContain("'changelog.gz', '_sources/**', '*.cfg'");
    expect(run.stdout).toContain('it wins over --include');
  });
});
