import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { RUN_TEMPORARY, runBatuta } from './run-batuta.js';

const home = tempDir('batuta-dburl-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const docs = join(home, 'docs');
mkdirSync(docs);
writeFileSync(join(docs, 'a.md'), '# A\n\nColumnar analytics on the GPU.\n');

describe('--db with a URL (built CLI)', () => {
  it('never turns a URL into a local folder', () => {
    for (const url of ['postgres://user@localhost:1/db', 'mysql://user@localhost/db', 'sqlite:///tmp/x.db']) {
      const run = runBatuta(['index', docs, '--db', url, '--no-dense'], home);
      expect(run.code).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(home).sort()).toEqual([RUN_TEMPORARY, 'docs']);
      expect(readdirSync(join(home, RUN_TEMPORARY))).toEqual([]);
    }
  });

  it('refuses a URL of any other scheme with a one-line usage error, in every command and in BATUTA_DB', () => {
    const runs = [
      runBatuta(['index', docs, '--db', 'mysql://user@localhost/db'], home),
      runBatuta(['oracle', '--rag', 'gpu', '--collection', 'docs', '--db', 'https://example.com/x.db'], home),
      runBatuta(['index', docs], home, { BATUTA_DB: 'redis://localhost' }),
      runBatuta(['mcp', '--db', 'mongodb://localhost/x'], home),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^batuta \w+: .*"\w+:\/\/".*\(.*postgres:\/\/.*\)\n$/);
    }
    expect(existsSync(join(home, '.cache'))).toBe(false);
  });

  it('refuses --db-read unless it and --db are PostgreSQL URLs', () => {
    const local = runBatuta(
      [
        'oracle',
        '--rag',
        'gpu',
        '--collection',
        'docs',
        '--db',
        join(home, 'x.db'),
        '--db-read',
        'postgres://r/db',
      ],
      home,
    );
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--db-read');
    const notPg = runBatuta(
      [
        'oracle',
        '--rag',
        'gpu',
        '--collection',
        'docs',
        '--db',
        'postgres://p/db',
        '--db-read',
        join(home, 'r.db'),
      ],
      home,
    );
    expect(notPg.code).toBe(2);
    expect(notPg.stderr).toContain('--db-read');
  });
});
