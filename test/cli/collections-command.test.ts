import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');
const home = tempDir('batuta-collections-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const flask = join(home, 'python-flask-doc', 'html');
cpSync(join(FIXTURES, 'sphinx'), flask, { recursive: true });
const tool = join(home, 'tool');
cpSync(join(FIXTURES, 'plain'), tool, { recursive: true });
const db = join(home, 'index.db');
/** The files beside the database, without the database's own. */
const beside = () =>
  readdirSync(home)
    .filter((name) => name.startsWith('index.db.'))
    .sort();

describe('batuta collections (built CLI)', () => {
  it('lists nothing, with exit 0, before any index', () => {
    const run = runBatuta(['collections', '--db', db, '--json'], home);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ db, collections: [] });
    expect(existsSync(db)).toBe(false);
  });

  it('lists name, folder, files, chunks, content and disk bytes, embedder, last indexed and files left out', () => {
    expect(runBatuta(['index', flask, '--db', db], home).code).toBe(0);
    expect(runBatuta(['index', tool, '--db', db, '--no-dense'], home).code).toBe(0);
    const listed = JSON.parse(runBatuta(['collections', '--db', db, '--json'], home).stdout).collections;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['python-flask-doc', 'tool']);
    expect(listed[0]).toMatchObject({ folder: flask, files: 2, skipped: 11, embedder: expect.any(String) });
    expect(listed[0].chunks).toBeGreaterThan(0);
    expect(listed[0].diskBytes).toBeGreaterThan(0);
    expect(Date.parse(listed[0].lastIndexed)).not.toBeNaN();
    expect(listed[1]).toMatchObject({ folder: tool, files: 4, embedder: null });
    const text = runBatuta(['collections', '--db', db], home);
    expect(text.stdout).toMatch(/^NAME +FILES +CHUNKS +CONTENT +ON DISK +EMBEDDER/m);
    expect(text.stdout).toMatch(/^tool +4 +\d+ +[\d.]+ (B|KB) +[\d.]+ (B|KB) +BM25 only/m);
  });

  it('rename moves the vector files and model folder with the collection; search follows the new name', () => {
    const before = beside();
    expect(before.some((name) => name.startsWith('index.db.python-flask-doc.'))).toBe(true);
    writeFileSync(join(home, 'index.db.python-flask-doc-notes.txt'), 'not ours');
    const clash = runBatuta(['collections', 'rename', 'python-flask-doc', 'tool', '--db', db], home);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/^batuta collections: "tool" already exists \(remove it first .*\)\n$/);
    expect(beside()).toEqual([...before, 'index.db.python-flask-doc-notes.txt'].sort());
    const run = runBatuta(['collections', 'rename', 'python-flask-doc', 'flask', '--db', db], home);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('renamed collection "python-flask-doc" to "flask"');
    expect(beside()).toEqual(
      before
        .map((name) => name.replace('index.db.python-flask-doc.', 'index.db.flask.'))
        .concat('index.db.python-flask-doc-notes.txt')
        .sort(),
    );
    const search = runBatuta(
      ['oracle', '--rag', '--json', '--db', db, '--collection', 'flask', 'route'],
      home,
    );
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results[0].source).toBe('quickstart.html');
    expect(search.stderr).toBe('');
  });

  it('remove deletes the collection, its full-text table and its files, and nothing else', () => {
    const textTables = () => {
      const sqlite = new Database(db, { readonly: true });
      const names = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE name GLOB 'chunks_fts_[0-9]*' ORDER BY name")
        .pluck()
        .all() as string[];
      sqlite.close();
      return new Set(names.map((name) => name.replace(/^chunks_fts_(\d+).*$/, '$1')));
    };
    expect(textTables().size).toBe(2);
    const run = runBatuta(['collections', 'remove', 'flask', '--db', db], home);
    expect(run.code).toBe(0);
    expect(textTables().size).toBe(1);
    expect(beside()).toEqual(['index.db.python-flask-doc-notes.txt']);
    const listed = JSON.parse(runBatuta(['collections', '--db', db, '--json'], home).stdout).collections;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['tool']);
    expect(existsSync(join(flask, 'index.html'))).toBe(true);
  });

  it('refuses unknown names, clashes, specs and bad arguments with one line', () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['collections', 'remove', 'nope', '--db', db], 2, /no collection "nope" .*batuta collections --db/],
      [
        ['collections', 'rename', 'tool', 'tool', '--db', db],
        2,
        /same name "tool" \(give a different NEW name\)/,
      ],
      [['collections', 'rename', 'tool', 'bad name', '--db', db], 2, /cannot be a collection name/],
      [['collections', 'remove', 'specs', '--db', db], 2, /"specs" is the shipped collection/],
      [['collections', 'drop', 'tool', '--db', db], 2, /unknown action "drop"/],
      [['collections', 'rename', 'tool', '--db', db], 2, /give rename OLD NEW/],
      [['collections', 'remove', 'tool', '--db', join(home, 'none.db')], 2, /no index at/],
    ];
    for (const [args, code, message] of cases) {
      const run = runBatuta(args, home);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(home, 'none.db'))).toBe(false);
  });
});
