/**
 * `batuta index` on an embedded index removes what interrupted writes of the collection left beside the
 * database and in its model folder (a temporary HNSW file, a staging model folder, a temporary pointer file)
 * once their writer has ended and an hour has passed, and keeps a running writer's, the model versions and
 * every file that is not one of these.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-leftovers');
const docs = join(home, 'notes');
const db = join(home, 'index.db');
const model = `${db}.notes.model`;

function age(path: string, hours: number): void {
  const when = Date.now() / 1000 - hours * 3600;
  utimesSync(path, when, when);
}

describe('index: leftovers of interrupted writes', { timeout: 120_000 }, () => {
  let writer: ChildProcess;
  beforeAll(() => {
    mkdirSync(docs);
    for (const topic of ['kettles', 'teapots', 'strainers'])
      writeFileSync(
        join(docs, `${topic}.md`),
        `# ${topic}\n\nHow to clean ${topic} without scratching them.\n`,
      );
    writer = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    writer.kill();
  });

  it('removes an ended writer’s old leftovers and keeps the rest', () => {
    const first = runBatuta(['index', docs, '--db', db], home);
    expect(first.code, first.stderr).toBe(0);
    const versions = readdirSync(model).filter((entry) => entry.startsWith('v-'));
    expect(versions.length).toBeGreaterThan(0);
    const ended = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
        .stdout,
    );
    const hnsw = readdirSync(home).find((entry) => entry.endsWith('.hnsw'))!;
    const gone = [
      join(home, `${hnsw}.tmp-${ended}`),
      join(model, `staging-${ended}-0`),
      join(model, `current.json.tmp-${ended}`),
      // A collection the database does not hold: its files are orphans (index-orphans.test.ts).
      join(home, `index.db.other.0123456789ab.hnsw.tmp-${ended}`),
    ];
    const kept = [
      join(model, `staging-${writer.pid}-0`),
      join(home, `index.db.other.0123456789ab.hnsw.tmp-${writer.pid}`),
      join(home, `my-notes.hnsw.tmp-${ended}`),
      join(model, `held-out.json.tmp-${ended}-recent`),
    ];
    for (const path of [...gone, ...kept]) {
      if (path.includes('staging-')) mkdirSync(path);
      else writeFileSync(path, 'x');
      age(path, 2);
    }
    const recent = join(model, `held-out.json.tmp-${ended}`);
    writeFileSync(recent, 'x');
    const again = runBatuta(['index', docs, '--db', db], home);
    expect(again.code, again.stderr).toBe(0);
    expect(gone.filter((path) => existsSync(path))).toEqual([]);
    expect([...kept, recent].filter((path) => !existsSync(path))).toEqual([]);
    for (const version of versions) expect(existsSync(join(model, version))).toBe(true);
    const search = runBatuta(
      ['oracle', '--rag', '--json', 'cleaning a teapot', '--collection', 'notes', '--db', db],
      home,
    );
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results[0].source).toBe('teapots.md');
  });
});
