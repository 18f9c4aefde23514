import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-history-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const docs = join(home, 'app');
  cpSync(resolve(import.meta.dirname, '../fixtures/release-history'), docs, { recursive: true });
  expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
});

interface Found {
  readonly source: string;
  readonly score: number;
  readonly explain?: { readonly history?: string };
}

function search(question: string): { results: Found[]; fusion: { releaseHistory: unknown } } {
  const run = runBatuta(
    // three places for the fixture's three files: these cases are about their order
    ['oracle', '--rag', '--json', '--explain', '-k', '3', '--db', db, '--collection', 'app', question],
    home,
  );
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('batuta oracle --rag with a changelog beside a topic page (built CLI)', () => {
  it('keeps the changelog, which BM25 ranks first, in place for a question about a change', () => {
    const answer = search('What changed about signed cookies in 2.1?');
    expect(answer.results.map((result) => result.source)).toEqual([
      'releases/v2.1.0.md',
      'CHANGELOG.md',
      'guide/sessions.md',
    ]);
    expect(answer.results[1]!.explain?.history).toBe('path');
    expect(answer.fusion.releaseHistory).toEqual({ demoted: 0, promoted: 1, changeCue: 'what changed' });
  });

  it('moves no version page for a question about a change that names no version', () => {
    const answer = search('Which release deprecated signed cookies with one secret?');
    expect(answer.fusion.releaseHistory).toEqual({ demoted: 0, promoted: 0, changeCue: 'which release' });
  });

  it('leaves release history in place for a yes/no question whether something still holds, naming no version', () => {
    const answer = search('Do I still need a cookie secret before I write a signed cookie?');
    expect(answer.fusion.releaseHistory).toEqual({ demoted: 0, promoted: 0, changeCue: 'do i still' });
    const sources = answer.results.map((result) => result.source);
    expect(sources.slice().sort()).toEqual(['CHANGELOG.md', 'guide/sessions.md', 'releases/v2.1.0.md']);
    const ordinary = search('I need a cookie secret before I write a signed cookie');
    expect(ordinary.fusion.releaseHistory).toMatchObject({ promoted: 0, changeCue: null });
    expect(ordinary.results[0]!.source).toBe('guide/sessions.md');
  });

  it('shows the topic page before the changelog for an ordinary question, scores still falling', () => {
    const answer = search('How do I set a signed cookie?');
    expect(answer.results.map((result) => result.source)).toEqual([
      'guide/sessions.md',
      'CHANGELOG.md',
      'releases/v2.1.0.md',
    ]);
    expect(answer.results[0]!.explain?.history).toBeUndefined();
    expect(answer.results[1]!.explain?.history).toBe('path');
    expect(answer.results[1]!.score).toBeLessThanOrEqual(answer.results[0]!.score);
    expect(answer.fusion.releaseHistory).toEqual({ demoted: 2, promoted: 0, changeCue: null });
  });

  it('says what it did with release history in the --explain text', () => {
    const run = runBatuta(
      ['oracle', '--rag', '--explain', '--db', db, '--collection', 'app', 'How do I set a signed cookie?'],
      home,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^2\. CHANGELOG\.md:.*\n(?:.*\n){2}\s+ranks: .*; release history \(by its path\)$/m,
    );
    expect(run.stdout).toContain('release history: 2 files shown after the other files');
  });
});
