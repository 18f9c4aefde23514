/**
 * Analysis-phase benchmark: runs `analyzeProject` repeatedly on a real source tree (by default Debian's
 * Python 3.11 standard library) and prints lines analysed, median and p95 wall time.
 *
 *   npm run build && node dist/bench/analysis/analyze-bench.js [DIR] [RUNS]
 */
import { analyzeProject } from '../../src/index.js';
import { benchPositionals, countArgument, runBench } from '../lib/bench-flags.js';

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function main(): Promise<void> {
  const [dirText, runsText] = benchPositionals(import.meta.filename, { optional: ['DIR', 'RUNS'] });
  const dir = dirText ?? '/usr/lib/python3.11';
  const runs = countArgument(import.meta.filename, 'RUNS', runsText, 5);
  const seconds: number[] = [];
  let lines = 0;
  let files = 0;
  let functions = 0;
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    const analysis = await analyzeProject(dir);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const python = analysis.languages.find((l) => l.language === 'python');
    lines = python?.lines ?? 0;
    files = python?.files ?? 0;
    functions = python?.functions ?? 0;
    process.stderr.write(`run ${run + 1}/${runs}: ${seconds.at(-1)!.toFixed(2)} s\n`);
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  const result = {
    dir,
    runs,
    pythonFiles: files,
    pythonLines: lines,
    functions,
    medianSeconds: Number(percentile(sorted, 50).toFixed(2)),
    p95Seconds: Number(percentile(sorted, 95).toFixed(2)),
    linesPerSecond: Math.round(lines / percentile(sorted, 50)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await runBench(import.meta.filename, main);
