/**
 * Entry point of the retrieval quality bench:
 *   node dist/bench/retrieval/eval.js [--set batuta-docs|specs|debian|flask|nodejs|celery|tornado|ipython|apache|FILE.yaml] [--split dev|test|all]
 * Scores the baselines and the engine's rankers (ours.ts) on one question set in the same run.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { ADAPT_DEFAULTS } from '../../src/retrieval/adapt/adapt-options.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listDocuments } from '../lib/corpus.js';
import { loadQuestionSet, missingJudgedFiles } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { createBaselineRankers } from './baselines.js';
import { defaultPairs, evaluate } from './evaluate.js';
import type { Ranker } from './rankers.js';
import { formatReport } from './report.js';
import { corpusRootOf, setPath } from './set-location.js';

const USAGE =
  'usage: node dist/bench/retrieval/eval.js [--set batuta-docs|specs|debian|flask|nodejs|celery|tornado|ipython|apache|FILE.yaml]\n' +
  '       [--split dev|test|all] [--json] [--corpus-root DIR] [--rankers a,b] [--pairs a:b,c:d] [--seed N] [--rounds N]\n' +
  '       [--dense-shares 0.1,0.3]   (extra hybrid rankers with these dense shares of the fusion)\n' +
  '       [--models DIR]   (a model folder with manifest.json to search with instead of embeddings/)\n' +
  "       [--adapt-seed N]   (adapt the collection's embedder with this seed: another draw of the same index)";

function parsePairs(text: string): Array<[string, string]> {
  return text.split(',').map((pair) => {
    const [a, b, extra] = pair.split(':');
    if (!a || !b || extra !== undefined) {
      throw new InvalidInputError(`eval: --pairs entry "${pair}" is not A:B (e.g. hybrid:bm25)`);
    }
    return [a, b];
  });
}

function positiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidInputError(`eval: ${flag} "${text}" must be a positive integer`);
  }
  return value;
}

function parseSplit(text: string): 'dev' | 'test' | 'all' {
  if (text === 'dev' || text === 'test' || text === 'all') return text;
  throw new InvalidInputError(`eval: --split "${text}" is not known (use dev, test or all)`);
}

/** The rankers named in `--rankers` (all when absent); an unknown name is a usage error. */
function selectRankers(all: Ranker[], wanted: string | undefined): Ranker[] {
  if (wanted === undefined) return all;
  const names = wanted.split(',');
  const unknown = names.find((name) => !all.some((ranker) => ranker.name === name));
  if (unknown !== undefined) {
    const known = all.map((ranker) => ranker.name).join(', ');
    throw new InvalidInputError(`eval: unknown ranker "${unknown}" (known: ${known})`);
  }
  return all.filter((ranker) => names.includes(ranker.name));
}

/**
 * Baselines plus the engine's rankers from ours.ts; ours.ts (and the engine behind it) is imported only
 * when a wanted ranker is not a baseline, so baseline runs do not depend on the engine's build.
 */
async function loadRankers(
  wanted: string | undefined,
  shares: readonly number[],
  modelDir: string | undefined,
  adaptSeed: number,
): Promise<Ranker[]> {
  const baselines = createBaselineRankers();
  const names = wanted?.split(',');
  const needOurs =
    names === undefined || names.some((name) => !baselines.some((ranker) => ranker.name === name));
  const ours = needOurs
    ? (await import('./ours.js')).createOurRankers(undefined, shares, modelDir, adaptSeed)
    : [];
  const all = [...baselines, ...ours];
  let chosen: Ranker[] = [];
  try {
    chosen = selectRankers(all, wanted);
  } finally {
    // The engine behind our rankers removes its temporary index when the last of them closes.
    for (const ranker of all) if (!chosen.includes(ranker)) ranker.close?.();
  }
  return chosen;
}

async function main(argv: string[]): Promise<number> {
  const { values } = benchFlags(
    import.meta.filename,
    {
      args: argv,
      options: {
        set: { type: 'string', default: 'batuta-docs' },
        split: { type: 'string', default: 'all' },
        json: { type: 'boolean', default: false },
        'corpus-root': { type: 'string' },
        rankers: { type: 'string' },
        'dense-shares': { type: 'string' },
        pairs: { type: 'string' },
        seed: { type: 'string' },
        rounds: { type: 'string' },
        models: { type: 'string' },
        'adapt-seed': { type: 'string' },
      },
      strict: true,
    },
    USAGE,
  );
  const split = parseSplit(values.split);
  const repo = findRepoRoot(import.meta.dirname);
  const file = setPath(repo, values.set);
  const full = loadQuestionSet(file);
  const set = { ...full, questions: full.questions.filter((q) => split === 'all' || q.split === split) };
  const corpusRoot = corpusRootOf(repo, set, file, values['corpus-root']);
  const files = listDocuments(corpusRoot);
  const missing = missingJudgedFiles(set, files);
  if (missing.length > 0) {
    process.stderr.write(
      `eval: note: ${missing.length} judged files are not in the corpus, e.g. ${missing[0]}\n`,
    );
  }
  const shares = values['dense-shares']?.split(',').map(Number) ?? [];
  // Flags are checked before the rankers exist: ours index into a temporary folder they remove when closed.
  const seed = positiveInt('--seed', values.seed, 1);
  const rounds = positiveInt('--rounds', values.rounds, 10_000);
  const pairs = values.pairs ? parsePairs(values.pairs) : undefined;
  const modelDir = values.models === undefined ? undefined : resolve(values.models);
  if (modelDir !== undefined && !existsSync(join(modelDir, 'manifest.json')))
    throw new InvalidInputError(
      `eval: --models ${values.models} holds no manifest.json (give a model folder)`,
    );
  const adaptSeed = positiveInt('--adapt-seed', values['adapt-seed'], ADAPT_DEFAULTS.seed);
  const rankers = await loadRankers(values.rankers, shares, modelDir, adaptSeed);
  const names = rankers.map((ranker) => ranker.name);
  const report = await evaluate({
    set,
    corpusRoot,
    files,
    rankers,
    pairs: pairs ?? defaultPairs(names),
    seed,
    rounds,
    onProgress: (line) => process.stderr.write(`eval: ${line}\n`),
  });
  const command = `node dist/bench/retrieval/eval.js ${argv.join(' ')}`.trim();
  const header = { set: values.set, corpusRoot, documents: files.length, split, adaptSeed, command };
  if (values.json) process.stdout.write(`${JSON.stringify({ ...header, ...report }, null, 2)}\n`);
  else process.stdout.write(formatReport(report, header));
  return 0;
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
