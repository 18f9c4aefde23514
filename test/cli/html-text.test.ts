/**
 * HTML pages are searched and cited as their extracted text (built CLI): snippets carry no markup and
 * result lines count lines of that text; markdown keeps its own lines. A collection chunked before the
 * HTML text had its own line numbers is chunked again by the next `batuta index`, HTML pages only; until then
 * its searches say that their HTML line numbers are of the raw file.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/html-pages');
const home = tempDir('batuta-html-text-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'pottery');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

interface Result {
  readonly source: string;
  readonly heading: string;
  readonly lines: [number, number];
  readonly score: number;
  readonly snippet: string;
}

function searchRun(question: string) {
  const run = runBatuta(['oracle', '--rag', '--json', '--db', db, '--collection', 'pottery', question], home);
  expect(run.code, run.stderr).toBe(0);
  return { results: JSON.parse(run.stdout).results as Result[], stderr: run.stderr };
}

function search(question: string): Result[] {
  return searchRun(question).results;
}

function index(): { updated: number; unchanged: number; rechunked: boolean } {
  const run = runBatuta(['index', folder, '--name', 'pottery', '--db', db, '--no-dense', '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('HTML as text in search results (built CLI)', () => {
  it('cites lines of the extracted text and shows snippets without markup', () => {
    index();
    const [glaze] = search('how long to hold the glaze firing at peak');
    // Bisque and Glaze firing are merged into one chunk (lines 3-14); the hit cites the one its passage is in.
    expect(glaze).toMatchObject({
      source: 'kiln.html',
      heading: 'Kiln schedules > Glaze firing',
      lines: [7, 14],
    });
    expect(glaze!.snippet).toMatch(/Hold for ten minutes at peak/);
    expect(glaze!.snippet).not.toMatch(/<\/?[a-z]|&[a-z]+;/);
    const [intro] = search('quartz inversion cracking thick pots');
    expect(intro).toMatchObject({ source: 'kiln.html', lines: [2, 2] });
    expect(intro!.snippet).toContain('573 °C');
  });

  it('keeps the lines of markdown files as they are on disk', () => {
    const [wedging] = search("ram's head wedging palms");
    expect(wedging).toMatchObject({ source: 'wedging.md', lines: [7, 7] });
    expect(wedging!.snippet).toContain('<b>Kept as written</b>');
  });

  it('chunks the HTML pages of an index built before again, and leaves the other files alone', () => {
    const before = search('how long to hold the glaze firing at peak');
    const sqlite = new Database(db);
    // The chunking as it is now, without the HTML text part: an index from before HTML was read as text.
    sqlite.prepare("UPDATE collections SET chunker = substr(chunker, 1, instr(chunker, '+') - 1)").run();
    sqlite.prepare('UPDATE chunks SET line_start = line_start + 20, line_end = line_end + 20').run();
    // Such an index kept no merged sections either: its results cite whole chunks.
    sqlite.prepare('UPDATE chunks SET members = NULL').run();
    sqlite.close();
    const old = searchRun('how long to hold the glaze firing at peak');
    expect(old.results[0]!.lines).toEqual([23, 34]);
    // Until the next index, a search says its HTML line numbers are of the raw file, in one stderr line.
    const said = old.stderr.split('\n').filter((line) => line.includes('raw HTML file'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^batuta oracle: collection "pottery" .*"batuta index"/);
    expect(index()).toMatchObject({ updated: 1, unchanged: 1, rechunked: true });
    const fresh = searchRun('how long to hold the glaze firing at peak');
    expect(fresh.results).toEqual(before);
    expect(fresh.stderr).not.toContain('raw HTML file');
    expect(search("ram's head wedging palms")[0]!.lines).toEqual([27, 27]);
    expect(index()).toMatchObject({ updated: 0, unchanged: 2, rechunked: false });
  });
});
