/**
 * Retrieval speed bench (issue 3's Speed targets):
 *   node dist/bench/speed/retrieval-speed.js [--corpus scale|batuta-docs|DIR] [--runs N] [--rounds N] [--json]
 * Times, on one corpus: the full index into a fresh database (including embeddings), a no-change
 * re-index, a one-changed-file re-index, warm searches per mode in a separate serving process (with its
 * resident memory) beside the FTS5 baselines, and `batuta oracle --rag --json` as a fresh process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFiles } from '../../src/retrieval/documents/selection.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { speedCorpus } from './questions.js';
import { type Summary, summarize } from './stats.js';
import { BENCH_COLLECTION as NAME, type TimedIndex, timedIndex } from './timed-index.js';

const REPO = findRepoRoot(import.meta.dirname);

async function indexOnce(dbPath: string, root: string): Promise<TimedIndex> {
  const run = await timedIndex(dbPath, root);
  const { summary } = run;
  log(
    `index: ${run.seconds.toFixed(2)} s, ${summary.updated + summary.added} files (re)indexed, ${summary.chunks} chunks`,
  );
  return run;
}

function log(line: string): void {
  process.stderr.write(`speed: ${line}\n`);
}

async function repeatedIndex(dbPath: string, root: string, runs: number, change?: string): Promise<Summary> {
  const values: number[] = [];
  const original = change === undefined ? null : readFileSync(change);
  try {
    for (let run = 0; run < runs; run += 1) {
      if (change !== undefined)
        writeFileSync(change, Buffer.concat([original!, Buffer.from(`\n<!-- speed ${run} -->\n`)]));
      const { seconds, summary } = await indexOnce(dbPath, root);
      if (change !== undefined && summary.updated !== 1)
        throw new Error(`expected one updated file, got ${summary.updated}`);
      values.push(seconds * 1000);
    }
  } finally {
    if (original !== null) writeFileSync(change!, original);
  }
  return summarize(values);
}

function freshProcess(dbPath: string, question: string, runs: number): Summary & { failures: string[] } {
  const bin = resolve(REPO, 'dist/src/cli/main.js');
  const args = [bin, 'oracle', '--rag', '--json', question, '--collection', NAME, '--db', dbPath];
  const values: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status === 0) values.push(performance.now() - start);
    else failures.push(`exit ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  }
  return { ...summarize(values), failures };
}

function serve(dbPath: string, questions: readonly string[], rounds: number, dir: string): unknown {
  const file = join(dir, 'questions.json');
  writeFileSync(file, JSON.stringify(questions));
  const script = resolve(REPO, 'dist/bench/speed/serve-search.js');
  return JSON.parse(
    execFileSync(process.execPath, [script, dbPath, NAME, file, String(rounds)], { encoding: 'utf8' }),
  );
}

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      corpus: { type: 'string', default: 'batuta-docs' },
      runs: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'boolean' },
    },
  });
  const corpus = speedCorpus(values.corpus!);
  const runs = Number(values.runs);
  const dir = mkdtempSync(join(tmpdir(), 'batuta-speed-'));
  const dbPath = join(dir, 'index.db');
  try {
    const full = await indexOnce(dbPath, corpus.root);
    log(`full index phases: ${JSON.stringify(full.phases)}`);
    // Adaptation on its own (first to last adapt progress report), apart from the rest of the index time.
    const adaptSeconds = (full.phases['adaptDoneAtS'] ?? 0) - (full.phases['adaptStartS'] ?? 0);
    const noChange = await repeatedIndex(dbPath, corpus.root, runs);
    const changed = findFiles(corpus.root)[0]!.path;
    const oneChanged = await repeatedIndex(dbPath, corpus.root, runs, changed);
    const serving = serve(dbPath, corpus.questions, Number(values.rounds), dir);
    log(`serving: ${JSON.stringify(serving)}`);
    const fresh = freshProcess(dbPath, corpus.questions[0]!, runs);
    const report = {
      command: `node dist/bench/speed/retrieval-speed.js --corpus ${values.corpus} --runs ${runs} --rounds ${values.rounds}`,
      corpus: corpus.root,
      full: {
        seconds: full.seconds,
        adaptSeconds,
        withoutAdaptSeconds: full.seconds - adaptSeconds,
        phases: full.phases,
        ...full.summary,
        skipped: full.summary.skipped.length,
      },
      noChangeMs: noChange,
      oneChangedMs: oneChanged,
      serving,
      freshProcessMs: fresh,
    };
    process.stdout.write(`${JSON.stringify(report, null, values.json ? 2 : 0)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runBench(import.meta.filename, main);
