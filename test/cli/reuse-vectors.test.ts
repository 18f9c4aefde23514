/**
 * A re-chunked page keeps the vectors of its unchanged chunks (built CLI, embedded and PostgreSQL stores): after a new
 * chunking version every page is chunked again, yet a chunk whose heading path and text are unchanged
 * is not embedded again, and searches answer exactly as before; a changed section is embedded alone.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-reuse-vectors-');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const folder = join(home, 'kiln');
const db = join(home, 'index.db');
const QUESTIONS = ['how long to hold at peak temperature', 'why does celadon need reduction', 'cone 6 glaze'];

function section(title: string, topic: string, n: number): string {
  const lines = Array.from(
    { length: n },
    (_, i) => `${topic} note ${i}: the kiln ${topic} step ${i} keeps ${i * 7} degrees.`,
  );
  return `## ${title}\n\n${lines.join('\n')}\n`;
}

function writeFolder(): void {
  mkdirSync(folder, { recursive: true });
  const topics = ['hold', 'cool', 'reduction', 'cone', 'shelf', 'wedge', 'bisque', 'kiln-wash'];
  const page = (title: string, names: readonly string[]) =>
    `# ${title}\n\n${names.map((topic) => section(`About ${topic}`, topic, 40)).join('\n')}`;
  const pages = {
    'firing.md': page('Firing', topics.slice(0, 4)),
    'glazes.md': page('Glazes', topics.slice(4)),
  };
  for (const [name, text] of Object.entries(pages)) writeFileSync(join(folder, name), text);
}

function index(target = db): { embedded: number; rechunked: boolean; chunks: number; embedder: string } {
  const run = runBatuta(['index', folder, '--db', target, '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).collections[0];
}

function searchAll(target = db): unknown[] {
  return QUESTIONS.map((question) => {
    const run = runBatuta(
      ['oracle', '--rag', '--json', '--db', target, '--collection', 'kiln', question],
      home,
    );
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout).results;
  });
}

describe('vectors of unchanged chunks are kept when pages are chunked again (built CLI)', () => {
  it('embeds nothing again after a new chunking version, and searches answer as before', () => {
    writeFolder();
    const first = index();
    expect(first.embedded).toBeGreaterThan(0);
    const before = searchAll();
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE collections SET chunker = 'heading-480-64-older'").run();
    sqlite.close();
    const again = index();
    expect(again).toMatchObject({ rechunked: true, embedded: 0, chunks: first.chunks });
    expect(searchAll()).toEqual(before);
  });

  it('embeds only the chunks of a changed section', () => {
    const path = join(folder, 'firing.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('cool note 3:', 'cool note 3 (slowly):'));
    const changed = index();
    expect(changed.embedded).toBeGreaterThan(0);
    expect(changed.embedded).toBeLessThan(changed.chunks / 2);
  });
});

const skip = skipWithoutPostgres('reuse-vectors.test.ts');

describe.skipIf(skip)('the same with --db postgres:// (built CLI)', { timeout: 240_000 }, () => {
  // A database for each test: each indexes the folder into an empty store.
  const rechunked = useTestDatabase();
  const edited = useTestDatabase();

  it('embeds nothing again after a new chunking version, and searches answer as before', async () => {
    writeFolder();
    const first = index(rechunked.url);
    expect(first.embedded).toBeGreaterThan(0);
    const before = searchAll(rechunked.url);
    await rechunked.query("UPDATE batuta.collections SET chunker = 'heading-480-64-older'");
    expect(index(rechunked.url)).toMatchObject({ rechunked: true, embedded: 0, chunks: first.chunks });
    expect(searchAll(rechunked.url)).toEqual(before);
  });

  it('keeps the ids of unchanged chunks through a re-chunk, and does not adapt the model again', async () => {
    writeFolder();
    const first = index(edited.url);
    const chunks = async () =>
      (
        await edited.query<{ id: string; key: string }>(
          "SELECT id, headings::text || E'\\n' || text AS key FROM batuta.chunks ORDER BY id",
        )
      ).rows;
    const models = async () =>
      (
        await edited.query<{ model: string; file: string; hash: string }>(
          'SELECT model, file, md5(bytes) AS hash FROM batuta.models ORDER BY model, file',
        )
      ).rows;
    const [chunksBefore, modelsBefore] = [await chunks(), await models()];
    expect(modelsBefore.length).toBeGreaterThan(0);
    // Every page chunked again (a new chunking version) and one section of one page changed.
    await edited.query("UPDATE batuta.collections SET chunker = 'heading-480-64-older'");
    const path = join(folder, 'firing.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('cool note 3:', 'cool note 3 (slowly):'));
    const again = index(edited.url);
    expect(again).toMatchObject({ rechunked: true, embedder: first.embedder });
    const chunksAfter = await chunks();
    const idsBefore = new Map(chunksBefore.map((row) => [row.key, row.id]));
    const kept = chunksAfter.filter((row) => idsBefore.has(row.key));
    const fresh = chunksAfter.filter((row) => !idsBefore.has(row.key));
    expect(fresh.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(chunksAfter.length / 2);
    for (const row of kept) expect(row.id, row.key.slice(0, 60)).toBe(idsBefore.get(row.key));
    const highest = Math.max(...chunksBefore.map((row) => Number(row.id)));
    for (const row of fresh) expect(Number(row.id)).toBeGreaterThan(highest);
    expect(again.embedded).toBe(fresh.length);
    expect(await models()).toEqual(modelsBefore);
  });
});
