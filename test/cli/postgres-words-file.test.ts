/**
 * A PostgreSQL collection's adapted model carries its words file (src/retrieval/dense/word-table.ts) too:
 * stored in the database with the rest of the version folder and materialised with it, where a search
 * reads it. Through the built CLI against the real test server.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-words-file.test.ts');
const WORDS = 'word-embedder.words.bin';

describe.skipIf(skip)('words files of PostgreSQL collections (built CLI)', { timeout: 240_000 }, () => {
  const home = tempDir('batuta-pg-words');
  const env = { TMPDIR: join(home, 'tmp') };
  const db = useTestDatabase();

  beforeAll(() => {
    mkdirSync(env.TMPDIR);
    mkdirSync(join(home, 'pottery'));
    for (const topic of ['glazing', 'throwing', 'firing'])
      writeFileSync(
        join(home, 'pottery', `${topic}.md`),
        `# ${topic}\n\nNotes on ${topic} for pottery: tools, timing and the mistakes beginners make.\n`,
      );
  });

  it('are materialised with the model and read by a search', () => {
    const indexed = runBatuta(['index', join(home, 'pottery'), '--db', db.url], home, env);
    expect(indexed.code, indexed.stderr).toBe(0);
    const searched = runBatuta(
      [
        'oracle',
        '--rag',
        '--json',
        'How do I know when a pot is ready for the kiln?',
        '--collection',
        'pottery',
        '--db',
        db.url,
      ],
      home,
      env,
    );
    expect(searched.code, searched.stderr).toBe(0);
    expect(searched.stderr).toBe('');
    const cache = join(env.TMPDIR, `batuta-pg-models-${process.getuid?.() ?? 'user'}`);
    const [model] = readdirSync(cache).filter((entry) => entry.startsWith('sif-w2v'));
    const { version } = JSON.parse(readFileSync(join(cache, model!, 'current.json'), 'utf8')) as {
      version: string;
    };
    const files = JSON.parse(readFileSync(join(cache, model!, version, 'manifest.json'), 'utf8')).files;
    expect(Object.keys(files)).toContain(WORDS);
    expect(readdirSync(join(cache, model!, version))).toContain(WORDS);
  });
});
