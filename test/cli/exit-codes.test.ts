/**
 * Exit codes of `batuta index` and `batuta collections` through the built CLI, per DESIGN §3: 2 when the
 * command line is wrong (an argument names no folder, a file, a clashing or unknown collection, a --db with
 * no index, an include glob that matches nothing), 1 when the arguments are fine but there is nothing to
 * index (an empty folder, one whose every file a rule leaves out, one that cannot be read). Each failure
 * is one line on stderr and leaves no database behind.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-exit-codes-');
afterAll(() => {
  chmodSync(join(home, 'unreadable'), 0o755);
  rmSync(home, { recursive: true, force: true });
});

const db = join(home, 'index.db');
const fresh = join(home, 'fresh.db');

/** Runs batuta and checks the exit code and that the error is its last line on stderr; returns that line. */
function fails(args: readonly string[], code: 1 | 2): string {
  const run = runBatuta(args, home);
  expect(run.code, run.stderr).toBe(code);
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  expect(last).toMatch(/^batuta (index|collections)( \w+)?: /);
  return last;
}

beforeAll(() => {
  mkdirSync(join(home, 'notes'));
  writeFileSync(join(home, 'notes', 'kiln.md'), '# Kiln\n\nFiring clay at cone 6.\n');
  mkdirSync(join(home, 'more'));
  writeFileSync(join(home, 'more', 'glaze.md'), '# Glaze\n\nCeladon needs reduction.\n');
  mkdirSync(join(home, 'empty'));
  mkdirSync(join(home, 'generated'));
  writeFileSync(join(home, 'generated', 'data.bin'), Buffer.from([0, 1, 2, 0, 255, 7, 0, 9]));
  writeFileSync(join(home, 'generated', 'app.min.js'), `${'var a=1;'.repeat(200)}\n`);
  mkdirSync(join(home, 'unreadable'));
  writeFileSync(join(home, 'unreadable', 'a.md'), '# A\n');
  chmodSync(join(home, 'unreadable'), 0o000);
  writeFileSync(join(home, 'file.md'), '# A file\n');
  for (const [folder, name] of [
    ['notes', 'pottery'],
    ['more', 'glaze'],
  ]) {
    const run = runBatuta(['index', join(home, folder!), '--db', db, '--name', name!, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
  }
});

describe('batuta index exit codes', () => {
  it.each([
    ['a missing folder', ['missing']],
    ['a file instead of a folder', ['file.md']],
    ['an include glob that matches nothing', ['notes', '--include', 'nothing-*.txt']],
  ])('%s is a usage error (2) and leaves no database', (_case, args) => {
    fails(['index', ...args.map((arg, i) => (i === 0 ? join(home, arg) : arg)), '--db', fresh], 2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('a name clash with another folder is a usage error (2)', () => {
    expect(fails(['index', join(home, 'more'), '--db', db, '--name', 'pottery'], 2)).toMatch(/--name/);
  });

  it.each([
    ['an empty folder', 'empty'],
    ['a folder whose every file a rule leaves out (binary, minified)', 'generated'],
  ])('%s has nothing to index (1) and leaves no database', (_case, folder) => {
    fails(['index', join(home, folder), '--db', fresh], 1);
    expect(existsSync(fresh)).toBe(false);
    expect(runBatuta(['index', join(home, folder), '--dry-run'], home).code).toBe(1);
  });

  it.skipIf(process.getuid?.() === 0)('a folder that cannot be read has nothing to index (1)', () => {
    fails(['index', join(home, 'unreadable'), '--db', fresh], 1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('--dry-run of a missing folder is a usage error (2)', () => {
    fails(['index', join(home, 'missing'), '--dry-run'], 2);
  });
});

describe('batuta collections exit codes', () => {
  it.each([
    ['remove of an unknown collection', ['remove', 'nope']],
    ['rename of an unknown collection', ['rename', 'nope', 'other']],
    ['rename onto a name in use', ['rename', 'pottery', 'glaze']],
  ])('%s is a usage error (2)', (_case, args) => {
    fails(['collections', ...args, '--db', db], 2);
  });

  it('remove or rename in a database with no index is a usage error (2) and creates nothing', () => {
    const nowhere = join(home, 'nowhere.db');
    fails(['collections', 'remove', 'pottery', '--db', nowhere], 2);
    fails(['collections', 'rename', 'pottery', 'clay', '--db', nowhere], 2);
    expect(existsSync(nowhere)).toBe(false);
  });
});
