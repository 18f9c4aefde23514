/**
 * `batuta oracle --rag` remembers the model and HNSW files it verified (under the user cache folder) and
 * checks a file again once it has been written: a file damaged after a search is still found out by the next one.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { modelVersionDir, writeAdaptableDocs } from './adapted-collection.js';
import { runBatuta } from './run-batuta.js';

/** Phrased as a question, so the reranker reads the word vectors (keyword questions leave them unread). */
const QUESTION = 'How do GPU kernels handle vectors?';

describe('model files verified once per write (built CLI)', () => {
  const home = tempDir('batuta-stamps-');
  const db = join(home.path, 'index.db');
  const verified = join(home.path, '.cache', 'batuta', 'verified');
  const search = () =>
    runBatuta(['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, QUESTION], home.path);
  afterAll(() => home.remove());
  beforeAll(() => {
    writeAdaptableDocs(home.path);
    expect(runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path).code).toBe(
      0,
    );
    // The reranker reads the word vectors; search as a collection without a stored fusion choice does.
    const sqlite = new Database(db);
    sqlite.prepare("DELETE FROM meta WHERE key LIKE 'fusion:%'").run();
    sqlite.close();
  });

  it('remembers the files of the model it searched with, and answers the same from memory', () => {
    const keyword = runBatuta(
      ['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, 'GPU kernels for vectors'],
      home.path,
    );
    expect(keyword.code, keyword.stderr).toBe(0);
    // A keyword question needs the embedder's graph and words and the collection's HNSW file, not the
    // embedder's vectors.
    expect(readdirSync(verified)).toHaveLength(3);
    const first = search();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    // A natural question also reads the adapted vectors and the reranker's translation table.
    expect(readdirSync(verified)).toHaveLength(5);
    const second = search();
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
  });

  it('finds out a model file damaged after a search', () => {
    expect(search().stderr).toBe('');
    const path = join(modelVersionDir(home.path, 'docs'), 'word-embedder.vectors.bin');
    const bytes = readFileSync(path);
    const at = Math.floor(bytes.length / 3);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    const after = search();
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/word-embedder\.vectors\.bin is corrupt/);
  });

  it('finds out an HNSW file damaged after a search', () => {
    // (The model damaged above is still damaged: the reranker's note stays the same throughout.)
    const before = search();
    expect(before.code, before.stderr).toBe(0);
    const [file] = readdirSync(home.path).filter((entry) =>
      /^index\.db\.docs\.[0-9a-f]{12}\.hnsw$/.test(entry),
    );
    const path = join(home.path, file!);
    const bytes = readFileSync(path);
    const damaged = Buffer.from(bytes);
    const at = bytes.length - 9;
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(path, damaged);
    const after = search();
    writeFileSync(path, bytes);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/vector file of "docs" is damaged/);
    const restored = search();
    expect(restored.stdout).toBe(before.stdout);
    expect(restored.stderr).toBe(before.stderr);
  });
});
