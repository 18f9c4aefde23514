/**
 * Plain-text documents that underline their titles (README.Debian and most READMEs in /usr/share/doc) or write
 * Emacs outline headings under an org mode line (GnuPG's DETAILS, HACKING) through the built CLI: results are
 * headed by those titles, not left without a heading.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-underlined-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kilnctl');
const db = join(home, 'index.db');

beforeAll(() => {
  mkdirSync(folder);
  writeFileSync(
    join(folder, 'README'),
    [
      '          kilnctl',
      '          =======',
      '',
      'kilnctl drives a kiln controller over its serial port.',
      '',
      'Serial ports',
      '------------',
      '',
      'The controller answers on the first USB serial port; give another one with --port.',
      '',
      'Schedules',
      '---------',
      '',
      'A schedule is a list of ramps and holds, saved under a name.',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(folder, 'HOWTO.gz'),
    gzipSync(
      [
        '# kilnctl notes                                        -*- org -*-',
        '',
        '* Logging',
        '** Log rotation',
        '   The firing log is rotated after every tenth firing.',
        '* Alarms',
        '  A buzzer sounds when the temperature overshoots the hold.',
        '',
      ].join('\n'),
    ),
  );
  const run = runBatuta(['index', folder, '--db', db, '--no-dense'], home);
  expect(run.code, run.stderr).toBe(0);
});

function first(question: string) {
  const search = searchCollection(db, 'kilnctl', question, home);
  expect(search.code, search.stderr).toBe(0);
  return JSON.parse(search.stdout).results[0];
}

describe('titles of plain-text documents (built CLI)', () => {
  it('heads a result with the underlined title of its section', () => {
    expect(first('which serial port does the controller answer on')).toMatchObject({
      source: 'README',
      heading: 'kilnctl > Serial ports',
      lines: [9, 9],
    });
  });

  it('heads a result with its outline headings under an org mode line', () => {
    expect(first('when is the firing log rotated')).toMatchObject({
      source: 'HOWTO.gz',
      heading: 'Logging > Log rotation',
      lines: [5, 5],
    });
  });
});
