/**
 * "What changed in the latest release" over a plain-text NEWS file (built CLI): the file has no headings, so
 * its releases are told by their opening lines ("… features added to kettled-3.1 since"), and the newest
 * release's chunk holds none of the question's words, so BM25 does not pool it; the file is shown by it all
 * the same (the whole file is read, search/latest-release.ts). Before, it showed the oldest release's chunk,
 * which says "latest", "changed" and "release". A question without the cue shows what it showed before.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-plain-news-');
const db = join(home, 'index.db');
const docs = join(home, 'kettled');
afterAll(() => rmSync(home, { recursive: true, force: true }));
cpSync(resolve(import.meta.dirname, '../fixtures/plain-news'), docs, { recursive: true });

function news(question: string, mode: string, at = db) {
  const args = ['oracle', '--rag', '--json', '--mode', mode, '--collection', 'kettled', '--db', at, question];
  const run = runBatuta(args, home);
  expect(run.code, run.stderr).toBe(0);
  const results: Array<{ source: string; lines: [number, number]; snippet: string }> = JSON.parse(
    run.stdout,
  ).results;
  return results[0];
}

describe('a question about the newest release over a heading-less NEWS file', () => {
  it('indexes the file', () => {
    expect(runBatuta(['index', docs, '--db', db, '--include', 'NEWS'], home).code).toBe(0);
  });

  it.each(['bm25', 'hybrid'])('--mode %s shows the newest release, read from the whole file', (mode) => {
    const first = news('what changed in the latest release', mode);
    expect(first?.source).toBe('NEWS');
    expect(first?.lines[0]).toBe(1);
    expect(first?.snippet).toContain('kettled-3.1');
  });

  it('shows the section the words pick for a question without the cue, as before', () => {
    const first = news('how are the release notes printed', 'bm25');
    expect(first?.source).toBe('NEWS');
    expect(first?.lines[0]).toBeGreaterThan(150);
  });
});

const skip = skipWithoutPostgres('oracle-rag-plain-news.test.ts');

describe.skipIf(skip)('the same with --db postgres:// (built CLI)', { timeout: 120_000 }, () => {
  const pg = useTestDatabase({ home });

  it('reads the whole file from the database and shows the newest release', () => {
    const run = runBatuta(['index', docs, '--db', pg.url, '--include', 'NEWS', '--no-dense'], home);
    expect(run.code, run.stderr).toBe(0);
    const first = news('what changed in the latest release', 'bm25', pg.url);
    expect(first?.lines[0]).toBe(1);
    expect(first?.snippet).toContain('kettled-3.1');
  });
});
