/**
 * Adaptation time budget (issue 4: a 5 MB collection ≤ 120 s on 2 cores, never blocking searches):
 *   node dist/bench/models/adapt-time.js [--file TEXT] [--runs 3] [--threads 1|2] [--in-process]
 *     [--models DIR] [--seed N]
 *   node dist/bench/models/adapt-time.js --corpus DIR --keep OUT [--threads 1|2] [--seed N]
 * The second form adapts once to a corpus chunked as bench/models/pipeline.ts does and keeps the model in
 * OUT, for `eval-models.js --reuse-adapted OUT` (quality of one adaptation setting against another).
 *   node dist/bench/models/adapt-time.js --compare A.json B.json
 * The third form pairs the per-question nDCG@10 of two `eval-models.js --json` outputs (same questions,
 * two adapted models) for dense and hybrid: mean difference A − B and the paired randomization test's p.
 * Adapts to the file's text cut into ~1,500-character chunks (as bench/models/latency.ts does) through
 * the real ModelProvider (worker thread) or, with --in-process, by calling adaptVectors on the main
 * thread (how adaptation ran before). Reports median and p95 seconds, the load average beside them, and
 * how the main thread's event loop fared meanwhile: how many 50 ms ticks fired and the longest gap.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPT_DEFAULTS, adaptVectors } from '../../src/retrieval/adapt/adapt-vectors.js';
import {
  EMBEDDER_FILE,
  readManifest,
  readVerified,
  readWordVectors,
} from '../../src/retrieval/dense/model-files.js';
import { createModelProvider, shippedModelDir } from '../../src/retrieval/models/provider.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listDocuments } from '../lib/corpus.js';
import { pairedPermutationTest } from '../lib/metrics.js';
import { summarize } from '../speed/stats.js';
import { prepareCorpus } from './pipeline.js';
import { textPieces } from './sets.js';

const TICK_MS = 50;

/**
 * Runs `work` while a 50 ms timer ticks on this thread: how many ticks fired and the longest gap (ms)
 * between two of them (or between the start or the end and a tick), i.e. the longest a search would wait.
 */
async function watched(
  work: () => Promise<unknown>,
): Promise<{ seconds: number; longestGapMs: number; ticks: number }> {
  let ticks = 0;
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, TICK_MS);
  const started = performance.now();
  await work();
  const ended = performance.now();
  clearInterval(timer);
  return {
    seconds: (ended - started) / 1000,
    longestGapMs: Math.max(longest, ended - last),
    ticks,
  };
}

interface EvalOutput {
  readonly questions: ReadonlyArray<{ id: string; scores: Record<string, { ndcg: number }> }>;
}

/** Dense and hybrid nDCG@10 of two eval-models runs over the same questions, paired. */
function compare(fileA: string, fileB: string): unknown {
  const [a, b] = [fileA, fileB].map((file) => JSON.parse(readFileSync(file, 'utf8')) as EvalOutput);
  const ids = a!.questions.map((q) => q.id);
  if (ids.join() !== b!.questions.map((q) => q.id).join())
    throw new Error('the two runs hold other questions');
  return Object.fromEntries(
    ['dense', 'hybrid'].map((ranker) => {
      const scores = (run: EvalOutput) => run.questions.map((q) => q.scores[ranker]?.ndcg ?? 0);
      return [ranker, pairedPermutationTest(scores(a!), scores(b!))];
    }),
  );
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = benchFlags(import.meta.filename, {
    args: argv,
    allowPositionals: true,
    options: {
      compare: { type: 'boolean', default: false },
      file: { type: 'string', default: 'bench/cache/models-train/text/python-sklearn-doc.txt' },
      runs: { type: 'string', default: '3' },
      threads: { type: 'string', default: String(ADAPT_DEFAULTS.threads) },
      'in-process': { type: 'boolean', default: false },
      models: { type: 'string' },
      seed: { type: 'string', default: String(ADAPT_DEFAULTS.seed) },
      corpus: { type: 'string' },
      keep: { type: 'string' },
    },
  });
  if (values.compare) {
    const [fileA, fileB] = positionals;
    if (fileA === undefined || fileB === undefined)
      throw new Error('--compare needs two eval-models --json files');
    process.stdout.write(`${JSON.stringify(compare(fileA, fileB), null, 2)}\n`);
    return;
  }
  const threads = values.threads === '1' ? 1 : 2;
  const seed = Number(values.seed);
  const modelsDir = values.models ?? shippedModelDir();
  const provider = createModelProvider({ dir: modelsDir, adapt: { threads, seed } });
  if (values.corpus !== undefined) {
    if (values.keep === undefined) throw new Error('--corpus needs --keep OUT (where the model is kept)');
    const log = (line: string) => process.stderr.write(`adapt-time: ${line}\n`);
    await prepareCorpus(provider, values.corpus, listDocuments(values.corpus), true, log, values.keep);
    return;
  }
  const manifest = readManifest(modelsDir, 'run npm run train:models');
  const base = readWordVectors(
    readVerified(modelsDir, `${EMBEDDER_FILE}.vocab.txt`, manifest, '').toString('utf8'),
    readVerified(modelsDir, `${EMBEDDER_FILE}.vectors.bin`, manifest, ''),
    modelsDir,
  );
  const texts = textPieces(readFileSync(values.file, 'utf8'));
  const runs: Array<{ seconds: number; longestGapMs: number; ticks: number; load: number[] }> = [];
  for (let r = 0; r < Number(values.runs); r++) {
    const dir = mkdtempSync(join(tmpdir(), 'batuta-adapt-time-'));
    const before = loadavg()[0]!;
    const run = await watched(() =>
      values['in-process']
        ? adaptVectors(base, texts, { ...ADAPT_DEFAULTS, threads, seed })
        : provider.adapt!(texts, dir, () => {}),
    );
    runs.push({ ...run, load: [before, loadavg()[0]!] });
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`run ${r + 1}: ${run.seconds.toFixed(1)} s, load ${before.toFixed(2)}\n`);
  }
  const result = {
    command: `node dist/bench/models/adapt-time.js ${argv.join(' ')}`.trim(),
    file: values.file,
    chunks: texts.length,
    megabytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6,
    mode: values['in-process'] ? 'main thread' : 'worker',
    threads,
    seconds: summarize(runs.map((run) => run.seconds)),
    runs,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
