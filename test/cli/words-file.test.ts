/**
 * The words file of an adapted model (src/retrieval/dense/word-table.ts), through the built CLI: `batuta index`
 * writes it beside the vocabulary text, a search reads it and answers exactly as from the text (a model
 * written before words files), a damaged one is named with the command that rebuilds it, and it follows
 * the collection when renamed.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { modelVersionDir, writeAdaptableDocs } from './adapted-collection.js';
import { explainSearch, runBatuta } from './run-batuta.js';

const WORDS = 'word-embedder.words.bin';
/** Phrased as a question, so the reranker's soft matching looks the head's words up too. */
const QUESTION = 'How do GPU kernels handle vectors of items?';

function manifestFiles(dir: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> })
    .files;
}

describe('the words file of an adapted model (built CLI)', () => {
  const home = tempDir('batuta-words-');
  const db = join(home.path, 'index.db');
  const search = (collection = 'docs') => explainSearch(db, collection, QUESTION, home.path);
  afterAll(() => home.remove());
  beforeAll(() => {
    writeAdaptableDocs(home.path);
    const indexed = runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path);
    expect(indexed.code, indexed.stderr).toBe(0);
    // The reranker reads the word vectors; search as a collection without a stored fusion choice does.
    const sqlite = new Database(db);
    sqlite.prepare("DELETE FROM meta WHERE key LIKE 'fusion:%'").run();
    sqlite.close();
  });

  it('is written by batuta index and answers exactly as the vocabulary text of an older model', () => {
    const dir = modelVersionDir(home.path, 'docs');
    expect(Object.keys(manifestFiles(dir))).toContain(WORDS);
    const withWords = search();
    expect(withWords.code, withWords.stderr).toBe(0);
    expect(withWords.stderr).toBe('');
    expect(JSON.parse(withWords.stdout).results.length).toBeGreaterThan(0);
    // The same model as written before words files: no file, no manifest entry.
    const manifest = readFileSync(join(dir, 'manifest.json'));
    const saved = join(home.path, 'words.saved');
    copyFileSync(join(dir, WORDS), saved);
    const files = manifestFiles(dir);
    delete files[WORDS];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }));
    rmSync(join(dir, WORDS));
    const fromText = search();
    writeFileSync(join(dir, 'manifest.json'), manifest);
    copyFileSync(saved, join(dir, WORDS));
    expect(fromText.code, fromText.stderr).toBe(0);
    expect(fromText.stderr).toBe('');
    expect(fromText.stdout).toBe(withWords.stdout);
  });

  it('is named with the command that rebuilds it when damaged, and the search still answers', () => {
    const path = join(modelVersionDir(home.path, 'docs'), WORDS);
    const bytes = readFileSync(path);
    const damaged = Buffer.from(bytes);
    const at = Math.floor(damaged.length / 2);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(path, damaged);
    const after = search();
    writeFileSync(path, bytes);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toContain(`${WORDS} is corrupt`);
    expect(after.stderr).toContain('batuta index');
    expect(JSON.parse(after.stdout).results.length).toBeGreaterThan(0);
  });

  it('follows the collection when renamed', () => {
    const before = search();
    const renamed = runBatuta(['collections', 'rename', 'docs', 'notes', '--db', db], home.path);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(existsSync(join(modelVersionDir(home.path, 'notes'), WORDS))).toBe(true);
    const after = search('notes');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout).results).toEqual(
      JSON.parse(before.stdout).results.map((r: { collection: string }) => ({ ...r, collection: 'notes' })),
    );
  });
});
