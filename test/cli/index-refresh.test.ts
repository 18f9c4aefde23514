/**
 * Refreshing a collection through the built CLI: with nothing changed the database's documents, chunks and
 * vectors stay as they were and searches answer byte for byte as before; a changed page is chunked again and
 * no other; a new page that puts old pages together is left out as a compilation. After every step the
 * dry-run lists exactly the files the run indexed and left out.
 */
import { cpSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { explainSearch, runBatuta } from './run-batuta.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/doc-builders/compilation');
const home = tempDir('batuta-index-refresh-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'pottery');
cpSync(FIXTURE, folder, { recursive: true });
const db = join(home, 'index.db');
const QUESTIONS = ['how hot is a glaze firing', 'wedging clay before throwing', 'kiln shelves'];

interface Summary {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly excluded: ReadonlyArray<{ source: string; rule: string }>;
}

function index(): Summary {
  const run = runBatuta(['index', folder, '--db', db, '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

/** Every stored document and chunk row (ids, texts, words, vectors), in id order. */
function rows(): { documents: unknown[]; chunks: Array<Record<string, unknown>> } {
  const sqlite = new Database(db, { readonly: true });
  try {
    return {
      documents: sqlite.prepare('SELECT * FROM documents ORDER BY id').all(),
      chunks: sqlite.prepare('SELECT * FROM chunks ORDER BY id').all() as Array<Record<string, unknown>>,
    };
  } finally {
    sqlite.close();
  }
}

const searches = () => QUESTIONS.map((question) => explainSearch(db, 'pottery', question, home));

/** The dry-run agrees with the run: the same files indexed, the same left out by the same rules. */
function expectDryRunAgrees(summary: Summary): void {
  const run = runBatuta(['index', folder, '--db', db, '--dry-run', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  const plan = JSON.parse(run.stdout).collections[0];
  const sqlite = new Database(db, { readonly: true });
  const stored = sqlite.prepare('SELECT source FROM documents ORDER BY source').pluck().all();
  sqlite.close();
  expect(plan.files.map((file: { source: string }) => file.source)).toEqual(stored);
  expect(plan.skipped).toEqual(summary.excluded);
}

describe('refreshing a collection (built CLI)', { timeout: 300_000 }, () => {
  it('with nothing changed, leaves every document, chunk and vector row as it was and answers the same', () => {
    const first = index();
    expect(first.excluded.map((skip) => [skip.source, skip.rule])).toEqual([['guide.html', 'compilation']]);
    expectDryRunAgrees(first);
    const before = rows();
    expect(before.chunks.every((chunk) => chunk['vector'] !== null)).toBe(true);
    const answers = searches();
    const again = index();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: first.added });
    expect(again.excluded).toEqual(first.excluded);
    expect(rows()).toEqual(before);
    expect(searches()).toEqual(answers);
    expectDryRunAgrees(again);
  });

  it('a changed page is chunked again, and no other', () => {
    const before = rows();
    const page = join(folder, 'kilns.html');
    const mtime = statSync(page).mtimeMs;
    writeFileSync(
      page,
      readFileSync(page, 'utf8').replace('</body>', '<p>Props hold the kiln shelves apart.</p></body>'),
    );
    utimesSync(page, new Date(), new Date(mtime + 1000));
    const summary = index();
    expect(summary).toMatchObject({ added: 0, updated: 1 });
    const after = rows();
    const kilns = (table: typeof before) =>
      (table.documents as Array<{ id: number; source: string }>).find((doc) => doc.source === 'kilns.html')!
        .id;
    const others = (table: typeof before) =>
      table.chunks.filter((chunk) => chunk['document_id'] !== kilns(table));
    expect(others(after)).toEqual(others(before));
    const fresh = after.chunks.filter((chunk) => chunk['document_id'] === kilns(after));
    expect(fresh.some((chunk) => String(chunk['text']).includes('Props hold the kiln shelves'))).toBe(true);
    expectDryRunAgrees(summary);
  });

  it('a new page that copies old ones is left out as a compilation, in the run and the dry-run alike', () => {
    // The site on one page is rebuilt under another name (the old one beside it would hold the new one's
    // text itself, and a page whose text one larger page explains is not a compilation of the others).
    rmSync(join(folder, 'guide.html'));
    const parts = ['wedging', 'clay', 'kilns', 'glazes', 'firing'].map((name) =>
      readFileSync(join(folder, `${name}.html`), 'utf8'),
    );
    writeFileSync(
      join(folder, 'book.html'),
      `<html><body><h1>The book</h1>${parts.join('\n')}</body></html>`,
    );
    const summary = index();
    expect(summary).toMatchObject({ added: 0, updated: 0 });
    expect(summary.excluded.map((skip) => [skip.source, skip.rule])).toEqual([['book.html', 'compilation']]);
    expectDryRunAgrees(summary);
  });
});
