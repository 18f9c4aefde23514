/**
 * Recommendation speed: in-process `answer()` latency over the question set (p50/p95 of every call
 * across repeated rounds), the one-off cost of loading the knowledge and compiling the oracle, and the
 * wall time of a fresh `batuta oracle --json` process (median and p95 of 10 runs after a warm-up), with
 * the knowledge stems already cached (every run after the first) and with an empty cache (a first run).
 * Run: `npm run build && node dist/bench/oracle/latency.js`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOracle, loadKnowledge } from '../../src/index.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { loadOracleQuestions } from './question-set.js';

const ROUNDS = 20;
const PROCESS_RUNS = 10;
const QUESTION = 'How do I train a model on GPU?';
/** GNU time (Debian package `time`), for the child's CPU time. */
const TIME = '/usr/bin/time';

/** The q-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

function inProcess(root: string): string[] {
  const t0 = performance.now();
  const knowledge = loadKnowledge();
  const t1 = performance.now();
  const oracle = createOracle(knowledge);
  const t2 = performance.now();
  const questions = loadOracleQuestions(join(root, 'bench/oracle/questions.yaml')).map((q) => q.q);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const q of questions) {
      const start = performance.now();
      oracle.answer(q);
      samples.push(performance.now() - start);
    }
  }
  return [
    `load knowledge: ${(t1 - t0).toFixed(1)} ms; compile oracle: ${(t2 - t1).toFixed(1)} ms (once per process)`,
    `answer() over ${questions.length} questions × ${ROUNDS} rounds (${samples.length} calls): ` +
      `p50 ${quantile(samples, 0.5).toFixed(3)} ms, p95 ${quantile(samples, 0.95).toFixed(3)} ms`,
  ];
}

/** Wall times of fresh `batuta oracle --json` processes; `coldCache` gives each run an empty stem cache. */
function freshProcess(root: string, coldCache: boolean): string {
  const cli = join(root, 'dist/src/cli/main.js');
  const args = [cli, 'oracle', '--json', QUESTION];
  const cacheRoot = mkdtempSync(join(tmpdir(), 'batuta-oracle-latency-'));
  const times: number[] = [];
  const cpu: number[] = [];
  try {
    for (let run = 0; run <= PROCESS_RUNS; run += 1) {
      const env = { ...process.env, XDG_CACHE_HOME: coldCache ? join(cacheRoot, `run-${run}`) : cacheRoot };
      const start = performance.now();
      // GNU time reports the child's CPU seconds (user + system), which machine load does not inflate.
      const result = spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, ...args], {
        cwd: root,
        encoding: 'utf8',
        env,
      });
      const elapsed = performance.now() - start;
      if (result.status !== 0) {
        throw new Error(`latency: batuta oracle exited ${result.status}: ${result.stderr}`);
      }
      const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr) ?? [];
      if (run > 0) {
        times.push(elapsed);
        cpu.push((Number(user) + Number(system)) * 1000);
      }
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
  const cache = coldCache ? 'empty' : 'warm';
  return (
    `fresh process, ${cache} stem cache: \`node dist/src/cli/main.js oracle --json "${QUESTION}"\` × ${PROCESS_RUNS}: ` +
    `wall median ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms; ` +
    `CPU median ${quantile(cpu, 0.5).toFixed(0)} ms, p95 ${quantile(cpu, 0.95).toFixed(0)} ms`
  );
}

function main(): void {
  const root = findRepoRoot(import.meta.dirname);
  console.log(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2 cores)`,
  );
  for (const line of inProcess(root)) console.log(line);
  console.log(freshProcess(root, false));
  console.log(freshProcess(root, true));
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  benchFlags(import.meta.filename, { options: {} });
  await runBench(import.meta.filename, main);
}
