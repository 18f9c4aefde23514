/**
 * The embedded store (SQLite + HNSW files) and the PostgreSQL store side by side, in one run, through the
 * code the CLI and the MCP server run:
 *   node dist/bench/store/pg-sqlite.js --pg postgres://USER:PASS@HOST:PORT/postgres
 *     [--root /work/shared/corpora/batuta-docs] [--corpora batuta-docs,specs-copy,flask,nodejs] [--rounds 3]
 *     [--http-seconds 15] [--workers 8] [--skip-http]
 * 1. Index time: the batuta-docs corpus, the repo's specs/ folder and the flask and nodejs documentation
 *    (bench/retrieval/fetch-doc-corpora.ts; left out with a note when not fetched), indexed into each store
 *    (indexFolder, and indexPgFolder into a fresh database that is dropped at the end), then re-indexed
 *    unchanged, the stores alternating.
 * 2. Parity: every question of each corpus's question set searched on both, hybrid with the reranker (the
 *    default search) and hybrid without it, k 10: nDCG@10 per store and how many questions get the same
 *    top-10 files.
 * 3. Whole-search latency: the same searches through one long-lived searcher per store (what `batuta mcp`
 *    keeps), `rounds` passes over the batuta-docs questions, the store order alternating per question.
 *    With --parity-only --sqlite-index PATH --pg-index URL: only this, on collections indexed before.
 * 4. HTTP throughput: `batuta mcp --http` servers (1, 2, 3 over the one PostgreSQL database, and one over
 *    SQLite) under the same bounded load of search_docs calls, the configurations alternating per round.
 * Prints a JSON report; the machine load is reported with it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { indexFolder } from '../../src/retrieval/indexing/index-folder.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { indexPgFolder } from '../../src/retrieval/postgres/pg-indexer.js';
import { createSearcher, type Searcher } from '../../src/retrieval/search/searcher.js';
import { benchFlags, refuse, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingDatabase } from '../lib/bench-inputs.js';
import { CUTOFF, mean, ndcgAt } from '../lib/metrics.js';
import { loadQuestionSet, type QuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { DOC_CORPORA, docCorporaCache, docCorpusRoot } from '../retrieval/doc-corpora.js';
import { distinctFiles } from '../retrieval/rankers.js';
import { summarize, timeMs } from '../speed/stats.js';
import { runLoad, startServer } from './http-load.js';

const REPO = findRepoRoot(import.meta.dirname);
const BIN = resolve(REPO, 'dist/src/cli/main.js');
const TOKEN = 'bench-store-token-0123456789';

function log(line: string): void {
  process.stderr.write(`pg-sqlite: ${line} (load ${loadavg()[0]!.toFixed(1)})\n`);
}

const { values } = benchFlags(import.meta.filename, {
  options: {
    pg: { type: 'string' },
    root: { type: 'string', default: '/work/shared/corpora/batuta-docs' },
    rounds: { type: 'string', default: '3' },
    'http-seconds': { type: 'string', default: '15' },
    workers: { type: 'string', default: '8' },
    'skip-http': { type: 'boolean', default: false },
    /** Only the HTTP load, on indexes made before: --pg-index URL and --sqlite-index PATH, collection --collection. */
    'http-only': { type: 'boolean', default: false },
    /** Only the parity, on indexes made before (collections named as the corpora). */
    'parity-only': { type: 'boolean', default: false },
    'pg-index': { type: 'string' },
    'sqlite-index': { type: 'string' },
    collection: { type: 'string', default: 'batuta-docs' },
    'http-rounds': { type: 'string', default: '2' },
    corpora: { type: 'string', default: 'batuta-docs,specs-copy,flask,nodejs' },
  },
});
requireFlags(import.meta.filename, values, ['pg']);

interface Corpus {
  readonly name: string;
  readonly root: string;
  readonly set: QuestionSet;
}

const ALL_CORPORA: Corpus[] = [
  {
    name: 'batuta-docs',
    root: values.root,
    set: loadQuestionSet(resolve(REPO, 'bench/retrieval/batuta-docs-questions.yaml')),
  },
  {
    name: 'specs-copy',
    root: resolve(REPO, 'specs'),
    set: loadQuestionSet(resolve(REPO, 'bench/retrieval/specs-questions.yaml')),
  },
  ...DOC_CORPORA.map((corpus) => ({
    name: corpus.name,
    root: docCorpusRoot(docCorporaCache(REPO), corpus),
    set: loadQuestionSet(resolve(REPO, corpus.questions)),
  })),
];

const CORPORA: Corpus[] = values.corpora.split(',').flatMap((name) => {
  const corpus = ALL_CORPORA.find((c) => c.name === name);
  if (corpus === undefined) {
    const known = ALL_CORPORA.map((c) => c.name).join(', ');
    refuse(import.meta.filename, `--corpora: no corpus "${name}" (known: ${known})`);
  }
  if (existsSync(corpus.root)) return [corpus];
  log(`note: ${name} left out, ${corpus.root} is missing (node dist/bench/retrieval/fetch-doc-corpora.js)`);
  return [];
});

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: values.pg });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Index time of each corpus into each store, first run and an unchanged re-run, stores alternating. */
async function indexBoth(dbPath: string, pgUrl: string) {
  const models = createModelProvider();
  const times: Record<string, number> = {};
  for (const corpus of CORPORA) {
    for (const pass of ['first', 'unchanged']) {
      for (const store of pass === 'first' ? ['sqlite', 'postgres'] : ['postgres', 'sqlite']) {
        const options = { root: corpus.root, name: corpus.name, models };
        const ms = await timeMs(() =>
          store === 'sqlite'
            ? indexFolder({ ...options, dbPath })
            : indexPgFolder(pgUrl, { ...options, onWait: () => {} }),
        );
        times[`${corpus.name} ${pass} ${store}`] = Math.round(ms);
        log(`indexed ${corpus.name} (${pass}) into ${store} in ${Math.round(ms)} ms`);
      }
    }
  }
  return times;
}

const REQUEST = { k: CUTOFF, mode: 'hybrid' as const, rerank: true, explain: false };

/** The searches compared: the default (hybrid with the reranker) and hybrid without it. */
const MODES = { 'hybrid+rerank': REQUEST, hybrid: { ...REQUEST, rerank: false } } as const;

async function topFiles(
  searcher: Searcher,
  collection: string,
  question: string,
  request: typeof REQUEST = REQUEST,
): Promise<string[]> {
  const outcome = await searcher.search(collection, { ...request, question });
  return distinctFiles(
    outcome.results.map((result) => result.source),
    CUTOFF,
  );
}

/** nDCG@10 of both stores on every question set, and how many questions get the same top 10. */
async function parity(sqlite: Searcher, postgres: Searcher) {
  const report: Record<string, unknown> = {};
  for (const [mode, request] of Object.entries(MODES))
    for (const corpus of CORPORA) {
      report[`${corpus.name} ${mode}`] = await parityOf(sqlite, postgres, corpus, mode, request);
    }
  return report;
}

async function parityOf(
  sqlite: Searcher,
  postgres: Searcher,
  corpus: Corpus,
  mode: string,
  request: typeof REQUEST,
) {
  const scores = { sqlite: [] as number[], postgres: [] as number[] };
  let same = 0;
  const differing: string[] = [];
  for (const question of corpus.set.questions) {
    const a = await topFiles(sqlite, corpus.name, question.question, request);
    const b = await topFiles(postgres, corpus.name, question.question, request);
    scores.sqlite.push(ndcgAt(a, question.relevant));
    scores.postgres.push(ndcgAt(b, question.relevant));
    if (JSON.stringify(a) === JSON.stringify(b)) same += 1;
    else differing.push(question.id);
  }
  const [s, p] = [mean(scores.sqlite), mean(scores.postgres)];
  const entry = {
    questions: corpus.set.questions.length,
    ndcgSqlite: Number(s.toFixed(4)),
    ndcgPostgres: Number(p.toFixed(4)),
    difference: Number((p - s).toFixed(4)),
    sameTop10: same,
    sameShare: Number((same / corpus.set.questions.length).toFixed(3)),
    differing,
  };
  log(
    `parity ${corpus.name} ${mode}: nDCG@10 sqlite ${s.toFixed(4)} postgres ${p.toFixed(4)}, same top 10 ${same}/${corpus.set.questions.length}`,
  );
  return entry;
}

/** Whole-search milliseconds on both stores, alternating which goes first per question. */
async function latency(sqlite: Searcher, postgres: Searcher, rounds: number) {
  const times = { sqlite: [] as number[], postgres: [] as number[] };
  const questions = CORPORA[0]!.set.questions.map((q) => q.question);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, question] of questions.entries()) {
      const order =
        (i + round) % 2 === 0 ? (['sqlite', 'postgres'] as const) : (['postgres', 'sqlite'] as const);
      for (const store of order) {
        const searcher = store === 'sqlite' ? sqlite : postgres;
        times[store].push(await timeMs(() => searcher.search(CORPORA[0]!.name, { ...REQUEST, question })));
      }
    }
  }
  const round2 = (s: { runs: number; median: number; p95: number }) => ({
    runs: s.runs,
    median: Number(s.median.toFixed(2)),
    p95: Number(s.p95.toFixed(2)),
  });
  return { sqlite: round2(summarize(times.sqlite)), postgres: round2(summarize(times.postgres)) };
}

/** search_docs throughput of 1, 2 and 3 servers over PostgreSQL and of one over SQLite, alternating per round. */
async function throughput(dbPath: string, pgUrl: string, rounds: number) {
  const env = { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), BATUTA_MCP_TOKEN: TOKEN };
  const configs = [
    { label: 'postgres x1', args: ['--db', pgUrl], count: 1 },
    { label: 'postgres x2', args: ['--db', pgUrl], count: 2 },
    { label: 'postgres x3', args: ['--db', pgUrl], count: 3 },
    { label: 'sqlite x1', args: ['--db', dbPath], count: 1 },
  ];
  const questions = CORPORA[0]!.set.questions.map((q) => q.question);
  const results: Record<string, Array<Awaited<ReturnType<typeof runLoad>>>> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const config of round % 2 === 0 ? configs : [...configs].reverse()) {
      const servers = await Promise.all(
        Array.from({ length: config.count }, () => startServer(BIN, config.args, env)),
      );
      try {
        // Warm each server (models, connections) before the measured load.
        await runLoad(servers, {
          workers: config.count,
          seconds: 2,
          collection: values.collection,
          questions,
          token: TOKEN,
        });
        const result = await runLoad(servers, {
          workers: Number(values.workers),
          seconds: Number(values['http-seconds']),
          collection: values.collection,
          questions,
          token: TOKEN,
        });
        results[config.label] = [...(results[config.label] ?? []), result];
        log(
          `${config.label}: ${result.perSecond.toFixed(1)} searches/s, ${result.errors} errors, p50 ${result.p50.toFixed(1)} ms, machine busy ${(100 * result.machineBusy).toFixed(0)} %, CPU ms/search: server ${result.serverCpuMsPerSearch.toFixed(1)}, postgres ${result.postgresCpuMsPerSearch.toFixed(1)}, clients ${result.clientCpuMsPerSearch.toFixed(1)}`,
        );
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
  }
  return results;
}

async function main(): Promise<void> {
  const name = `batuta_bench_${process.pid}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const pgUrl = new URL(values.pg!);
  pgUrl.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'batuta-store-bench-'));
  const dbPath = join(dir, 'index.db');
  const loadBefore = loadavg();
  try {
    const indexMs = await indexBoth(dbPath, pgUrl.toString());
    const models = createModelProvider();
    const sqlite = createSearcher({ dbPath, models });
    const postgres = createSearcher({
      dbPath: null,
      postgres: { url: pgUrl.toString(), readUrl: null },
      models,
    });
    const parityReport = await parity(sqlite, postgres);
    const latencyReport = await latency(sqlite, postgres, Number(values.rounds));
    log(`latency: ${JSON.stringify(latencyReport)}`);
    await Promise.all([sqlite.close(), postgres.close()]);
    const http = values['skip-http']
      ? null
      : await throughput(dbPath, pgUrl.toString(), Number(values['http-rounds']));
    const report = {
      indexMs,
      parity: parityReport,
      latencyMs: latencyReport,
      http,
      loadBefore,
      loadAfter: loadavg(),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/** Parity only, on indexes made before: the answers of both stores, question by question. */
async function parityOnly(sqliteIndex: string, pgIndex: string): Promise<void> {
  const models = createModelProvider();
  const sqlite = createSearcher({ dbPath: existingDatabase(sqliteIndex), models });
  const postgres = createSearcher({ dbPath: null, postgres: { url: pgIndex, readUrl: null }, models });
  const report = await parity(sqlite, postgres);
  await Promise.all([sqlite.close(), postgres.close()]);
  process.stdout.write(`${JSON.stringify({ parity: report, loadAfter: loadavg() }, null, 2)}\n`);
}

/** The HTTP load only, on indexes made before. */
async function httpOnly(sqliteIndex: string, pgIndex: string): Promise<void> {
  const loadBefore = loadavg();
  const http = await throughput(existingDatabase(sqliteIndex), pgIndex, Number(values['http-rounds']));
  process.stdout.write(`${JSON.stringify({ http, loadBefore, loadAfter: loadavg() }, null, 2)}\n`);
}

if (values['parity-only'] || values['http-only'])
  requireFlags(import.meta.filename, values, ['pg-index', 'sqlite-index']);
await runBench(import.meta.filename, () => {
  if (values['parity-only']) return parityOnly(values['sqlite-index']!, values['pg-index']!);
  if (values['http-only']) return httpOnly(values['sqlite-index']!, values['pg-index']!);
  return main();
});
