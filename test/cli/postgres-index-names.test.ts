/**
 * `batuta index DIR --db postgres://…` without `--name` (built CLI): a folder the PostgreSQL index already
 * holds under another name is refreshed there, as in the embedded store, not copied under its default name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-index-names.test.ts');
const home = tempDir('batuta-pg-names-');
const folder = join(home, 'handbook');
mkdirSync(folder);
writeFileSync(join(folder, 'keys.md'), '# Keys\n\nRotate the signing keys.\n');

describe.skipIf(skip)(
  'batuta index --db postgres:// without --name (built CLI)',
  { timeout: 240_000 },
  () => {
    const db = useTestDatabase({ home });

    it('refreshes the collection that holds the folder, whatever its name', () => {
      const index = (...extra: string[]) => {
        const run = runBatuta(['index', folder, '--db', db.url, '--json', '--no-dense', ...extra], home);
        expect(run.code, run.stderr).toBe(0);
        return JSON.parse(run.stdout).collections[0];
      };
      expect(index('--name', 'team')).toMatchObject({ collection: 'team', added: 1 });
      writeFileSync(join(folder, 'tokens.md'), '# Tokens\n\nTokens expire after a day.\n');
      expect(index()).toMatchObject({ collection: 'team', added: 1, unchanged: 1 });
      const listed = JSON.parse(
        runBatuta(['collections', '--db', db.url, '--json'], home).stdout,
      ).collections;
      expect(listed.map((c: { name: string }) => c.name)).toEqual(['team']);
    });
  },
);
