/**
 * Markdown written with setext headings (a title over a line of `===` or `---`, as curl's SSLCERTS.md and
 * HTTP2.md in Debian 12's libcurl4-doc) through the built CLI: results are headed by those titles, not left
 * without a heading, and the underlines are not text.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const home = tempDir('batuta-setext-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kiln-notes');
mkdirSync(folder);
writeFileSync(
  join(folder, 'VENTING.md'),
  [
    'Kiln Venting',
    '============',
    '',
    'Why vent',
    '--------',
    '',
    'Clay and glaze give off sulphur and carbon fumes while they burn out, so a downdraft vent pulls',
    'a little air through the chamber until the kiln passes cone 010.',
    '',
    'Closing the vent',
    '----------------',
    '',
    'Close the vent plug once the burnout smell is gone; an open plug at peak leaves a cold spot.',
    '',
  ].join('\n'),
);
writeFileSync(join(folder, 'LOADING.md'), '# Loading\n\nStack the shelves on three posts each.\n');
const db = join(home, 'index.db');

describe('markdown setext headings (built CLI)', () => {
  it('head the results that come from their sections', () => {
    const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const search = searchCollection(db, 'kiln-notes', 'sulphur fumes during burnout downdraft', home);
    expect(search.code, search.stderr).toBe(0);
    const [first] = JSON.parse(search.stdout).results;
    expect(first).toMatchObject({ source: 'VENTING.md', heading: 'Kiln Venting > Why vent', lines: [7, 8] });
    expect(first.snippet).not.toMatch(/---|===/);
  });
});
