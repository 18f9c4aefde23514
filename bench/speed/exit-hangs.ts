/**
 * Does a fresh `batuta oracle --rag --json` process always exit? Node 20 can deadlock at exit when a
 * concurrent optimising compilation waits for a collection (src/cli/settle-threads.ts). Runs the same
 * search in fresh processes of this build and, with --baseline, another build, interleaved (A, B, A, B …),
 * and counts the runs still alive after --timeout seconds (killed, counted as hung). The deadlock depends
 * on timing, so the counts are small numbers from many runs: report runs and hangs of both builds.
 *
 *   npm run build && node dist/bench/speed/exit-hangs.js --db DB --collection NAME --question Q
 *        [--runs 200] [--timeout 20] [--baseline OTHER/dist/src/cli/main.js]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingBuild, existingDatabase } from '../lib/bench-inputs.js';

/** True when the process had to be killed after `timeoutMs`. */
function hung(cli: string, db: string, collection: string, question: string, timeoutMs: number): boolean {
  const args = [cli, 'oracle', '--rag', '--json', '--collection', collection, '--db', db, question];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: timeoutMs });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return true;
  if (result.status !== 0) throw new Error(`${cli} failed: ${result.stderr}`);
  return false;
}

function main(): void {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      db: { type: 'string' },
      collection: { type: 'string' },
      question: { type: 'string' },
      runs: { type: 'string', default: '200' },
      timeout: { type: 'string', default: '20' },
      baseline: { type: 'string' },
    },
  });
  requireFlags(import.meta.filename, values, ['db', 'collection', 'question']);
  existingDatabase(values.db);
  const builds: Array<[string, string]> = [
    ['this build', resolve(import.meta.dirname, '../../src/cli/main.js')],
  ];
  if (values.baseline) builds.push(['baseline', existingBuild(resolve(values.baseline))]);
  const hangs = new Map(builds.map(([label]) => [label, 0]));
  const runs = Number(values.runs);
  const before = loadavg()[0]!;
  for (let run = 0; run < runs; run += 1) {
    for (const [label, cli] of builds) {
      if (hung(cli, values.db, values.collection, values.question, Number(values.timeout) * 1000)) {
        hangs.set(label, hangs.get(label)! + 1);
      }
    }
  }
  process.stdout.write(`load ${before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`);
  for (const [label] of builds)
    process.stdout.write(`${label.padEnd(12)} runs ${runs}  hung ${hangs.get(label)}\n`);
}

await runBench(import.meta.filename, main);
