/**
 * Copies among the results (built CLI): two API pages that hold the same member docs, and template pages that
 * differ only in their names, are each shown once with the other files listed under `copies`, and the next
 * results move up into the places the copies took.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-copies-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(resolve(import.meta.dirname, '../fixtures/result-copies'), join(home, 'burrow-docs'), {
    recursive: true,
  });
  const run = runBatuta(['index', join(home, 'burrow-docs'), '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

interface Found {
  readonly source: string;
  readonly heading: string;
  readonly copies?: Array<{ source: string; heading: string; lines: [number, number]; resemblance?: number }>;
}

function search(question: string, ...flags: string[]): { results: Found[]; fusion?: { folded?: number } } {
  return searchIn(db, question, ...flags);
}

function searchIn(
  index: string,
  question: string,
  ...flags: string[]
): { results: Found[]; fusion?: { folded?: number } } {
  const run = runBatuta(
    [
      'oracle',
      '--rag',
      '--json',
      '-k',
      '3',
      ...flags,
      '--db',
      index,
      '--collection',
      'burrow-docs',
      question,
    ],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('batuta oracle --rag with the same text on several pages (built CLI)', () => {
  it('shows the member docs once, lists the other page, and fills k with other answers', () => {
    const { results } = search('open a burrow file');
    expect(results).toHaveLength(3);
    const [first, ...rest] = results;
    expect(first!.heading).toMatch(/> burrow_open\(\)$/);
    expect(first!.copies).toHaveLength(1);
    const pair = [first!.source, first!.copies![0]!.source].sort();
    expect(pair).toEqual(['api/handles.md', 'api/internals.md']);
    expect(first!.copies![0]).toMatchObject({ heading: expect.stringMatching(/> burrow_open\(\)$/) });
    expect(first!.copies![0]).not.toHaveProperty('resemblance');
    for (const result of rest) expect(pair).not.toContain(result.source);
  });

  it('folds template pages that differ only in their names, so the page about spans is shown', () => {
    const { results } = search('span of a token');
    expect(results.map((result) => result.source)).toEqual([expect.stringMatching(/^tokens\//), 'span.md']);
    expect(results[0]!.copies?.map((copy) => copy.source).sort()).toEqual(
      ['tokens/Colon.md', 'tokens/Comma.md', 'tokens/Dot.md', 'tokens/Semi.md'].filter(
        (source) => source !== results[0]!.source,
      ),
    );
  });

  it('says what was folded with --explain, in JSON and as text', () => {
    const answer = search('span of a token', '--explain');
    expect(answer.fusion?.folded).toBe(3);
    for (const copy of answer.results[0]!.copies ?? []) expect(copy.resemblance).toBeGreaterThanOrEqual(0.75);
    const run = runBatuta(
      [
        'oracle',
        '--rag',
        '--explain',
        '-k',
        '3',
        '--db',
        db,
        '--collection',
        'burrow-docs',
        'span of a token',
      ],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {3}also in: tokens\/\w+\.md:3-11 \(resemblance 0\.\d+\), /m);
    expect(run.stdout).toMatch(/^copies: 3 files folded into the results above them/m);
  });
});

const skip = skipWithoutPostgres('oracle-rag-copies.test.ts');

describe.skipIf(skip)('the same folding with --db postgres:// (built CLI)', { timeout: 120_000 }, () => {
  const pg = useTestDatabase({ home });

  it('shows the same results and copies as the SQLite index', () => {
    const run = runBatuta(['index', join(home, 'burrow-docs'), '--db', pg.url, '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const shape = (found: { results: Found[] }) =>
      found.results.map((result) => [result.source, (result.copies ?? []).map((copy) => copy.source)]);
    for (const question of ['open a burrow file', 'span of a token']) {
      expect(shape(searchIn(pg.url, question))).toEqual(shape(search(question)));
    }
    expect(searchIn(pg.url, 'span of a token').results[0]!.copies).toHaveLength(3);
  });
});
