/**
 * A collection whose HNSW file is damaged (random bytes in the middle, or cut short) through the real entry
 * points: searches with the built CLI and `search_docs` over stdio answer from BM25 with a note naming
 * `batuta index`, and running that command repairs the file so the dense leg serves again.
 */
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { clientFor, tempDir } from '../mcp/harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const QUESTIONS = ['GPU kernels for vectors', 'search words in details', 'item7 section'];
/** The reranker reads the word vectors for questions phrased as questions only. */
const NATURAL = 'How do GPU kernels handle vectors?';

/** The collection's one HNSW file. */
function hnswFile(home: string): string {
  const name = readdirSync(home).find((entry) => /^index\.db\.docs\.[0-9a-f]{12}\.hnsw$/.test(entry));
  if (name === undefined) throw new Error('no HNSW file was written');
  return join(home, name);
}

/** Overwrites 4 KiB in the middle of a file with seeded pseudo-random bytes. */
function scramble(path: string): void {
  const bytes = readFileSync(path);
  let state = 16;
  const start = Math.floor(bytes.length / 2);
  for (let i = start; i < Math.min(bytes.length, start + 4096); i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  writeFileSync(path, bytes);
}

function search(home: string, db: string, question: string, mode = 'hybrid') {
  const run = runBatuta(
    ['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, '--mode', mode, question],
    home,
  );
  return { ...run, results: run.code === 0 ? (JSON.parse(run.stdout).results as unknown[]) : [] };
}

describe('a damaged HNSW file (built CLI)', () => {
  const home = tempDir('batuta-damaged-');
  const db = join(home.path, 'index.db');
  afterAll(() => home.remove());
  beforeAll(() => {
    writeDocs(home.path);
    expect(runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path).code).toBe(
      0,
    );
  });

  for (const [damage, apply] of [
    ['random bytes in the middle', scramble],
    ['cut to half its size', (path: string) => truncateSync(path, Math.floor(readFileSync(path).length / 2))],
  ] as const) {
    it(`${damage}: searches answer from BM25 with a note, and batuta index repairs it`, () => {
      apply(hnswFile(home.path));
      for (const question of QUESTIONS) {
        const run = search(home.path, db, question);
        expect(run.code, run.stderr).toBe(0);
        expect(run.results.length).toBeGreaterThan(0);
        expect(run.stderr).toMatch(/searching with BM25 only/);
        expect(run.stderr).toMatch(/run "batuta index"/);
      }
      const dense = search(home.path, db, QUESTIONS[0]!, 'dense');
      expect(dense.code).not.toBeNull();
      expect(dense.stderr).toMatch(/batuta index/);
      const repair = runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path);
      expect(repair.code, repair.stderr).toBe(0);
      expect(repair.stderr).toMatch(/repaired: the vector file .* was damaged/);
      const after = search(home.path, db, QUESTIONS[0]!, 'dense');
      expect(after.code, after.stderr).toBe(0);
      expect(after.results.length).toBeGreaterThan(0);
      expect(after.stderr).toBe('');
    });
  }
});

/** A file of the collection's current adapted model. */
function adaptedFile(home: string, file: string): string {
  const modelDir = join(home, 'index.db.docs.model');
  const { version } = JSON.parse(readFileSync(join(modelDir, 'current.json'), 'utf8')) as { version: string };
  return join(modelDir, version, file);
}

describe('a damaged adapted model (built CLI)', () => {
  const home = tempDir('batuta-damaged-model-');
  const db = join(home.path, 'index.db');
  afterAll(() => home.remove());
  beforeAll(() => {
    writeDocs(home.path);
    expect(runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path).code).toBe(
      0,
    );
  });

  for (const [file, symptom] of [
    ['word-embedder.onnx', /dense leg unavailable: .*word-embedder\.onnx is corrupt/],
    ['word-embedder.vectors.bin', /reranker failed.*word-embedder\.vectors\.bin is corrupt/],
  ] as const) {
    it(`${file} with flipped bytes: searches say so and name batuta index, which adapts it again`, () => {
      scramble(adaptedFile(home.path, file));
      // The reranker is what reads the word vectors (for a natural question); this collection may have
      // chosen not to rerank (its fusion choice), so it searches here as a collection without a choice does.
      forgetFusionChoice(db);
      const before = search(home.path, db, NATURAL);
      expect(before.code, before.stderr).toBe(0);
      expect(before.results.length).toBeGreaterThan(0);
      expect(before.stderr).toMatch(symptom);
      expect(before.stderr).toMatch(/run "batuta index" on this collection again/);
      const repair = runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path);
      expect(repair.code, repair.stderr).toBe(0);
      expect(repair.stderr).toMatch(/repaired: the adapted model was damaged/);
      const after = search(home.path, db, QUESTIONS[0]!, 'dense');
      expect(after.code, after.stderr).toBe(0);
      expect(after.results.length).toBeGreaterThan(0);
      expect(after.stderr).toBe('');
      expect(search(home.path, db, NATURAL).stderr).toBe('');
    });
  }
});

describe('a damaged HNSW file (batuta mcp over stdio)', () => {
  const home = tempDir('batuta-damaged-mcp-');
  const db = join(home.path, 'index.db');
  let client: Client;
  beforeAll(async () => {
    writeDocs(home.path);
    expect(runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path).code).toBe(
      0,
    );
    scramble(hnswFile(home.path));
    client = clientFor('2025-11-25', 'damage');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: home.path,
        env: { PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_DB: db },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('search_docs answers from BM25 with a note, the server lives on, and picks up the repair', async () => {
    const searchDocs = async (mode: string) =>
      (
        await client.callTool({
          name: 'search_docs',
          arguments: { query: QUESTIONS[0], collection: 'docs', mode },
        })
      ).structuredContent as { results: unknown[]; notes: string[] } | undefined;
    for (let round = 0; round < 3; round += 1) {
      const found = await searchDocs('hybrid');
      expect(found?.results.length).toBeGreaterThan(0);
      expect(found?.notes.join(' ')).toMatch(/call index_collection/);
    }
    const dense = await client.callTool({
      name: 'search_docs',
      arguments: { query: QUESTIONS[0], collection: 'docs', mode: 'dense' },
    });
    expect(dense.isError).toBe(true);
    expect(JSON.stringify(dense.content)).toMatch(/call index_collection/);
    expect((await searchDocs('bm25'))?.results.length).toBeGreaterThan(0);
    const repair = await client.callTool({
      name: 'index_collection',
      arguments: { folder: join(home.path, 'docs'), name: 'docs' },
    });
    expect(repair.isError, JSON.stringify(repair.content)).toBeFalsy();
    const repaired = await searchDocs('dense');
    expect(repaired?.results.length).toBeGreaterThan(0);
    expect(repaired?.notes).toEqual([]);
  });
});

/** Forty small documents in `home`/docs. */
function forgetFusionChoice(db: string): void {
  const sqlite = new Database(db);
  sqlite.prepare("DELETE FROM meta WHERE key LIKE 'fusion:%'").run();
  sqlite.close();
}

function writeDocs(home: string): void {
  const docs = join(home, 'docs');
  mkdirSync(docs);
  for (let i = 0; i < 40; i += 1) {
    writeFileSync(
      join(docs, `t${i}.md`),
      `# Topic ${i}\n\nSection about item${i} and vectors, GPU kernels number ${i}.\n\n## Details ${i}\n\nMore text on thing${i} with search words.\n`,
    );
  }
}
