/**
 * Knowledge graph speed: loading knowledge/ (YAML + validation, and from the build snapshot), building
 * the graph, each kind of graph query in-process (median and p95 over many calls), and the wall time of
 * fresh `batuta oracle --list --json` / `--capability wasm --json` processes.
 * Run: `npm run build && node dist/bench/knowledge-bench.js` (add `--json` for machine-readable output).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKnowledgeGraph, type KnowledgeGraph } from '../src/knowledge/graph.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { findIntegrationRoute } from '../src/knowledge/path.js';
import {
  capabilitiesOf,
  findComponentsWithCapability,
  findRecipes,
  findReplacements,
  getComponentDetail,
  listComponentsByLayer,
} from '../src/knowledge/queries.js';
import { benchFlags, runBench } from './lib/bench-flags.js';
import { findRepoRoot } from './lib/repo.js';
import { type Summary, summarize } from './speed/stats.js';

const LOAD_RUNS = 30;
const BUILD_RUNS = 200;
const QUERY_RUNS = 2000;
const PROCESS_RUNS = 10;

interface Row {
  readonly what: string;
  readonly summary: Summary;
}

function measure(what: string, runs: number, work: () => unknown): Row {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return { what, summary: summarize(samples) };
}

/** Each query kind, with inputs as people type them; the slower resolution paths are included on purpose. */
function queryRows(kg: KnowledgeGraph): Row[] {
  const kinds: [string, () => unknown][] = [
    ['--list (components by layer)', () => listComponentsByLayer(kg)],
    ['--show trueno-db (component in full)', () => getComponentDetail(kg, 'Trueno DB')],
    ['--list-capabilities trueno', () => capabilitiesOf(kg, 'trueno')],
    ['--capability wasm (synonym)', () => findComponentsWithCapability(kg, 'WebAssembly')],
    [
      '--capability "which components support nearest neighbours"',
      () => findComponentsWithCapability(kg, 'which components support nearest neighbours'),
    ],
    ['--replaces "scikit learn"', () => findReplacements(kg, 'scikit learn')],
    ['--integrations aprender -> realizar (direct)', () => findIntegrationRoute(kg, 'aprender', 'realizar')],
    [
      '--integrations alimentar -> trueno-rag (path)',
      () => findIntegrationRoute(kg, 'alimentar', 'trueno-rag'),
    ],
    ['recipes by component', () => findRecipes(kg, { component: 'aprender' })],
    ['unknown name (did-you-mean over all names)', () => unknownName(kg)],
  ];
  return kinds.map(([what, work]) => measure(what, QUERY_RUNS, work));
}

function unknownName(kg: KnowledgeGraph): unknown {
  try {
    return findComponentsWithCapability(kg, 'webasembly');
  } catch (error) {
    return error;
  }
}

function processRows(root: string): Row[] {
  const cli = join(root, 'dist/src/cli/main.js');
  if (!existsSync(cli)) return [];
  const commands: [string, string[]][] = [
    ['fresh process: batuta oracle --list --json', ['oracle', '--list', '--json']],
    ['fresh process: batuta oracle --capability wasm --json', ['oracle', '--capability', 'wasm', '--json']],
  ];
  return commands.map(([what, args]) =>
    measure(what, PROCESS_RUNS, () => {
      const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${what}: exit ${run.status}: ${run.stderr.trim()}`);
    }),
  );
}

function main(argv: string[]): void {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: { json: { type: 'boolean', default: false } },
  });
  const root = findRepoRoot(import.meta.dirname);
  const first = performance.now();
  const knowledge = loadKnowledge(undefined, { snapshot: null });
  const firstLoad = performance.now() - first;
  const rows = [
    measure('loadKnowledge: parse + validate YAML', LOAD_RUNS, () =>
      loadKnowledge(undefined, { snapshot: null }),
    ),
    measure('loadKnowledge: build snapshot (default)', LOAD_RUNS, () => loadKnowledge()),
    measure('createKnowledgeGraph', BUILD_RUNS, () => createKnowledgeGraph(knowledge)),
    ...queryRows(createKnowledgeGraph(knowledge)),
    ...processRows(root),
  ];
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ firstLoadMs: firstLoad, rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`first loadKnowledge in this process (YAML, cold): ${firstLoad.toFixed(1)} ms\n`);
  process.stdout.write('| What | Runs | Median (ms) | p95 (ms) |\n|---|---:|---:|---:|\n');
  for (const { what, summary } of rows) {
    const fixed = (x: number) => (x < 1 ? x.toFixed(4) : x.toFixed(1));
    process.stdout.write(
      `| ${what} | ${summary.runs} | ${fixed(summary.median)} | ${fixed(summary.p95)} |\n`,
    );
  }
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
