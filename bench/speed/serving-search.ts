/**
 * search_docs throughput of one `batuta mcp --http` server over a SQLite index, two builds side by side:
 * rounds alternate the order, each round warms the server and then runs a bounded load (loopback only),
 * counting requests, errors and the server's CPU per search.
 *
 *   node dist/bench/speed/serving-search.js --db INDEX.db --collection NAME --baseline OTHER/dist/src/cli/main.js
 *     [--rounds 4] [--seconds 15] [--workers 4]
 */
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingBuild, existingDatabase } from '../lib/bench-inputs.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { type LoadResult, runLoad, startServer } from '../store/http-load.js';
import { summarize } from './stats.js';

const REPO = findRepoRoot(import.meta.dirname);
const TOKEN = 'serving-search-bench-token';
const { values } = benchFlags(import.meta.filename, {
  options: {
    db: { type: 'string' },
    collection: { type: 'string' },
    baseline: { type: 'string' },
    questions: { type: 'string', default: 'bench/retrieval/flask-questions.yaml' },
    rounds: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '15' },
    workers: { type: 'string', default: '4' },
  },
});
requireFlags(import.meta.filename, values, ['db', 'collection', 'baseline']);

/** Both builds under the same load, rounds alternating their order; a table of the medians. */
async function main(db: string, collection: string, baseline: string): Promise<void> {
  existingDatabase(db);
  const builds = [
    { label: 'baseline', bin: existingBuild(resolve(baseline)) },
    { label: 'this build', bin: resolve(REPO, 'dist/src/cli/main.js') },
  ];
  const questions = loadQuestionSet(resolve(REPO, values.questions)).questions.map((q) => q.question);
  const env = { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), BATUTA_MCP_TOKEN: TOKEN };
  const load = { workers: Number(values.workers), collection: collection, questions, token: TOKEN };
  const results = new Map<string, LoadResult[]>(builds.map((build) => [build.label, []]));
  const loads: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      const server = await startServer(build.bin, ['--db', db], env);
      try {
        await runLoad([server], { ...load, seconds: 2 });
        loads.push(loadavg()[0]!);
        results.get(build.label)!.push(await runLoad([server], { ...load, seconds: Number(values.seconds) }));
      } finally {
        await server.stop();
      }
    }
  }
  console.log(
    `search_docs on "${collection}", ${values.workers} clients, ${values.rounds} rounds of ${values.seconds} s`,
  );
  console.log(
    `load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
  );
  console.log('| build | searches/s median | p50 ms | p95 ms | server CPU ms per search (median) | errors |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, runs] of results) {
    const median = (pick: (r: LoadResult) => number) => summarize(runs.map(pick)).median.toFixed(1);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    console.log(
      `| ${label} | ${median((r) => r.perSecond)} | ${median((r) => r.p50)} | ${median((r) => r.p95)} | ${median((r) => r.serverCpuMsPerSearch)} | ${errors} |`,
    );
  }
}

await runBench(import.meta.filename, () => main(values.db, values.collection, values.baseline));
