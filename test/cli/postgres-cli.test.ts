import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  skipWithoutPostgres,
  startReplica,
  useTestDatabase,
  waitForReplay,
  withDatabase,
} from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-cli.test.ts');

const home = tempDir('batuta-pg-cli-');
const docs = join(home, 'notes');
mkdirSync(join(docs, 'guide'), { recursive: true });
writeFileSync(
  join(docs, 'gpu.md'),
  '# GPU kernels\n\nMatrix multiplication runs on the GPU with pinned buffers.\n\n## Latency\n\nKernel launch latency matters for small matrices.\n',
);
writeFileSync(
  join(docs, 'guide', 'search.md'),
  '# Vector search\n\nHNSW graphs answer nearest-neighbour queries; BM25 ranks words.\n',
);
writeFileSync(
  join(docs, 'net.txt'),
  'Streaming replicas answer read queries while the primary takes writes. x86_64 builds.\n',
);
writeFileSync(
  join(docs, 'tool.py'),
  'def rank(items):\n    """Rank search results by score."""\n    return sorted(items)\n',
);

const QUESTIONS = [
  'matrix multiplication GPU',
  'nearest neighbour search',
  'replicas read queries',
  'rank results x86_64',
];

type Result = { source: string; lines: [number, number]; score: number };
type Explained = Result & { explain: { bm25?: number } };

/**
 * Same chunks in the same order with the same scores to 1e-3: pgvector computes cosine distances from its
 * float4 vectors in its own way, hnswlib in another, and min-max normalisation over five chunks magnifies
 * differences in the last float digits.
 */
function expectSameResults(fromPg: string, fromSqlite: string): void {
  const a: Result[] = JSON.parse(fromPg).results;
  const b: Result[] = JSON.parse(fromSqlite).results;
  expect(a.length).toBeGreaterThan(0);
  expect(a.map((r) => [r.source, r.lines])).toEqual(b.map((r) => [r.source, r.lines]));
  for (const [i, r] of a.entries()) expect(Math.abs(r.score - b[i]!.score)).toBeLessThan(1e-3);
}

/** Each test spawns the built CLI many times (models load in every one): minutes on a loaded 2-core machine. */
const SPAWNS_TIMEOUT = 240_000;

describe.skipIf(skip)(
  'batuta index, oracle --rag and collections with --db postgres:// (built CLI)',
  { timeout: SPAWNS_TIMEOUT },
  () => {
    const db = useTestDatabase({ home });
    const sqlite = join(home, 'index.db');

    const query = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> =>
      (await db.query<T>(text)).rows;

    it('indexes with vectors and an adapted model in the database', async () => {
      const first = runBatuta(['index', docs, '--db', db.url, '--json'], home);
      expect(first.code).toBe(0);
      const summary = JSON.parse(first.stdout);
      const target = new URL(db.url);
      expect(summary.db).toBe(`postgres://${target.host}${target.pathname}`);
      expect(first.stdout + first.stderr).not.toContain(target.password);
      expect(summary.collections[0]).toMatchObject({ collection: 'notes', files: 4, added: 4, embedded: 5 });
      const embedder: string = summary.collections[0].embedder;
      expect(embedder).toMatch(/^sif-w2v\//);
      const models = await query<{ model: string; files: string }>(
        'SELECT model, count(*) AS files FROM batuta.models GROUP BY model',
      );
      expect(models).toEqual([{ model: embedder, files: expect.any(String) }]);
      expect(Number(models[0]!.files)).toBeGreaterThanOrEqual(4);
      expect(runBatuta(['index', docs, '--db', sqlite, '--json'], home).code).toBe(0);
    });

    it('ranks BM25 searches as the embedded store does, with the same BM25 scores', () => {
      for (const question of QUESTIONS) {
        const args = [
          'oracle',
          '--rag',
          '--json',
          '--explain',
          question,
          '--collection',
          'notes',
          '--mode',
          'bm25',
        ];
        const fromPg = JSON.parse(runBatuta([...args, '--db', db.url], home).stdout).results as Explained[];
        const fromSqlite = JSON.parse(runBatuta([...args, '--db', sqlite], home).stdout)
          .results as Explained[];
        expect(fromPg.length).toBeGreaterThan(0);
        expect(fromPg.map((r) => [r.source, r.lines])).toEqual(fromSqlite.map((r) => [r.source, r.lines]));
        for (const [i, r] of fromPg.entries())
          expect(r.explain.bm25).toBeCloseTo(fromSqlite[i]!.explain.bm25!, 6);
      }
    });

    it('answers hybrid and dense searches with the fusion it stored, as the embedded store does', () => {
      for (const mode of ['hybrid', 'dense']) {
        const run = runBatuta(
          [
            'oracle',
            '--rag',
            '--json',
            '--explain',
            QUESTIONS[0]!,
            '--collection',
            'notes',
            '--mode',
            mode,
            '--db',
            db.url,
          ],
          home,
        );
        expect(run.code).toBe(0);
        const answer = JSON.parse(run.stdout);
        expect(answer.results[0].source).toBe('gpu.md');
        // Four small files give too few pseudo-questions to prove any fusion better than the safe one,
        // the fusion nearest BM25: that is the stored choice.
        expect(answer.fusion).toMatchObject({ source: 'collection', firstStage: 'convex dense 0.1' });
        const args = ['oracle', '--rag', '--json', QUESTIONS[1]!, '--collection', 'notes', '--mode', mode];
        expectSameResults(
          runBatuta([...args, '--db', db.url], home).stdout,
          runBatuta([...args, '--db', sqlite], home).stdout,
        );
      }
    });

    it('re-indexes incrementally: only the changed file is read and embedded, with the same model', async () => {
      writeFileSync(
        join(docs, 'net.txt'),
        'Streaming replicas answer read queries. Writes go to the primary.\n',
      );
      const again = runBatuta(['index', docs, '--db', db.url, '--json'], home);
      const before = await query<{ model: string }>('SELECT DISTINCT model FROM batuta.models');
      expect(JSON.parse(again.stdout).collections[0]).toMatchObject({
        added: 0,
        updated: 1,
        unchanged: 3,
        removed: 0,
        embedder: before[0]!.model,
        embedded: 1,
      });
      const vectors = await query<{ n: string; v: string }>(
        'SELECT count(*) AS n, count(embedding) AS v FROM batuta.chunks',
      );
      expect(vectors).toEqual([{ n: '5', v: '5' }]);
      expect(runBatuta(['index', docs, '--db', sqlite], home).code).toBe(0);
      const args = ['oracle', '--rag', '--json', QUESTIONS[2]!, '--collection', 'notes', '--mode', 'bm25'];
      expectSameResults(
        runBatuta([...args, '--db', db.url], home).stdout,
        runBatuta([...args, '--db', sqlite], home).stdout,
      );
    });

    it('lists, renames and removes collections in the database', async () => {
      const listed = runBatuta(['collections', '--db', db.url, '--json'], home);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout).collections).toMatchObject([
        { name: 'notes', folder: docs, files: 4, chunks: 5, skipped: 0 },
      ]);
      expect(runBatuta(['collections', 'rename', 'notes', 'kept', '--db', db.url], home).code).toBe(0);
      const search = runBatuta(
        ['oracle', '--rag', '--json', QUESTIONS[0]!, '--collection', 'kept', '--db', db.url],
        home,
      );
      expect(search.code).toBe(0);
      expect(JSON.parse(search.stdout).results[0].source).toBe('gpu.md');
      expect(runBatuta(['index', docs, '--name', 'other', '--db', db.url, '--no-dense'], home).code).toBe(0);
      const taken = runBatuta(['collections', 'rename', 'kept', 'other', '--db', db.url], home);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toMatch(/^batuta collections: "other" already exists \(remove it first .*\)\n$/);
      expect(runBatuta(['collections', 'remove', 'other', '--db', db.url], home).code).toBe(0);
      const same = runBatuta(['collections', 'rename', 'kept', 'kept', '--db', db.url], home);
      expect(same.code).toBe(2);
      expect(same.stderr).toMatch(/same name "kept" \(give a different NEW name\)/);
      expect(runBatuta(['collections', 'remove', 'kept', '--db', db.url], home).code).toBe(0);
      expect(await query('SELECT 1 FROM batuta.chunks UNION ALL SELECT 1 FROM batuta.models')).toEqual([]);
      expect(await query("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'chunks_hnsw%'")).toEqual([]);
      const gone = runBatuta(['collections', 'remove', 'kept', '--db', db.url], home);
      expect(gone.code).toBe(2);
      expect(gone.stderr).toMatch(/^batuta collections: no collection "kept"/);
      expect(runBatuta(['index', docs, '--db', db.url], home).code).toBe(0);
    });

    it('sends searches to a streaming replica with --db-read', async () => {
      const replica = await startReplica();
      try {
        const replicaUrl = withDatabase(replica.url, new URL(db.url).pathname.slice(1));
        await waitForReplay(db.url, replicaUrl, replica);
        const args = ['oracle', '--rag', '--json', QUESTIONS[0]!, '--collection', 'notes', '--db', db.url];
        const primary = runBatuta(args, home);
        const viaReplica = runBatuta([...args, '--db-read', replicaUrl], home);
        expect(viaReplica.code).toBe(0);
        expectSameResults(viaReplica.stdout, primary.stdout);
        // The replica really answers: a database the replica does not have makes the search fail.
        const wrongReplica = runBatuta(
          [...args, '--db-read', withDatabase(replica.url, 'batuta_missing')],
          home,
        );
        expect(wrongReplica.code).toBe(1);
        expect(wrongReplica.stderr).toMatch(/does not exist/);
      } finally {
        await replica.stop();
      }
    });

    it('says in one line what is wrong with the database and changes nothing', async () => {
      const unknown = runBatuta(['oracle', '--rag', 'gpu', '--collection', 'nope', '--db', db.url], home);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(
        /^batuta oracle: search: collection "nope" is not indexed \(choose one of: specs, notes/,
      );
      const wrong = new URL(db.url);
      wrong.password = 'wrong-password';
      for (const run of [
        runBatuta(['index', docs, '--db', wrong.toString()], home),
        runBatuta(['oracle', '--rag', 'gpu', '--collection', 'notes', '--db', wrong.toString()], home),
        runBatuta(['collections', '--db', wrong.toString()], home),
      ]) {
        expect(run.code).toBe(1);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/password was refused/);
        expect(run.stderr).not.toContain('wrong-password');
      }
      const check = runBatuta(['index', '--check', '--db', db.url], home);
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(/^batuta index: --check works on the embedded index only/);
      const other = await createTestDatabase();
      const admin = new pg.Client({ connectionString: other.url });
      await admin.connect();
      try {
        await admin.query(
          "CREATE SCHEMA batuta; CREATE TABLE batuta.documents (title text); INSERT INTO batuta.documents VALUES ('keep me')",
        );
        for (const run of [
          runBatuta(['index', docs, '--db', other.url], home),
          runBatuta(['collections', '--db', other.url], home),
        ]) {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/has a schema "batuta" that batuta did not make \(use another database/);
        }
        expect((await admin.query('SELECT title FROM batuta.documents')).rows).toEqual([
          { title: 'keep me' },
        ]);
      } finally {
        await admin.end();
        await other.drop();
      }
    });
  },
);
