/**
 * `batuta collections` sizes through the built CLI, in the embedded and the PostgreSQL store: the bytes of
 * the documents' content as read (a gzipped page inflated) and the bytes on disk, named so in `--json` and
 * in the table, and equal to what `batuta index --dry-run` said of the same folder. A document indexed
 * before content sizes were recorded gets its size at the next run without being read again.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGzipTree } from '../retrieval/documents/gzip-tree.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-collection-sizes-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = writeGzipTree(join(home, 'brewctl'));

interface Sizes {
  readonly contentBytes: number;
  readonly diskBytes: number;
}

/** What `--dry-run --json` says the folder's files weigh. */
function planned(): Sizes {
  const run = runBatuta(['index', folder, '--dry-run', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  const { contentBytes, diskBytes } = JSON.parse(run.stdout).collections[0].summary;
  return { contentBytes, diskBytes };
}

function index(db: string): void {
  const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
}

function listed(db: string): Sizes & Record<string, unknown> {
  const run = runBatuta(['collections', '--json', '--db', db], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('batuta collections sizes (built CLI)', () => {
  it('gives content bytes and bytes on disk as --dry-run does, gzipped pages inflated', () => {
    const db = join(home, 'index.db');
    index(db);
    const plan = planned();
    expect(plan.contentBytes).toBeGreaterThan(plan.diskBytes);
    const collection = listed(db);
    expect({ contentBytes: collection.contentBytes, diskBytes: collection.diskBytes }).toEqual(plan);
    expect(collection).not.toHaveProperty('bytes');
    const table = runBatuta(['collections', '--db', db], home).stdout.split('\n');
    expect(table[1]).toMatch(/\bCONTENT\s+ON DISK\b/);
  });

  it('records the content size of a document indexed before sizes were kept, at the next run', () => {
    const db = join(home, 'older.db');
    index(db);
    const sqlite = new Database(db);
    sqlite.prepare('UPDATE documents SET content_size = NULL').run();
    sqlite.close();
    expect(listed(db).contentBytes).toBe(planned().diskBytes);
    index(db);
    expect(listed(db).contentBytes).toBe(planned().contentBytes);
  });
});

const skip = skipWithoutPostgres('collection-sizes.test.ts');

describe.skipIf(skip)(
  'batuta collections sizes with --db postgres:// (built CLI)',
  { timeout: 240_000 },
  () => {
    const db = useTestDatabase();

    it('gives the same content bytes and bytes on disk as the embedded store, and records older ones', async () => {
      index(db.url);
      const plan = planned();
      const collection = listed(db.url);
      expect({ contentBytes: collection.contentBytes, diskBytes: collection.diskBytes }).toEqual(plan);
      await db.query('UPDATE batuta.documents SET content_size = NULL');
      index(db.url);
      expect(listed(db.url).contentBytes).toBe(plan.contentBytes);
    });
  },
);
