/**
 * Headings that docutils wraps in a link back to the page's table of contents (Sphinx pages with a local
 * `contents` directive: `<h3><a class="toc-backref">Title</a></h3>`) are text of the page (built CLI): the
 * search result names them, and an index chunked while they were dropped is chunked again by `batuta index`.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNKER_VERSION } from '../../src/retrieval/documents/chunker.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/docutils-backlinks');
const home = tempDir('batuta-html-headings-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'loom');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

interface Result {
  readonly source: string;
  readonly heading: string;
  readonly lines: [number, number];
  readonly snippet: string;
}

function search(question: string): Result {
  const run = searchCollection(db, 'loom', question, home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).results[0] as Result;
}

function index(): { updated: number; unchanged: number; rechunked: boolean } {
  const run = runBatuta(['index', folder, '--name', 'loom', '--db', db, '--no-dense', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('headings linked back to the table of contents (built CLI)', () => {
  it('are text of the page: results name their section and quote their titles', () => {
    index();
    const hit = search('weft laid too tight pick at an angle');
    // The questions under Warping are merged into one chunk; a hit cites the question its passage is in.
    const edges = 'Weaving questions > Warping > Why do the edges of my cloth pull in?';
    expect(hit).toMatchObject({ source: 'faq.html', heading: edges, lines: [5, 6] });
    expect(hit.snippet).toContain('The weft is laid too tight.');
    const title = search('why do the edges of my cloth pull in');
    expect(title).toMatchObject({ source: 'faq.html', heading: edges });
    expect(title.snippet).toContain('Why do the edges of my cloth pull in?');
    expect(hit.snippet).not.toContain('¶');
  });

  it('an index chunked while they were dropped is chunked again, and then names them', () => {
    const sqlite = new Database(db);
    const [chunking] = CHUNKER_VERSION.split('+');
    sqlite.prepare('UPDATE collections SET chunker = ?').run(`${chunking}+html-text-2`);
    sqlite.close();
    expect(index()).toMatchObject({ updated: 1, rechunked: true });
    const title = search('can I wind a warp without a warping board');
    expect(title.heading).toBe('Weaving questions > Warping > Can I wind a warp without a warping board?');
    expect(title.snippet).toContain('Can I wind a warp without a warping board?');
    expect(index()).toMatchObject({ updated: 0, unchanged: 1, rechunked: false });
  });
});
