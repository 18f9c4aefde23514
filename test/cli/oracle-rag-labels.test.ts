/**
 * What a search shows a reader (built CLI): a section without a heading of its own (text before a page's first
 * heading, a page with none) is cited by the page's title or else the file's name, and JSON says which; a result
 * with many copies names a few on its `also in:` line and counts the rest (JSON lists them all); two alike texts
 * whose names differ in a word the question asks, even a stop word ("get"), stay two results.
 */
import { cpSync, rmSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-labels-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(resolve(import.meta.dirname, '../fixtures/result-labels'), join(home, 'kiln-docs'), {
    recursive: true,
  });
  const run = runBatuta(['index', join(home, 'kiln-docs'), '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

interface Found {
  readonly source: string;
  readonly heading: string;
  readonly headingFrom?: string;
  readonly copies?: Array<{ source: string; heading: string }>;
}

function rag(question: string, ...flags: string[]): string {
  const run = runBatuta(
    ['oracle', '--rag', '-k', '5', ...flags, '--db', db, '--collection', 'kiln-docs', question],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

const search = (question: string): Found[] => JSON.parse(rag(question, '--json')).results;

describe('batuta oracle --rag cites a section without a heading by its page (built CLI)', () => {
  it("names the text before an HTML page's first heading by the page's <title>", () => {
    const [first] = search('bisque firing before glazing');
    expect(first).toMatchObject({
      source: 'guide/index.html',
      heading: 'Kilnkit Guide — Firing Basics',
      headingFrom: 'title',
    });
    expect(rag('bisque firing before glazing')).toMatch(
      /^1\. guide\/index\.html:\d+-\d+ .*\n {3}Kilnkit Guide — Firing Basics\n/m,
    );
    expect(rag('bisque firing before glazing', '--format', 'markdown')).toContain(
      '**guide/index.html:1-1** — Kilnkit Guide — Firing Basics',
    );
  });

  it('names a plain-text page by its first line when that stands as a title, else by its file name', () => {
    expect(search('why does my glaze show crazing')[0]).toMatchObject({
      source: 'FAQ',
      heading: 'Kilnkit Frequently Asked Questions',
      headingFrom: 'title',
    });
    expect(search('cone readings every hour')[0]).toMatchObject({
      source: 'notes/firing-log.txt',
      heading: 'firing-log.txt',
      headingFrom: 'file name',
    });
  });

  it('leaves a section with its own heading as it was, without headingFrom', () => {
    const glaze = search('cone of a glaze')[0]!;
    expect(glaze.heading).toMatch(/^Glaze \w+$/);
    expect(glaze).not.toHaveProperty('headingFrom');
  });
});

describe('batuta oracle --rag with many copies of one text (built CLI)', () => {
  it('names three copies and counts the rest in text and markdown; JSON lists all five', () => {
    const [first] = search('cone of a glaze');
    expect(first!.copies).toHaveLength(5);
    const line = /^ {3}also in: (glazes\/\w+\.md:3-11, ){2}glazes\/\w+\.md:3-11 and 2 more$/m;
    expect(rag('cone of a glaze')).toMatch(line);
    expect(rag('cone of a glaze', '--format', 'markdown')).toMatch(line);
  });
});

describe('the copy fold reads the words of names (built CLI)', () => {
  it('keeps kiln_get_item and kiln_set_item apart for a question that asks to "get"', () => {
    const results = search('how do I get the cone of the kiln handle');
    const sources = results.map((result) => result.source);
    expect(sources).toEqual(expect.arrayContaining(['api/app-items.md', 'api/module-items.md']));
    for (const result of results)
      expect(result.copies?.map((copy) => copy.source) ?? []).not.toContain('api/module-items.md');
  });

  it('still folds them for a question whose words neither name holds', () => {
    const [first] = search('cone of the kiln handle').filter((result) => result.source.startsWith('api/'));
    expect(first!.copies?.map((copy) => copy.source)).toHaveLength(1);
  });
});

const skip = skipWithoutPostgres('oracle-rag-labels.test.ts');

describe.skipIf(skip)('the same labels with --db postgres:// (built CLI)', { timeout: 120_000 }, () => {
  const pg = useTestDatabase({ home });

  it("reads the page's title from the text the index stored, with the file gone from the folder", () => {
    const folder = join(home, 'kiln-pg');
    cpSync(resolve(import.meta.dirname, '../fixtures/result-labels'), folder, { recursive: true });
    const indexed = runBatuta(['index', folder, '--db', pg.url, '--no-dense'], home);
    expect(indexed.code, indexed.stderr).toBe(0);
    unlinkSync(join(folder, 'guide', 'index.html'));
    const run = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        '--db',
        pg.url,
        '--collection',
        'kiln-pg',
        'bisque firing before glazing',
      ],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).results[0]).toMatchObject({
      source: 'guide/index.html',
      heading: 'Kilnkit Guide — Firing Basics',
      headingFrom: 'title',
    });
  });
});
