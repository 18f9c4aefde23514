/**
 * A chunk of merged small HTML sections is cited by the section its snippet is in (search/cited-part.ts):
 * the fixture's manual has five one-paragraph subsections under "Settings file format", merged into one
 * chunk; `batuta oracle --rag` (JSON, text and markdown) cites "<rename>" and its own lines, where main
 * cited "Settings file format" and all five. An index written before members were kept still searches and
 * cites the whole chunk; the next `batuta index` re-chunks its HTML pages (chunk ids kept) and cites finely.
 * A PostgreSQL index cites the same.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-merged-subsections-');
const db = join(home, 'index.db');
const docs = join(home, 'shapes');
afterAll(() => rmSync(home, { recursive: true, force: true }));
cpSync(resolve(import.meta.dirname, '../fixtures/merged-subsections'), docs, { recursive: true });

const QUESTION = 'make one shape family stand in for another';
const PARENT = 'shapes.conf manual > Settings file format';
const MEMBER = `${PARENT} > <rename>`;

function search(format: string): string {
  const args = ['oracle', '--rag', '--format', format, '--collection', 'shapes', '--db', db, QUESTION];
  const result = runBatuta(args, home);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const first = () => JSON.parse(search('json')).results[0];

function chunkIds(): number[] {
  const read = new Database(db, { readonly: true });
  try {
    return read.prepare('SELECT id FROM chunks ORDER BY id').pluck().all() as number[];
  } finally {
    read.close();
  }
}

describe('a result of merged subsections cites the one its passage is in', () => {
  it('indexes the folder', () => {
    const result = runBatuta(['index', docs, '--db', db], home);
    expect(result.code, result.stderr).toBe(0);
  });

  it('cites <rename> and its lines in JSON, text and markdown', () => {
    expect(first()).toMatchObject({ source: 'shapes-manual.html', heading: MEMBER, lines: [9, 10] });
    expect(first().snippet).toMatch(/^Makes one shape family stand in for another/);
    expect(search('text')).toContain(`shapes-manual.html:9-10`);
    expect(search('text')).toContain(MEMBER);
    expect(search('markdown')).toContain(MEMBER);
  });

  it('reads an index written before members were kept as before, and the next index run brings them', () => {
    const ids = chunkIds();
    const old = new Database(db);
    old.exec('ALTER TABLE chunks DROP COLUMN members');
    old.exec("UPDATE collections SET chunker = replace(chunker, 'html-text-15', 'html-text-14')");
    old.close();
    expect(first()).toMatchObject({ heading: PARENT, lines: [7, 16] });
    const again = runBatuta(['index', docs, '--db', db], home);
    expect(again.code, again.stderr).toBe(0);
    expect(first()).toMatchObject({ heading: MEMBER, lines: [9, 10] });
    expect(chunkIds()).toEqual(ids);
  });
});

describe.skipIf(skipWithoutPostgres('merged-subsections.test.ts'))('the same with --db postgres://', () => {
  const pg = useTestDatabase({ home });

  it('cites <rename> and its lines', () => {
    const indexed = runBatuta(['index', docs, '--db', pg.url, '--no-dense'], home);
    expect(indexed.code, indexed.stderr).toBe(0);
    const found = searchCollection(pg.url, 'shapes', QUESTION, home);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).results[0]).toMatchObject({ heading: MEMBER, lines: [9, 10] });
  });
});
