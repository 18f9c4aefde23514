/**
 * A book shipped three ways, shaped as Debian 12's mutt documentation (built CLI): its chapters as pages
 * (`html/ch1.html` …), the whole book on one page (`html/manual.html`) and a plain-text copy (`manual.txt`).
 * Both the one-page book and the text copy are compilations: a question is answered by its chapter, once.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { dryRunPlan, kept, ruleOf } from './dry-run-plan.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/book-text-copy');
const home = tempDir('batuta-book-copy-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'hivelog');
cpSync(FIXTURES, folder, { recursive: true });
const db = join(home, 'index.db');

describe('a book as chapter pages, one page and a text copy (built CLI)', () => {
  it('leaves out the one-page book and the text copy as compilations and keeps the chapters', () => {
    const plan = dryRunPlan(home, folder);
    expect(ruleOf(plan)).toEqual({ 'html/manual.html': 'compilation', 'manual.txt': 'compilation' });
    expect(kept(plan)).toEqual(['html/ch1.html', 'html/ch2.html', 'html/ch3.html', 'html/ch4.html']);
  });

  it('answers from the chapter page alone', () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).collections[0]).toMatchObject({ collection: 'hivelog', files: 4 });
    const search = searchCollection(
      db,
      'hivelog',
      'how much water may honey hold before it goes in jars',
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    const sources = JSON.parse(search.stdout).results.map((result: { source: string }) => result.source);
    expect(sources[0]).toBe('html/ch4.html');
    expect(sources).not.toContain('html/manual.html');
  });
});
