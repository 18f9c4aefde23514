/**
 * Cold `batuta oracle --rag --json` on a stored collection: every run a fresh process, the default search
 * (hybrid, dense leg and reranker) alternated with `--mode bm25` of the same build, so both see the same
 * machine load. Reports wall time, CPU time (user + system, less sensitive to other load on the machine)
 * and peak RSS (GNU time), median and p95, and the ratio of the medians.
 * With --baseline, another build's CLI runs the same searches interleaved (A, B, A, B …) and its outputs
 * are compared with this build's (same JSON, question by question). With --no-rerank the searches show the
 * fused order without the reranker (where the dense leg takes feedback from the BM25 pass).
 *
 *   npm run build && node dist/bench/speed/cold-search.js --db DB --collection NAME [--rounds 10]
 *        [--questions FILE] [--no-rerank] [--baseline OTHER/dist/src/cli/main.js]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingBuild, existingDatabase, readInput } from '../lib/bench-inputs.js';
import { summarize } from './stats.js';

const TIME = '/usr/bin/time';
const QUESTIONS = [
  'How do I register a blueprint?',
  'what is the application context',
  'send a file as a download',
  'configure logging in production',
];

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly stdout: string;
}

function once(cli: string, question: string, db: string, collection: string, extra: readonly string[]): Run {
  const args = ['-f', 'rss %M cpu %U %S', process.execPath, cli, 'oracle', '--rag', '--json', question];
  const start = process.hrtime.bigint();
  const result = spawnSync(TIME, [...args, '--collection', collection, '--db', db, ...extra], {
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${cli} failed: ${result.stderr}`);
  const rss = /rss (\d+)/.exec(result.stderr);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return {
    wallMs,
    cpuMs: cpu ? 1000 * (Number(cpu[1]) + Number(cpu[2])) : Number.NaN,
    rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    stdout: result.stdout,
  };
}

function line(label: string, runs: readonly Run[]): string {
  const wall = summarize(runs.map((run) => run.wallMs));
  const cpu = summarize(runs.map((run) => run.cpuMs));
  const rss = summarize(runs.map((run) => run.rssMb));
  const s = (ms: number) => (ms / 1000).toFixed(3);
  return `${label.padEnd(28)} wall ${s(wall.median)} s (p95 ${s(wall.p95)})  CPU ${s(cpu.median)} s (p95 ${s(cpu.p95)})  peak RSS ${rss.median.toFixed(0)} MB (p95 ${rss.p95.toFixed(0)})`;
}

function main(): void {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      db: { type: 'string' },
      collection: { type: 'string' },
      rounds: { type: 'string', default: '10' },
      questions: { type: 'string' },
      baseline: { type: 'string' },
      'no-rerank': { type: 'boolean', default: false },
    },
  });
  requireFlags(import.meta.filename, values, ['db', 'collection']);
  const questions = values.questions
    ? readInput(values.questions, '--questions').split('\n').filter(Boolean)
    : QUESTIONS;
  existingDatabase(values.db);
  const builds: Array<[string, string]> = [
    ['this build', resolve(import.meta.dirname, '../../src/cli/main.js')],
  ];
  if (values.baseline) builds.push(['baseline', existingBuild(resolve(values.baseline))]);
  const runs = new Map<string, Run[]>();
  const add = (key: string, run: Run) => runs.set(key, [...(runs.get(key) ?? []), run]);
  const searched = values['no-rerank'] ? 'hybrid --no-rerank' : 'hybrid+rerank';
  const flags = values['no-rerank'] ? ['--no-rerank'] : [];
  let differing = 0;
  const load: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const question of questions) {
      const outputs: string[] = [];
      for (const [name, cli] of builds) {
        const hybrid = once(cli, question, values.db, values.collection, flags);
        add(`${name}: ${searched}`, hybrid);
        add(`${name}: --mode bm25`, once(cli, question, values.db, values.collection, ['--mode', 'bm25']));
        outputs.push(hybrid.stdout);
      }
      if (outputs.length === 2 && outputs[0] !== outputs[1]) differing += 1;
      load.push(loadavg()[0]!);
    }
  }
  console.log(
    `cold searches of "${values.collection}", ${questions.length} questions × ${values.rounds} rounds`,
  );
  console.log(`load average during the run: ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`);
  for (const [key, list] of runs) console.log(line(key, list));
  for (const [name] of builds) {
    const hybrid = summarize(runs.get(`${name}: ${searched}`)!.map((run) => run.wallMs)).median;
    const bm25 = summarize(runs.get(`${name}: --mode bm25`)!.map((run) => run.wallMs)).median;
    console.log(`${name}: ${searched} / bm25 median wall = ${(hybrid / bm25).toFixed(2)}`);
  }
  if (builds.length === 2) console.log(`outputs that differ between the builds: ${differing}`);
}

await runBench(import.meta.filename, main);
