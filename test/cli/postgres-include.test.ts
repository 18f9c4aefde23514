/**
 * `batuta index --include` into PostgreSQL (built CLI): the same selection as the embedded store, so a
 * change log an include glob brings back is indexed and found, and a glob matching nothing is a warning.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGzipTree } from '../retrieval/documents/gzip-tree.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-include.test.ts');
const home = tempDir('batuta-pg-include-');
const folder = writeGzipTree(join(home, 'brewctl'));
writeFileSync(join(folder, 'setup.cfg'), '[kettle]\nport = /dev/ttyUSB0\n');

describe.skipIf(skip)(
  'batuta index --include with --db postgres:// (built CLI)',
  { timeout: 240_000 },
  () => {
    const db = useTestDatabase({ home });

    it('indexes what the globs bring back and finds the change log', () => {
      const flags = ['--include', 'changelog.gz', '--include', '*.cfg', '--include', 'nothing-here.txt'];
      const run = runBatuta(['index', folder, '--db', db.url, '--no-dense', '--json', ...flags], home);
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout).collections[0];
      expect(summary).toMatchObject({ files: 2, added: 2, unmatchedInclude: ['nothing-here.txt'] });
      expect(summary.included).toEqual([
        { source: 'changelog.gz', glob: 'changelog.gz', rules: ['changelog'] },
        { source: 'setup.cfg', glob: '*.cfg', rules: ['type'] },
      ]);
      expect(run.stderr).toMatch(/warning: --include "nothing-here\.txt" matches no file/);
      const found = searchCollection(db.url, 'brewctl', 'first release steep run and log', home);
      expect(found.code, found.stderr).toBe(0);
      expect(JSON.parse(found.stdout).results[0]).toMatchObject({ source: 'changelog.gz' });
    });
  },
);
