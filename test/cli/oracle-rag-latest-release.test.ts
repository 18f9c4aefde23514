/**
 * "What changed in the latest release" over release notes (built CLI): the notes are shown by the newest
 * release's section (search/latest-release.ts). In the fixture an old release's section holds the question's
 * words ("latest", "changed", "release"); before, it showed the notes. A question naming a version, and an
 * ordinary question, show what they showed before.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-latest-release-');
const db = join(home, 'index.db');
const docs = join(home, 'kettled');
afterAll(() => rmSync(home, { recursive: true, force: true }));
cpSync(resolve(import.meta.dirname, '../fixtures/latest-release'), docs, { recursive: true });

function notes(question: string, mode: string) {
  const args = ['oracle', '--rag', '--json', '--mode', mode, '--collection', 'kettled', '--db', db, question];
  const run = runBatuta(args, home);
  expect(run.code, run.stderr).toBe(0);
  const results: Array<{ source: string; heading: string }> = JSON.parse(run.stdout).results;
  return results.find((result) => result.source === 'release-notes.html');
}

describe('a question about the newest release', () => {
  it('indexes the folder', () => {
    expect(runBatuta(['index', docs, '--db', db], home).code).toBe(0);
  });

  it.each(['bm25', 'hybrid'])('--mode %s shows the notes by the newest release', (mode) => {
    for (const question of [
      'what changed in the latest release?',
      'what is new in the most recent release',
    ]) {
      expect(notes(question, mode)?.heading, question).toMatch(
        /^Release Notes > Notes for kettled 2\.10\.1 > /,
      );
    }
  });

  it('shows the release a question names, as before', () => {
    expect(notes('what changed in release 2.2.0', 'hybrid')?.heading).toBe(
      'Release Notes > Notes for kettled 2.2.0 > Feature changes',
    );
  });
});
