import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-rag-');
const db = join(home, 'index.db');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const docs = join(home, 'notes');
  mkdirSync(docs);
  writeFileSync(
    join(docs, 'gpu.md'),
    '# GPU\n\nKernels for matrix multiplication run on the GPU.\n\n## Memory\n\nPinned buffers.\n',
  );
  writeFileSync(join(docs, 'cli.rst'), 'CLI\n===\n\nThe command line prints JSON with --json.\n');
  writeFileSync(join(docs, 'other.txt'), 'Unrelated words about gardening.\n');
  expect(runBatuta(['index', docs, '--db', db], home).code).toBe(0);
});

describe('batuta oracle --rag (built CLI)', () => {
  it('prints the JSON contract for an indexed collection', () => {
    const run = runBatuta(
      ['oracle', '--rag', '--json', 'matrix multiplication GPU', '--collection', 'notes', '--db', db],
      home,
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.query).toBe('matrix multiplication GPU');
    expect(answer.results[0]).toEqual({
      collection: 'notes',
      source: 'gpu.md',
      component: null,
      heading: 'GPU',
      lines: [3, 3],
      score: expect.any(Number),
      snippet: 'Kernels for matrix multiplication run on the GPU.',
    });
  });

  it('says which collections the given index holds when --collection is left out (specs is searched)', () => {
    const run = runBatuta(['oracle', '--rag', '--json', 'matrix multiplication GPU', '--db', db], home);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).collection).toBe('specs');
    expect(run.stderr).toMatch(/searched the shipped specs.*notes.*--collection/);
    const chosen = runBatuta(
      ['oracle', '--rag', 'matrix multiplication GPU', '--collection', 'specs', '--db', db],
      home,
    );
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).not.toMatch(/searched the shipped specs/);
    const missing = runBatuta(
      ['oracle', '--rag', 'matrix multiplication GPU', '--db', join(home, 'none.db')],
      home,
    );
    expect(missing.code).toBe(0);
    expect(missing.stderr).not.toMatch(/searched the shipped specs/);
  });

  it('names the collections of the default index too when --collection is left out', () => {
    const user = tempDir('batuta-rag-default-');
    try {
      cpSync(join(home, 'notes'), join(user, 'notes'), { recursive: true });
      expect(runBatuta(['index', join(user, 'notes'), '--no-dense'], user).code).toBe(0);
      const run = runBatuta(['oracle', '--rag', 'matrix multiplication GPU'], user);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Search "matrix multiplication GPU" in specs:/);
      expect(run.stderr).toMatch(
        /^batuta oracle: searched the shipped specs; this index also holds notes \(add --collection NAME/m,
      );
      const chosen = runBatuta(
        ['oracle', '--rag', 'matrix multiplication GPU', '--collection', 'notes'],
        user,
      );
      expect(chosen.code).toBe(0);
      expect(chosen.stderr).not.toMatch(/searched the shipped specs/);
    } finally {
      rmSync(user, { recursive: true, force: true });
    }
  });

  it('searches the built-in specs with no database, in text and markdown too', () => {
    const json = runBatuta(['oracle', '--rag', '--json', 'train a model on GPU', '-k', '3'], home);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(3);
    expect(answer.results.every((result: { collection: string }) => result.collection === 'specs')).toBe(
      true,
    );
    const text = runBatuta(['oracle', '--rag', 'quality gates of the validation phase'], home);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Search "quality gates of the validation phase" in specs: \d+ results?\n1\. \S+\.md:\d+-\d+/,
    );
    const markdown = runBatuta(['oracle', '--rag', '--format', 'markdown', 'SIMD backend'], home);
    expect(markdown.stdout.startsWith('## Search: SIMD backend\n')).toBe(true);
  });

  it('tells whether results were reranked; a missing reranker is noted only with --explain', () => {
    const plain = runBatuta(['oracle', '--rag', '--json', 'train a model on GPU'], home);
    expect(plain.code).toBe(0);
    const reranked = JSON.parse(plain.stdout).reranked;
    expect(typeof reranked).toBe('boolean');
    expect(plain.stderr).not.toContain('reranker unavailable');
    const explained = runBatuta(['oracle', '--rag', '--json', '--explain', 'train a model on GPU'], home);
    expect(JSON.parse(explained.stdout).reranked).toBe(reranked);
    expect(explained.stderr.includes('reranker unavailable: no reranking model is installed')).toBe(
      !reranked,
    );
    const off = runBatuta(['oracle', '--rag', '--json', '--no-rerank', '--explain', 'train a model'], home);
    expect(JSON.parse(off.stdout).reranked).toBe(false);
    expect(off.stderr).not.toContain('reranker unavailable');
  });

  it("shows each leg's rank with --explain", () => {
    const run = runBatuta(
      ['oracle', '--rag', '--json', '--explain', 'pinned buffers', '--collection', 'notes', '--db', db],
      home,
    );
    expect(JSON.parse(run.stdout).results[0].explain.ranks.bm25).toBe(1);
  });

  it('exits 1 with a note when nothing matches', () => {
    const run = runBatuta(
      ['oracle', '--rag', '--json', '--mode', 'bm25', 'zzzqqq', '--collection', 'notes', '--db', db],
      home,
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).results).toEqual([]);
    expect(run.stderr).toContain('no document matches');
  });

  it('reports an unknown collection, a missing database and bad flags in one line', () => {
    const unknown = runBatuta(['oracle', '--rag', 'gpu', '--collection', 'nope', '--db', db], home);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^batuta oracle: search: collection "nope" is not indexed \(choose one of: specs, notes, or run .*\)\n$/,
    );
    for (const name of ['', '../x']) {
      const invalid = runBatuta(['oracle', '--rag', 'gpu', '--collection', name, '--db', db], home);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toBe(
        `batuta oracle: search: "${name}" cannot be a collection name (choose one of: specs, notes)\n`,
      );
    }
    const noDb = runBatuta(
      ['oracle', '--rag', 'gpu', '--collection', 'notes', '--db', join(home, 'none.db')],
      home,
    );
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('no index at');
    expect(runBatuta(['oracle', '--rag', 'gpu', '-k', '0'], home).code).toBe(2);
    expect(runBatuta(['oracle', '--rag', 'gpu', '--mode', 'sparse'], home).code).toBe(2);
    const empty = runBatuta(['oracle', '--rag', '   '], home);
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('treats -k -1 and --db "" like their neighbours: a range error and an empty-path error, exit 2', () => {
    const negative = runBatuta(['oracle', '--rag', 'gpu', '-k', '-1'], home);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(
      /^batuta oracle: -k "-1" is out of range \(give a whole number from 1 to 100\)\n$/,
    );
    expect(runBatuta(['oracle', '--rag', 'gpu', '--k', '-5'], home).stderr).toContain('out of range');
    for (const collection of ['specs', 'notes']) {
      const emptyDb = runBatuta(['oracle', '--rag', 'gpu', '--collection', collection, '--db', ''], home, {
        BATUTA_DB: db,
      });
      expect(emptyDb.code, collection).toBe(2);
      expect(emptyDb.stderr, collection).toMatch(/^batuta oracle: --db is empty \(.*\)\n$/);
    }
    const emptyIndexDb = runBatuta(['index', join(home, 'notes'), '--db', ''], home);
    expect(emptyIndexDb.code).toBe(2);
    expect(emptyIndexDb.stderr).toContain('--db is empty');
  });

  it('answers a question of only stop words with no results and exit 1, as the oracle does', () => {
    const oracle = runBatuta(['oracle', 'the of and is'], home);
    expect(oracle.code).toBe(1);
    for (const extra of [[], ['--collection', 'notes', '--db', db]]) {
      const rag = runBatuta(['oracle', '--rag', '--json', 'the of and is', ...extra], home);
      expect(rag.code, extra.join(' ')).toBe(1);
      expect(JSON.parse(rag.stdout).results).toEqual([]);
      expect(rag.stderr).toMatch(/^batuta oracle: "the of and is" has only common words.*\n$/);
    }
  });
});
