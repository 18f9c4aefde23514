/**
 * Debian's change log and news, indexed on request (`--include`), are release history (built CLI): for an
 * ordinary question they come after the page that explains the feature, though their entries are no headings
 * (they came first when only names without `.Debian` were known).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-history-debian-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

const entry = (version: string, change: string) =>
  `kilnkit (${version}) unstable; urgency=medium\n\n  * ${change}\n\n -- Kiln Keeper <keeper@example.org>  Mon, 01 Jan 2024 10:00:00 +0000\n\n`;

beforeAll(() => {
  const docs = join(home, 'kilnkit');
  mkdirSync(docs, { recursive: true });
  writeFileSync(
    join(docs, 'README'),
    'Kilnkit\n=======\n\nCooling a kiln\n--------------\n\nLet the kiln cool on its own before the lid opens: ' +
      'kilnkit cool waits until the chamber reads room warmth and logs the cooling curve. Opening the lid ' +
      'early cracks the pieces with a cold draught, so the command keeps the lid locked while the elements ' +
      'rest and the shelves give their heat back to the chamber, which can take a whole night.\n',
  );
  writeFileSync(
    join(docs, 'changelog.Debian.gz'),
    gzipSync(
      entry('2.4-1', 'kilnkit cool waits for the kiln to cool and logs the cooling curve.') +
        entry('2.3-2', 'Cooling curve logs keep the kiln name.'),
    ),
  );
  writeFileSync(
    join(docs, 'NEWS.Debian.gz'),
    gzipSync(entry('2.4-1', 'The cool command now waits for the kiln to cool before the lid opens.')),
  );
  const run = runBatuta(
    [
      'index',
      docs,
      '--db',
      db,
      '--no-dense',
      '--include',
      '**',
      '--include',
      'changelog.Debian.gz',
      '--include',
      'NEWS.Debian.gz',
    ],
    home,
  );
  expect(run.code, run.stderr).toBe(0);
});

describe("batuta oracle --rag with Debian's change log and news indexed (built CLI)", () => {
  it('shows them after the page for an ordinary question, marked as release history by their path', () => {
    const ask = ['oracle', '--rag', '--json', '--explain', '-k', '3', '--collection', 'kilnkit'];
    const run = runBatuta([...ask, '--db', db, 'log the cooling curve'], home);
    expect(run.code, run.stderr).toBe(0);
    const { results, fusion } = JSON.parse(run.stdout);
    expect(results.map((result: { source: string }) => result.source)).toEqual([
      'README',
      expect.stringMatching(/\.Debian\.gz$/),
      expect.stringMatching(/\.Debian\.gz$/),
    ]);
    for (const result of results.slice(1)) expect(result.explain.history).toBe('path');
    expect(fusion.releaseHistory).toMatchObject({ demoted: 2 });
  });
});
