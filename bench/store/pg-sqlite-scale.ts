/**
 * The scale corpus (bench/scale/fetch-corpus.sh: ~22k HTML pages, ~139k chunks) in both stores, one run:
 *   node dist/bench/store/pg-sqlite-scale.js --pg postgres://USER:PASS@HOST:PORT/postgres
 *     [--root bench/cache/scale/html] [--rounds 3] [--order sqlite,postgres]
 * 1. Index time of the whole corpus into each store (indexFolder; indexPgFolder into a fresh database that
 *    is dropped at the end), with the time each phase started (read, adapt, embed, vectors, then what
 *    follows the last progress report: HNSW work and fusion calibration), and PostgreSQL's table sizes.
 * 2. Whole-search latency through one long-lived searcher per store (what `batuta mcp` keeps): the 30
 *    scale questions (bench/speed/questions.ts), `rounds` passes, the store order alternating per question,
 *    after one warm-up pass each.
 * Prints a JSON report; the machine load is reported with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { indexFolder } from '../../src/retrieval/indexing/index-folder.js';
import type { IndexProgress } from '../../src/retrieval/indexing/progress.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { indexPgFolder } from '../../src/retrieval/postgres/pg-indexer.js';
import { createSearcher, type Searcher } from '../../src/retrieval/search/searcher.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { SCALE_QUESTIONS } from '../speed/questions.js';
import { summarize, timeMs } from '../speed/stats.js';

const REPO = findRepoRoot(import.meta.dirname);

const { values } = benchFlags(import.meta.filename, {
  options: {
    pg: { type: 'string' },
    root: { type: 'string', default: resolve(REPO, 'bench/cache/scale/html') },
    rounds: { type: 'string', default: '3' },
    order: { type: 'string', default: 'sqlite,postgres' },
  },
});
requireFlags(import.meta.filename, values, ['pg']);

function log(line: string): void {
  process.stderr.write(`pg-sqlite-scale: ${line} (load ${loadavg()[0]!.toFixed(1)})\n`);
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Seconds from the start of the run to the first report of each phase, and to the end. */
function phaseClock(): { onProgress: (p: IndexProgress) => void; phases: Record<string, number> } {
  const start = performance.now();
  const phases: Record<string, number> = {};
  return {
    phases,
    onProgress: (progress) => {
      if (phases[progress.phase] === undefined) {
        phases[progress.phase] = Number(((performance.now() - start) / 1000).toFixed(1));
        log(`  phase ${progress.phase} at ${phases[progress.phase]} s`);
      }
      phases['lastReport'] = Number(((performance.now() - start) / 1000).toFixed(1));
    },
  };
}

async function indexInto(store: string, dbPath: string, pgUrl: string) {
  const models = createModelProvider();
  const clock = phaseClock();
  const options = { root: values.root, name: 'scale', models, onProgress: clock.onProgress };
  let summary: Awaited<ReturnType<typeof indexFolder>> | undefined;
  const ms = await timeMs(async () => {
    summary =
      store === 'sqlite'
        ? await indexFolder({ ...options, dbPath })
        : await indexPgFolder(pgUrl, { ...options, onWait: () => {} });
  });
  log(`indexed the scale corpus into ${store} in ${(ms / 1000).toFixed(1)} s`);
  return {
    seconds: Number((ms / 1000).toFixed(1)),
    phases: clock.phases,
    files: summary?.files,
    chunks: summary?.chunks,
    embedder: summary?.embedder,
    fusion: summary?.fusion?.chosen ?? null,
    notes: summary?.notes,
  };
}

async function latency(searchers: Record<string, Searcher>, rounds: number) {
  const request = { k: 10, mode: 'hybrid' as const, rerank: true, explain: false };
  const times: Record<string, number[]> = { sqlite: [], postgres: [] };
  const names = ['sqlite', 'postgres'];
  for (const name of names)
    for (const question of SCALE_QUESTIONS) await searchers[name]!.search('scale', { ...request, question });
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, question] of SCALE_QUESTIONS.entries()) {
      for (const name of (i + round) % 2 === 0 ? names : [...names].reverse()) {
        times[name]!.push(await timeMs(() => searchers[name]!.search('scale', { ...request, question })));
      }
    }
  }
  const out: Record<string, { runs: number; median: number; p95: number }> = {};
  for (const name of names) {
    const s = summarize(times[name]!);
    out[name] = { runs: s.runs, median: Number(s.median.toFixed(2)), p95: Number(s.p95.toFixed(2)) };
  }
  return out;
}

async function main(): Promise<void> {
  const name = `batuta_scale_${process.pid}`;
  await withAdmin(values.pg!, (c) => c.query(`CREATE DATABASE ${name}`));
  const pgUrl = new URL(values.pg!);
  pgUrl.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'batuta-scale-bench-'));
  const dbPath = join(dir, 'index.db');
  const loadBefore = loadavg();
  try {
    const index: Record<string, unknown> = {};
    for (const store of values.order.split(','))
      index[store] = await indexInto(store, dbPath, pgUrl.toString());
    const sizes = await withAdmin(pgUrl.toString(), async (c) => {
      const rows = await c.query(
        `SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'batuta' AND c.relkind = 'r'`,
      );
      return Object.fromEntries(rows.rows.map((row) => [row.relname, row.size]));
    });
    const models = createModelProvider();
    const searchers = {
      sqlite: createSearcher({ dbPath, models }),
      postgres: createSearcher({ dbPath: null, postgres: { url: pgUrl.toString(), readUrl: null }, models }),
    };
    const latencyMs = await latency(searchers, Number(values.rounds));
    log(`latency: ${JSON.stringify(latencyMs)}`);
    await Promise.all(Object.values(searchers).map((s) => s.close()));
    const report = { index, postgresTableSizes: sizes, latencyMs, loadBefore, loadAfter: loadavg() };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await withAdmin(values.pg!, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await runBench(import.meta.filename, main);
