/**
 * The materialised models of PostgreSQL collections, through the built CLI against the real test server,
 * each run with its own temporary folder: a search marks the model folder it uses, a run that writes a new
 * model folder removes the ones no process used for a day (and an ended writer's staging folder), nothing
 * else in the cache folder is touched, and a search whose model was removed writes it again and answers
 * as before.
 */
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-model-cache.test.ts');

const home = tempDir('batuta-pg-model-cache');
const env = { TMPDIR: join(home, 'tmp') };
const cache = join(env.TMPDIR, `batuta-pg-models-${process.getuid?.() ?? 'user'}`);
const DAY_S = 24 * 3600;

const FOLDERS: Record<string, string[]> = {
  pottery: ['glazing', 'throwing', 'firing'],
  weaving: ['warping', 'shuttles', 'selvedges'],
  brewing: ['mashing', 'hopping', 'bottling'],
};

function age(path: string, seconds: number): void {
  const when = Date.now() / 1000 - seconds;
  utimesSync(path, when, when);
}

describe.skipIf(skip)('the cache of materialised models (built CLI)', { timeout: 240_000 }, () => {
  const db = useTestDatabase({ home });

  beforeAll(() => {
    mkdirSync(env.TMPDIR);
    for (const [name, topics] of Object.entries(FOLDERS)) {
      mkdirSync(join(home, name));
      for (const topic of topics)
        writeFileSync(
          join(home, name, `${topic}.md`),
          `# ${topic}\n\nNotes on ${topic} for ${name}: tools, timing and the mistakes beginners make.\n`,
        );
    }
  });

  function batuta(args: string[]) {
    const result = runBatuta([...args, '--db', db.url], home, env);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  }
  const search = (collection: string, question: string) =>
    JSON.parse(batuta(['oracle', '--rag', '--json', question, '--collection', collection])).results;
  const folderOf = (collection: string) => {
    const listed = JSON.parse(batuta(['collections', '--json'])).collections;
    const embedder: string = listed.find((c: { name: string }) => c.name === collection).embedder;
    return join(cache, embedder.replace(/[^A-Za-z0-9._-]+/g, '_'));
  };

  it('removes model folders unused for a day when it writes a new one, and writes a removed one again', () => {
    batuta(['index', join(home, 'pottery')]);
    batuta(['index', join(home, 'weaving')]);
    const pottery = folderOf('pottery');
    const weaving = folderOf('weaving');
    expect(existsSync(join(pottery, 'current.json'))).toBe(true);
    expect(existsSync(join(weaving, 'current.json'))).toBe(true);
    const before = search('weaving', 'how do I keep the edges straight');
    // Two days without a search of either; then pottery is searched again (which marks its folder).
    age(pottery, 2 * DAY_S);
    age(weaving, 2 * DAY_S);
    search('pottery', 'when is a pot ready for the kiln');
    expect(Date.now() - statSync(pottery).mtimeMs).toBeLessThan(3_600_000);
    const others = [
      join(cache, 'notes.txt'),
      join(cache, 'not-a-model'),
      join(cache, `sif-w2v_x.${process.pid}.1700000000000`),
    ];
    writeFileSync(others[0]!, 'x');
    mkdirSync(others[1]!);
    mkdirSync(others[2]!);
    const ended = join(cache, 'sif-w2v_y.999999999.1700000000000');
    mkdirSync(ended);
    for (const path of [...others, ended]) age(path, 2 * DAY_S);
    // Indexing brewing writes its model folder and prunes the cache.
    batuta(['index', join(home, 'brewing')]);
    expect(existsSync(folderOf('brewing'))).toBe(true);
    expect(existsSync(pottery)).toBe(true);
    expect(existsSync(weaving)).toBe(false);
    expect(existsSync(ended)).toBe(false);
    for (const path of others) expect(existsSync(path)).toBe(true);
    const models = readdirSync(cache).filter((entry) => existsSync(join(cache, entry, 'current.json')));
    expect(models.sort()).toEqual([basename(pottery), basename(folderOf('brewing'))].sort());
    // The removed model is written again from the database by the next search that needs it.
    expect(search('weaving', 'how do I keep the edges straight')).toEqual(before);
    expect(existsSync(join(weaving, 'current.json'))).toBe(true);
  });
});
