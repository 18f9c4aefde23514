/**
 * What a document search loads (built CLI): `batuta oracle --rag` over an indexed collection reads its rows,
 * its HNSW file state and its stored fusion choice with hand-written checks, so neither zod, the indexing
 * code nor the PostgreSQL client is compiled by the fresh process; the stored choice is still the one used.
 * Nor are the chunker, the HTML extraction, the specs collection's code or the picture drawing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { writeAdaptableDocs } from './adapted-collection.js';
import { explainSearch, runBatuta } from './run-batuta.js';

/** A module-loading hook that names every module the process loads on stderr. */
const HOOKS = `import { writeSync } from 'node:fs';
export async function load(url, context, next) { writeSync(2, 'LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));`;

/**
 * Code a search of an indexed collection never runs, by a function each part defines: the chunker and the
 * HTML extraction (a search only reads the chunker version a collection recorded, and reads no document),
 * the document selection and the in-memory specs collection's BM25, and the picture drawing.
 */
const UNUSED_BY_SEARCH = [
  /function chunkDocument\d*\(/,
  /function htmlToText\d*\(/,
  /function findFiles\d*\(/,
  /definePrepTasks/,
  /function drawScene\d*\(/,
];

describe('the modules a document search loads (built CLI)', () => {
  const home = tempDir('batuta-search-modules-');
  const db = join(home.path, 'index.db');
  const traced = { NODE_OPTIONS: `--import=${pathToFileURL(join(home.path, 'register.mjs')).href}` };
  afterAll(() => home.remove());
  beforeAll(() => {
    writeFileSync(join(home.path, 'hooks.mjs'), HOOKS);
    writeFileSync(join(home.path, 'register.mjs'), REGISTER);
    writeAdaptableDocs(home.path);
    const indexed = runBatuta(['index', join(home.path, 'docs'), '--name', 'docs', '--db', db], home.path);
    expect(indexed.code, indexed.stderr).toBe(0);
  });

  /** The bundle's files a run loaded, with their text. */
  const loadedChunks = (stderr: string) =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('LOADED file:') && line.includes('/dist/src/cli/'))
      .map((line) => readFileSync(fileURLToPath(line.slice('LOADED '.length)), 'utf8'));

  it('loads neither zod, the indexer, pg nor code it never runs, and answers as without the trace', () => {
    const question = 'How do GPU kernels handle vectors of items?';
    for (const mode of ['hybrid', 'bm25']) {
      const args = [
        'oracle',
        '--rag',
        '--json',
        '--mode',
        mode,
        '--collection',
        'docs',
        '--db',
        db,
        question,
      ];
      const plain = runBatuta(args, home.path);
      const run = runBatuta(args, home.path, traced);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      const chunks = loadedChunks(run.stderr);
      expect(chunks.length).toBeGreaterThan(3);
      expect(chunks.filter((text) => text.includes('ZodType'))).toEqual([]);
      expect(chunks.filter((text) => text.includes('function indexCollection('))).toEqual([]);
      for (const unused of UNUSED_BY_SEARCH)
        expect(chunks.filter((text) => unused.test(text)).map((text) => text.slice(0, 80))).toEqual([]);
      expect(run.stderr).not.toMatch(/LOADED \S*node_modules\/(pg|pgvector|zod)\//);
    }
  });

  it('proves the trace sees zod where it is loaded (the graph oracle parses the knowledge with it)', () => {
    const run = runBatuta(['oracle', '--json', 'GPU training'], home.path, traced);
    expect(run.code, run.stderr).toBe(0);
    expect(loadedChunks(run.stderr).some((text) => text.includes('ZodType'))).toBe(true);
  });

  it("still searches with the collection's stored fusion choice", () => {
    const run = explainSearch(db, 'docs', 'How do GPU kernels handle vectors of items?', home.path);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { fusion: { source: string } }).fusion.source).toBe('collection');
  });
});
