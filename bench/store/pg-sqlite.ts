/**
 * The two index stores side by side on one corpus, in one run:
 *   node dist/bench/store/pg-sqlite.js --pg postgres://USER:PASS@HOST:PORT/postgres [--corpus batuta-docs|scale|DIR]
 *     [--root DIR (where the named corpus lives)] [--rounds 3] [--keep (leave the database for EXPLAIN)]
 * The corpus is indexed once by `batuta index --no-dense` into SQLite; the same documents and chunks are then
 * written into a fresh PostgreSQL database (dropped at the end). For every question of the speed set both
 * BM25 legs run on each store (what a search asks of the store: 100 chunks, body and heading-only), and a
 * 224-dimension vector search runs on each store's HNSW (hnswlib file vs pgvector) over seeded random unit
 * vectors, interleaved question by question. Prints BM25 parity (same top 10, largest score difference)
 * and median / p95 milliseconds. Store level only: chunking, embedding and fusion are not timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { VectorIndex } from '../../src/retrieval/dense/hnsw.js';
import { FTS_WEIGHTS, ftsOrMatch } from '../../src/retrieval/sparse/fts-index.js';
import type { Chunk, ScoredChunk } from '../../src/retrieval/types.js';
import type { DocumentWrite } from '../../src/store/index-store.js';
import { IndexStore } from '../../src/store/index-store.js';
import { PgIndexStore } from '../../src/store/postgres/pg-index-store.js';
import { contentWords } from '../../src/text/analyze.js';
import { findRepoRoot } from '../lib/repo.js';
import { speedCorpus } from '../speed/questions.js';
import { summarize } from '../speed/stats.js';

const REPO = findRepoRoot(import.meta.dirname);
const POOL = 100;
const DIMENSION = 224;

function log(line: string): void {
  process.stderr.write(`pg-sqlite: ${line}\n`);
}

/** The documents of the SQLite index as writes, so PostgreSQL gets byte-identical chunks. */
function readDocuments(path: string): DocumentWrite[] {
  const db = new Database(path, { readonly: true });
  try {
    const documents = db
      .prepare('SELECT id, source, hash, size, mtime FROM documents ORDER BY id')
      .all() as Array<{
      id: number;
      source: string;
      hash: string;
      size: number;
      mtime: number;
    }>;
    const chunks = db.prepare('SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal');
    return documents.map((doc) => {
      const rows = chunks.all(doc.id) as Array<Record<string, unknown>>;
      let title = '';
      const written: Chunk[] = rows.map((row) => {
        const headings = JSON.parse(String(row['headings'])) as string[];
        const joined = headings.filter((part) => part !== '').join(' > ');
        const heading = String(row['heading']);
        if (heading !== joined)
          title =
            heading.endsWith(` > ${joined}`) && joined !== ''
              ? heading.slice(0, -joined.length - 3)
              : heading;
        return {
          id: String(row['id']),
          collection: 'bench',
          source: doc.source,
          component: (row['component'] as string | null) ?? null,
          headings,
          lines: [Number(row['line_start']), Number(row['line_end'])],
          text: String(row['text']),
        };
      });
      return { source: doc.source, hash: doc.hash, size: doc.size, mtime: doc.mtime, title, chunks: written };
    });
  } finally {
    db.close();
  }
}

function seededVectors(count: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: DIMENSION }, next);
    const norm = Math.hypot(...vector);
    return vector.map((x) => x / norm);
  });
}

async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const topKeys = (hits: readonly ScoredChunk[], key: (id: string) => string) =>
  hits
    .slice(0, 10)
    .map((hit) => key(hit.chunkId))
    .join('|');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      corpus: { type: 'string' },
      root: { type: 'string' },
      rounds: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  if (values.pg === undefined)
    throw new Error('give --pg postgres://USER:PASS@HOST:PORT/postgres (a superuser URL)');
  const named = speedCorpus(values.corpus ?? 'batuta-docs');
  const corpus = { ...named, root: values.root === undefined ? named.root : resolve(values.root) };
  const rounds = Number(values.rounds ?? 3);
  const folder = mkdtempSync(join(tmpdir(), 'pg-sqlite-'));
  const dbPath = join(folder, 'index.db');
  const database = `batuta_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(values.pg);
  url.pathname = `/${database}`;
  try {
    const bin = resolve(REPO, 'dist/src/cli/main.js');
    const sqliteIndex = await timed(() =>
      spawnSync(
        process.execPath,
        [bin, 'index', corpus.root, '--db', dbPath, '--no-dense', '--name', 'bench'],
        {
          encoding: 'utf8',
        },
      ),
    );
    if (sqliteIndex.value.status !== 0) throw new Error(`batuta index failed: ${sqliteIndex.value.stderr}`);
    const documents = readDocuments(dbPath);
    const sqlite = IndexStore.open(dbPath, { mustExist: true });
    const sqliteId = sqlite.getCollection('bench')!.id;
    const store = await PgIndexStore.open(url.toString(), { create: true });
    const pgId = (await store.saveCollection('bench', corpus.root, 'bench')).id;
    const pgWrite = await timed(async () => {
      for (let i = 0; i < documents.length; i += 500)
        await store.writeDocuments(pgId, documents.slice(i, i + 500));
    });
    const vacuum = await timed(() => store.optimize());
    const chunkCount = documents.reduce((sum, doc) => sum + doc.chunks.length, 0);
    log(
      `${documents.length} documents, ${chunkCount} chunks; batuta index (chunking + FTS5) ${(sqliteIndex.ms / 1000).toFixed(1)} s, PostgreSQL writes of the same chunks ${(pgWrite.ms / 1000).toFixed(1)} s + VACUUM ANALYZE ${(vacuum.ms / 1000).toFixed(1)} s`,
    );

    const reader = new Database(dbPath, { readonly: true });
    const sqliteChunkIds = reader.prepare('SELECT id FROM chunks ORDER BY id').pluck().all() as number[];
    reader.close();
    const pgChunkIds = (await store.pendingChunks(pgId, chunkCount + 1)).map((chunk) => chunk.id);
    const vectors = seededVectors(chunkCount, 42);
    const hnsw = await timed(async () => {
      const index = await VectorIndex.create(DIMENSION, chunkCount);
      for (const [i, id] of sqliteChunkIds.entries()) index.add(id, vectors[i]!);
      return index;
    });
    const pgVectors = await timed(() =>
      store.saveVectors(
        pgId,
        pgChunkIds.map((id, i) => ({ id, vector: vectors[i]! })),
      ),
    );
    log(
      `vectors: hnswlib build ${(hnsw.ms / 1000).toFixed(1)} s, pgvector write + HNSW build ${(pgVectors.ms / 1000).toFixed(1)} s`,
    );

    const sqliteKey = (id: string) => {
      const chunk = sqlite.chunks([Number(id)]).get(Number(id))!;
      return `${chunk.source}:${chunk.lines[0]}`;
    };
    const pgKeys = new Map<string, string>();
    const pgKey = (id: string) => pgKeys.get(id) ?? id;
    const times = {
      sqliteBm25: [] as number[],
      pgBm25: [] as number[],
      hnswlib: [] as number[],
      pgvector: [] as number[],
    };
    let sameTop = 0;
    let compared = 0;
    let largestDiff = 0;
    const queries = seededVectors(corpus.questions.length, 7);
    for (let round = 0; round < rounds; round += 1) {
      for (const [q, question] of corpus.questions.entries()) {
        const words = [...new Set(contentWords(question))];
        const match = ftsOrMatch(words);
        if (match === null) continue;
        const runSqlite = () =>
          timed(() => [
            sqlite.searchText(sqliteId, match, POOL, FTS_WEIGHTS),
            sqlite.searchText(sqliteId, `heading : (${match})`, POOL, FTS_WEIGHTS),
          ]);
        const runPg = () =>
          timed(async () => [
            await store.searchText(pgId, words, POOL, FTS_WEIGHTS),
            await store.searchText(pgId, words, POOL, FTS_WEIGHTS, true),
          ]);
        const first = round % 2 === 0 ? await runSqlite() : await runPg();
        const second = round % 2 === 0 ? await runPg() : await runSqlite();
        const [s, p] = round % 2 === 0 ? [first, second] : [second, first];
        times.sqliteBm25.push(s.ms);
        times.pgBm25.push(p.ms);
        times.hnswlib.push((await timed(() => hnsw.value.search(queries[q]!, POOL))).ms);
        times.pgvector.push((await timed(() => store.searchVectors(pgId, queries[q]!, POOL))).ms);
        if (round > 0) continue;
        const pgChunks = await store.chunks(
          pgId,
          p.value.flat().map((hit) => Number(hit.chunkId)),
        );
        for (const [id, chunk] of pgChunks) pgKeys.set(String(id), `${chunk.source}:${chunk.lines[0]}`);
        for (const leg of [0, 1]) {
          compared += 1;
          if (topKeys(s.value[leg]!, sqliteKey) === topKeys(p.value[leg]!, pgKey)) sameTop += 1;
          const bySqlite = new Map(s.value[leg]!.map((hit) => [sqliteKey(hit.chunkId), hit.score]));
          for (const hit of p.value[leg]!.slice(0, 10)) {
            const other = bySqlite.get(pgKey(hit.chunkId));
            if (other !== undefined) largestDiff = Math.max(largestDiff, Math.abs(other - hit.score));
          }
        }
      }
    }
    const row = (name: string, values: number[]) => {
      const s = summarize(values);
      return `| ${name} | ${s.runs} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} |`;
    };
    process.stdout.write(
      [
        `corpus ${corpus.root}: ${documents.length} documents, ${chunkCount} chunks, ${corpus.questions.length} questions × ${rounds} rounds`,
        `BM25 parity: same top 10 on ${sameTop}/${compared} leg searches; largest top-10 score difference ${largestDiff.toExponential(2)}`,
        '| store search (pool 100) | searches | median ms | p95 ms |',
        '|---|---|---|---|',
        row('SQLite FTS5 bm25(), both legs', times.sqliteBm25),
        row('PostgreSQL BM25 in SQL, both legs', times.pgBm25),
        row('hnswlib file (224-d)', times.hnswlib),
        row('pgvector HNSW (224-d)', times.pgvector),
        '',
      ].join('\n'),
    );
    sqlite.close();
    await store.close();
  } finally {
    if (values.keep) log(`kept database ${database}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
