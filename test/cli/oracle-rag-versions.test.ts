import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-versions-');
const SERIES_8 =
  '# 8.x Series\n\n## Quux 8.1.0\n\nThe shell keeps its history.\n\n## Quux 8.0.0\n\nOld terminals go.\n';
const SERIES_7 =
  '# 7.x Series\n\n## Quux 7.2.0\n\nWhat changed in Quux version 7, and what changed before version 8: the ' +
  'prompts changed their colours and the completer changed its keys.\n';
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/**
 * "foo": release pages named v4.0.0, v5.0.0 (titled "Foo 4.0.0", "Foo 5.0.0"), version7, version8 and two guide
 * pages (workers, the message protocol); "patched": the same and an 8.5.0 page; "series": only series pages
 * whose titles name no product ("8.x Series") and whose headings below do ("Quux 8.1.0"), and a guide page.
 */
beforeAll(() => {
  const fixture = resolve(import.meta.dirname, '../fixtures/release-versions');
  for (const name of ['foo', 'patched']) cpSync(fixture, join(home, name), { recursive: true });
  writeFileSync(join(home, 'patched/whatsnew/8.5.0.md'), '# 8.5.0\n\nFixes a crash of the shell on exit.\n');
  mkdirSync(join(home, 'series/whatsnew'), { recursive: true });
  mkdirSync(join(home, 'series/guide'));
  writeFileSync(join(home, 'series/whatsnew/version8.md'), SERIES_8);
  writeFileSync(join(home, 'series/whatsnew/version7.md'), SERIES_7);
  writeFileSync(join(home, 'series/guide/shell.md'), '# Shell\n\nThe shell reads one command a line.\n');
  for (const name of ['foo', 'patched', 'series']) {
    expect(runBatuta(['index', join(home, name), '--db', db, '--no-dense'], home).code).toBe(0);
  }
});

interface Answer {
  readonly results: readonly { readonly source: string }[];
  readonly fusion: { readonly releaseHistory?: { promoted: number; changeCue: string | null } };
}

function search(collection: string, question: string): Answer {
  const run = runBatuta(
    ['oracle', '--rag', '--json', '--explain', '--db', db, '--collection', collection, question],
    home,
  );
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

const sources = (answer: Answer): string[] => answer.results.map((result) => result.source);

describe('batuta oracle --rag puts the pages of the version a change question names first (built CLI)', () => {
  it('reads the version an upgrade goes to without a dot: "from Foo 4 to 5" shows v5 first', () => {
    const answer = search('foo', 'What changed from Foo 4 to 5?');
    expect(sources(answer)[0]).toBe('releases/v5.0.0.md');
    expect(sources(answer)).toContain('releases/v4.0.0.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 1, changeCue: 'what changed' });
  });

  it('finds the series page of a patch version when the patch has no page of its own', () => {
    const answer = search('foo', "What's new in 8.5.0?");
    expect(sources(answer)[0]).toBe('whatsnew/version8.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 1 });
  });

  it("shows the patch version's own page first, and moves no series page up, when both exist", () => {
    const answer = search('patched', "What's new in 8.5.0?");
    expect(sources(answer)[0]).toBe('whatsnew/8.5.0.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 1 });
  });

  it('takes "protocol version 5" for no release: the guide stays first and the question asks about no change', () => {
    const answer = search('foo', 'Which fields does a protocol version 5 message carry in its headers?');
    expect(sources(answer)[0]).toBe('guide/protocol.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 0, changeCue: null });
  });

  it('still puts the release first when a release word or the product name says "version 5" is a release', () => {
    for (const question of [
      'Which handlers changed in version 5?',
      'Does Foo version 5 still accept callbacks?',
    ]) {
      const answer = search('foo', question);
      expect(sources(answer)[0], question).toBe('releases/v5.0.0.md');
      expect(answer.fusion.releaseHistory, question).toMatchObject({ promoted: 1 });
    }
  });

  it('reads the product name from the headings under series titles: "Quux version 8" puts version8 first', () => {
    const answer = search('series', 'What changed in Quux version 8?');
    expect(sources(answer)[0]).toBe('whatsnew/version8.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 1, changeCue: 'what changed' });
  });

  it('takes no bare number of an ordinary question for a version: release pages go after the guide', () => {
    const answer = search('foo', 'How do I use 2 workers with HTTP 2 on Python 3?');
    expect(sources(answer)[0]).toBe('guide/workers.md');
    expect(answer.fusion.releaseHistory).toMatchObject({ promoted: 0, changeCue: null });
  });
});
