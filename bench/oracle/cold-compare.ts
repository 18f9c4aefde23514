/**
 * Cold `batuta oracle --json` of this build against another build, interleaved in one run (A, B, A, B …)
 * so both see the same machine load: wall and CPU time (GNU time) of fresh processes with warm caches,
 * median and p95. Run: `npm run build && node dist/bench/oracle/cold-compare.js BASELINE_CLI [RUNS]`,
 * where BASELINE_CLI is another checkout's dist/src/cli/main.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchPositionals, countArgument, runBench } from '../lib/bench-flags.js';
import { existingBuild } from '../lib/bench-inputs.js';
import { quantile } from './latency.js';

const QUESTIONS = [
  'How do I train a model on GPU?',
  'no more pandas, I want something faster for 200 GB of CSV',
  'find the items nearest to a given one',
];
const TIME = '/usr/bin/time';

function once(cli: string, question: string, cache: string): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, cli, 'oracle', '--json', question], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cache },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${cli} failed: ${result.stderr}`);
  const match = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { wall, cpu: match ? 1000 * (Number(match[1]) + Number(match[2])) : Number.NaN };
}

function main(argv: string[]): void {
  const [baselineCli, runsText] = benchPositionals(
    import.meta.filename,
    { required: ['BASELINE_CLI'], optional: ['RUNS'] },
    argv,
  ) as [string, string?];
  const baseline = existingBuild(resolve(baselineCli));
  const runs = countArgument(import.meta.filename, 'RUNS', runsText, 15);
  const candidate = existingBuild(resolve(import.meta.dirname, '../../src/cli/main.js'));
  const cache = {
    baseline: mkdtempSync(join(tmpdir(), 'cold-a-')),
    candidate: mkdtempSync(join(tmpdir(), 'cold-b-')),
  };
  const samples = {
    baseline: [] as { wall: number; cpu: number }[],
    candidate: [] as { wall: number; cpu: number }[],
  };
  const load = [loadavg()[0]];
  try {
    for (const q of QUESTIONS) {
      once(baseline, q, cache.baseline);
      once(candidate, q, cache.candidate);
    }
    for (let i = 0; i < runs; i += 1) {
      const q = QUESTIONS[i % QUESTIONS.length] as string;
      samples.baseline.push(once(baseline, q, cache.baseline));
      samples.candidate.push(once(candidate, q, cache.candidate));
    }
  } finally {
    rmSync(cache.baseline, { recursive: true, force: true });
    rmSync(cache.candidate, { recursive: true, force: true });
  }
  load.push(loadavg()[0]);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`| build | runs | wall median | wall p95 | CPU median | CPU p95 |`);
  console.log('|---|---|---|---|---|---|');
  for (const [name, s] of Object.entries(samples)) {
    const wall = s.map((x) => x.wall);
    const cpu = s.map((x) => x.cpu);
    console.log(
      `| ${name} | ${s.length} | ${ms(quantile(wall, 0.5))} | ${ms(quantile(wall, 0.95))} | ${ms(quantile(cpu, 0.5))} | ${ms(quantile(cpu, 0.95))} |`,
    );
  }
  console.log(`\nload average (1 min) at start / end: ${load.map((l) => (l ?? 0).toFixed(1)).join(' / ')}`);
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1])
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
