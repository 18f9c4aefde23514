/**
 * The default name of a sub-folder of a package's doc folder, through the built CLI: it keeps the package
 * (`share/doc/kiln-doc/html/util` -> `kiln-doc-util`), and a collection that already holds the folder under
 * another name (an older default) is refreshed under that name, not copied.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-sub-folder-name-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'usr', 'share', 'doc', 'kiln-doc', 'html', 'util');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'timers.md'), '# Timers\n\nThe kiln timer counts down the hold at peak.\n');

function index(db: string, ...flags: string[]): Record<string, unknown> {
  const run = runBatuta(['index', folder, '--db', db, '--no-dense', '--json', ...flags], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

describe('default name of a sub-folder of a package doc folder (built CLI)', () => {
  it('keeps the package before the sub-folder', () => {
    expect(index(join(home, 'a.db'))).toMatchObject({ collection: 'kiln-doc-util', added: 1 });
  });

  it('refreshes a collection holding the folder under its older name', () => {
    const db = join(home, 'b.db');
    expect(index(db, '--name', 'util')).toMatchObject({ collection: 'util', added: 1 });
    expect(index(db)).toMatchObject({ collection: 'util', added: 0, unchanged: 1 });
    const listed = runBatuta(['collections', '--json', '--db', db], home);
    expect(JSON.parse(listed.stdout).collections.map((c: { name: string }) => c.name)).toEqual(['util']);
  });
});
