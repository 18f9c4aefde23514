/**
 * A question that holds numbers as data (built CLI): `"1.234,5"` typed by a user, or a sum, names no release,
 * so the changelog that mentions the same feature still comes after the page that explains it (it stayed in
 * place when "1.234" was read as a version asked about).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-numbers-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const docs = join(home, 'kilnlog');
  mkdirSync(join(docs, 'guide'), { recursive: true });
  writeFileSync(
    join(docs, 'guide', 'readings.md'),
    '# Readings\n\nA reading typed by hand goes through parse_reading, which knows the comma of a German ' +
      'kiln display and returns a float of degrees.\n',
  );
  writeFileSync(
    join(docs, 'CHANGELOG.md'),
    '# Changelog\n\n## 3.1.0\n\nparse_reading turns a reading typed with a comma into a float.\n\n' +
      '## 3.0.0\n\nparse_reading turns a typed reading into a float of degrees; a number typed with a comma ' +
      'into a float.\n',
  );
  expect(runBatuta(['index', docs, '--db', db, '--no-dense'], home).code).toBe(0);
});

function search(question: string) {
  const run = runBatuta(
    ['oracle', '--rag', '--json', '--explain', '-k', '2', '--db', db, '--collection', 'kilnlog', question],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('batuta oracle --rag with numbers as data in the question (built CLI)', () => {
  it('shows the page before the changelog for a number typed with both separators', () => {
    const answer = search('turn a number a user typed as "1.234,5" into a float');
    expect(answer.results.map((result: { source: string }) => result.source)).toEqual([
      'guide/readings.md',
      'CHANGELOG.md',
    ]);
    expect(answer.fusion.releaseHistory).toMatchObject({ demoted: 1, changeCue: null });
  });

  it('reads no version in a sum', () => {
    const answer = search('0.1 + 0.2 typed as a reading gives a float, why');
    expect(answer.fusion.releaseHistory).toMatchObject({ changeCue: null });
  });
});
