/**
 * Where the index database lives, through the built CLI: a read-only location serves searches and says
 * "read-only" for writes; a SQLite file made by another program is refused with one line naming it and
 * left byte for byte as it was, unless it is empty (0 bytes, or SQLite with no schema at all).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { tempDir } from '../mcp/harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
/** As root, permissions bind nobody: the read-only runs then go as user nobody. */
const NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function writeDocs(home: string): string {
  const docs = join(home, 'docs');
  mkdirSync(docs);
  writeFileSync(join(docs, 'gpu.md'), '# GPU\n\nKernels for matrix multiplication on the GPU.\n');
  writeFileSync(join(docs, 'cli.md'), '# CLI\n\nPrints JSON for scripts.\n');
  return docs;
}

/** Runs the built CLI as a user who cannot write `ro/`. */
function runReadOnly(args: readonly string[], home: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache') },
    cwd: home,
    ...NOBODY,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('an index database in a read-only location', () => {
  const home = tempDir('batuta-readonly-');
  const ro = join(home.path, 'ro');
  const db = join(ro, 'index.db');
  let docs: string;
  beforeAll(() => {
    docs = writeDocs(home.path);
    mkdirSync(ro);
    expect(runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path).code).toBe(0);
    chmodSync(home.path, 0o777);
    chmodSync(docs, 0o755);
    chmodSync(db, 0o444);
    chmodSync(ro, 0o555);
  });
  afterAll(() => {
    chmodSync(ro, 0o755);
    home.remove();
  });

  it('answers searches', () => {
    const run = runReadOnly(
      ['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, 'matrix kernels'],
      home.path,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({ source: 'gpu.md' });
  });

  it('lists its collections, as a search reads them; removing one says "read-only"', () => {
    const listed = runReadOnly(['collections', '--json', '--db', db], home.path);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).collections).toMatchObject([{ name: 'docs', files: 2 }]);
    const removed = runReadOnly(['collections', 'remove', 'docs', '--db', db], home.path);
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/is read-only/);
  });

  it('says "read-only" in one line for a write, and for a new database there', () => {
    for (const target of [db, join(ro, 'new.db')]) {
      const run = runReadOnly(['index', docs, '--name', 'docs', '--db', target], home.path);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/is read-only/);
      expect(run.stderr).not.toMatch(/internal error/);
    }
  });
});

describe('a SQLite file made by another program', () => {
  const home = tempDir('batuta-foreign-');
  afterAll(() => home.remove());
  const docs = writeDocs(home.path);
  const make = (name: string, setUp: (db: Database.Database) => void): string => {
    const path = join(home.path, name);
    const db = new Database(path);
    setUp(db);
    db.close();
    return path;
  };

  it('is refused, named, and left unchanged when it has a view, a table, a user_version or an application_id', () => {
    const foreign = [
      make('view.db', (db) => db.exec('CREATE VIEW answer AS SELECT 42')),
      make('table.db', (db) => db.exec('CREATE TABLE notes (text)')),
      make('version.db', (db) => db.pragma('user_version = 7')),
      make('app.db', (db) => db.pragma('application_id = 1234')),
    ];
    for (const path of foreign) {
      const before = readFileSync(path);
      for (const args of [
        ['index', docs, '--name', 'docs', '--db', path],
        ['oracle', '--rag', '--collection', 'docs', '--db', path, 'kernels'],
      ]) {
        const run = runBatuta(args, home.path);
        expect(run.code, `${path}: ${run.stderr}`).toBe(1);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toContain(`"${path}" is not a batuta index`);
      }
      expect(readFileSync(path).equals(before)).toBe(true);
    }
  });

  it('is used when empty: 0 bytes, or SQLite without any schema', () => {
    const zero = join(home.path, 'zero.db');
    writeFileSync(zero, '');
    const bare = make('bare.db', (db) => db.pragma('journal_mode = WAL'));
    for (const path of [zero, bare]) {
      const run = runBatuta(['index', docs, '--name', 'docs', '--db', path], home.path);
      expect(run.code, run.stderr).toBe(0);
    }
  });
});
