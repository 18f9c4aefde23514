/**
 * The chunks' stored words (src/retrieval/rerank/chunk-tokens.ts), through the built CLI: `batuta index`
 * writes them for every chunk, a search answers exactly as from the chunks' text (a collection indexed
 * before they were kept, a file without the column, damaged ones), and they follow the collection when
 * renamed and go with it when removed.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { writeAdaptableDocs } from './adapted-collection.js';
import { explainSearch, runBatuta } from './run-batuta.js';

/** Phrased as a question (soft matching and translation read the words), then as keywords. */
const QUESTIONS = ['How do GPU kernels handle vectors of items?', 'gpu kernels vectors details'];

describe("the chunks' stored words (built CLI)", () => {
  const home = tempDir('batuta-tokens-');
  const db = join(home.path, 'index.db');
  const search = (question: string, collection = 'docs') => {
    const run = explainSearch(db, collection, question, home.path);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    return run.stdout;
  };
  const sql = <T>(work: (sqlite: Database.Database) => T): T => {
    const sqlite = new Database(db);
    try {
      return work(sqlite);
    } finally {
      sqlite.close();
    }
  };
  const counts = () =>
    sql(
      (s) =>
        s.prepare('SELECT count(*) AS chunks, count(tokens) AS stored FROM chunks').get() as {
          chunks: number;
          stored: number;
        },
    );
  let stored: string[] = [];
  afterAll(() => home.remove());
  beforeAll(() => {
    writeAdaptableDocs(home.path);
    const indexed = runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path);
    expect(indexed.code, indexed.stderr).toBe(0);
    // The reranker reads every head file; search as a collection without a stored fusion choice does.
    sql((s) => s.prepare("DELETE FROM meta WHERE key LIKE 'fusion:%'").run());
    stored = QUESTIONS.map((q) => search(q));
  });

  it('are written by batuta index for every chunk', () => {
    const { chunks, stored: kept } = counts();
    expect(chunks).toBeGreaterThan(40);
    expect(kept).toBe(chunks);
    for (const out of stored) expect(JSON.parse(out).results.length).toBeGreaterThan(0);
  });

  it('answer exactly as the text of a collection indexed before they were kept, or damaged', () => {
    const saved = sql(
      (s) => s.prepare('SELECT id, tokens FROM chunks').all() as Array<{ id: number; tokens: Buffer }>,
    );
    const restore = () =>
      sql((s) => {
        const put = s.prepare('UPDATE chunks SET tokens = ? WHERE id = ?');
        for (const row of saved) put.run(row.tokens, row.id);
      });
    const damages = [
      'UPDATE chunks SET tokens = NULL',
      'UPDATE chunks SET tokens = randomblob(64)',
      'UPDATE chunks SET tokens = substr(tokens, 1, length(tokens) - 2)',
      // Another version's words: the version number is the blob's first byte.
      "UPDATE chunks SET tokens = X'02' || substr(tokens, 2)",
    ];
    for (const damage of damages) {
      sql((s) => s.exec(damage));
      expect(
        QUESTIONS.map((q) => search(q)),
        damage,
      ).toEqual(stored);
      restore();
    }
    expect(counts().stored).toBe(saved.length);
  });

  it('answer the same from a file written before the column existed', () => {
    const backup = join(home.path, 'backup.db');
    sql((s) => s.prepare('VACUUM INTO ?').run(backup));
    sql((s) => s.exec('ALTER TABLE chunks DROP COLUMN tokens'));
    const withoutColumn = search(QUESTIONS[0]!);
    for (const suffix of ['-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    copyFileSync(backup, db);
    expect(withoutColumn).toBe(stored[0]);
    expect(counts().stored).toBe(counts().chunks);
  });

  it('follow the collection when renamed and go with it when removed', () => {
    const renamed = runBatuta(['collections', 'rename', 'docs', 'notes', '--db', db], home.path);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(counts().stored).toBe(counts().chunks);
    const ids = (out: string) => (JSON.parse(out).results as Array<{ source: string }>).map((r) => r.source);
    expect(ids(search(QUESTIONS[0]!, 'notes'))).toEqual(ids(stored[0]!));
    const removed = runBatuta(['collections', 'remove', 'notes', '--db', db], home.path);
    expect(removed.code, removed.stderr).toBe(0);
    expect(counts()).toEqual({ chunks: 0, stored: 0 });
  });
});
