/**
 * Picture cost: in-process, the first SVG of the whole stack (loading elkjs included) and warm
 * drawings of the stack and of one answer (median and p95, CPU and wall); then fresh
 * `batuta oracle --list` processes as text, Mermaid and SVG, interleaved so machine load falls on all
 * three alike, with the child's CPU from GNU time. Run: `npm run build && node dist/bench/picture/draw-time.js`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { drawScene, loadKnowledge, recommendationScene, type Scene, stackScene } from '../../src/index.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { findRepoRoot } from '../lib/repo.js';
import { quantile } from '../oracle/latency.js';

const WARM_RUNS = 10;
const PROCESS_RUNS = 7;
/** GNU time (Debian package `time`), for the child's CPU time. */
const TIME = '/usr/bin/time';

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(scene: Scene): Promise<Sample> {
  const [wall0, cpu0] = [performance.now(), process.cpuUsage()];
  await drawScene(scene, 'svg');
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

function summary(label: string, samples: readonly Sample[]): string {
  const ms = (values: number[], q: number) => quantile(values, q).toFixed(0);
  const wall = samples.map((s) => s.wall);
  const cpu = samples.map((s) => s.cpu);
  return (
    `${label} × ${samples.length}: CPU median ${ms(cpu, 0.5)} ms, p95 ${ms(cpu, 0.95)} ms; ` +
    `wall median ${ms(wall, 0.5)} ms, p95 ${ms(wall, 0.95)} ms`
  );
}

async function inProcess(): Promise<string[]> {
  const knowledge = loadKnowledge();
  const stack = stackScene(knowledge);
  const chosen = ['realizar', 'entrenar', 'trueno'];
  const answer = recommendationScene(knowledge, {
    query: 'train on GPU and serve',
    primary: { component: 'realizar' },
    supporting: [{ component: 'entrenar' }, { component: 'trueno' }],
    integrations: knowledge.integrations.filter((i) => chosen.includes(i.from) && chosen.includes(i.to)),
    compute: { backend: 'gpu' },
  });
  const first = await timed(stack);
  const warmStack: Sample[] = [];
  const warmAnswer: Sample[] = [];
  for (let run = 0; run < WARM_RUNS; run += 1) {
    warmStack.push(await timed(stack));
    warmAnswer.push(await timed(answer));
  }
  return [
    summary('first stack SVG in a process (elkjs loaded)', [first]),
    summary('stack SVG, warm', warmStack),
    summary(`answer SVG, warm (${answer.components.length} components)`, warmAnswer),
  ];
}

function freshProcesses(root: string): string[] {
  const variants = [
    ['text', []],
    ['mermaid', ['--format', 'mermaid']],
    ['svg', ['--format', 'svg']],
  ] as const;
  const samples = new Map<string, Sample[]>(variants.map(([name]) => [name, []]));
  for (let run = 0; run <= PROCESS_RUNS; run += 1) {
    for (const [name, flags] of variants) {
      const args = [
        '-f',
        'cpu %U %S',
        process.execPath,
        join(root, 'dist/src/cli/main.js'),
        'oracle',
        '--list',
      ];
      const start = performance.now();
      const result = spawnSync(TIME, [...args, ...flags], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const wall = performance.now() - start;
      if (result.status !== 0) throw new Error(`draw-time: batuta exited ${result.status}: ${result.stderr}`);
      const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr) ?? [];
      // The first round warms the file cache and is not counted.
      if (run > 0) samples.get(name)?.push({ wall, cpu: (Number(user) + Number(system)) * 1000 });
    }
  }
  return variants.map(([name, flags]) => {
    const command = ['batuta oracle --list', ...flags].join(' ');
    return summary(`fresh \`${command}\``, samples.get(name) ?? []);
  });
}

async function main(): Promise<void> {
  const root = findRepoRoot(import.meta.dirname);
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`load average before: ${load()} (2 cores, shared)`);
  for (const line of await inProcess()) console.log(line);
  for (const line of freshProcesses(root)) console.log(line);
  console.log(`load average after: ${load()}`);
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  benchFlags(import.meta.filename, { options: {} });
  await runBench(import.meta.filename, main);
}
