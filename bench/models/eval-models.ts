/**
 * Quality bench of the shipped models inside the retrieval pipeline:
 *   node dist/bench/models/eval-models.js [--set batuta-docs|specs|debian] [--split dev|test|all]
 *     [--dense-weight W] [--rerank-depth N] [--json]
 * Scores bm25-or (the plain baseline), bm25, dense-base (shipped vectors), dense (adapted to the corpus),
 * hybrid (the production convex fusion) and hybrid+rerank (the production search with the reranker) with nDCG@10 / MRR@10 / Recall@10 and paired randomization tests.
 */
import { resolve } from 'node:path';
import type { AdaptOptions } from '../../src/retrieval/adapt/adapt-vectors.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import type { ModelProvider } from '../../src/retrieval/types.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listDocuments } from '../lib/corpus.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { createBm25OrRanker } from '../retrieval/baselines.js';
import { evaluate } from '../retrieval/evaluate.js';
import type { Ranker } from '../retrieval/rankers.js';
import { formatReport } from '../retrieval/report.js';
import {
  PIPELINE_DEFAULTS,
  type PipelineSettings,
  type Prepared,
  prepareCorpus,
  searchDense,
  searchHybrid,
  searchRerankedFiles,
  searchSparse,
  toFiles,
} from './pipeline.js';
import { MODEL_SETS } from './sets.js';

/** Values of a comma-separated numeric flag, or the default alone. */
function numbers(text: string | undefined, fallback: number): number[] {
  return text === undefined ? [fallback] : text.split(',').map(Number);
}

function rankers(
  settings: PipelineSettings,
  denseWeights: number[],
  reuseDir: string | null,
  provider: ModelProvider,
  rerankProvider: ModelProvider,
  log: (line: string) => void,
): Ranker[] {
  const prepared: Record<string, Promise<Prepared>> = {};
  const get = (root: string, files: readonly string[], adapt: boolean) => {
    const key = `${root}|${adapt}`;
    prepared[key] ??= prepareCorpus(
      provider,
      root,
      files,
      adapt,
      log,
      adapt ? reuseDir : null,
      rerankProvider,
    );
    return prepared[key];
  };
  const make = (
    name: string,
    adapt: boolean,
    run: (p: Prepared, q: string) => Promise<string[]> | string[],
    returnsFiles = false,
  ) => {
    let p: Prepared | null = null;
    return {
      name,
      async prepare(root: string, files: readonly string[]) {
        p = await get(root, files, adapt);
      },
      async rank(question: string) {
        const ranked = await run(p!, question);
        return (returnsFiles ? ranked : toFiles(p!, ranked)).slice(0, 10);
      },
    } satisfies Ranker;
  };
  const label = (base: string, suffix: string, many: boolean) => (many ? `${base}(${suffix})` : base);
  const many = denseWeights.length > 1;
  const hybrids = denseWeights.map((w) =>
    make(label('hybrid', `w=${w}`, many), settings.adapt, (p, q) =>
      searchHybrid(p, q, { ...settings, denseWeight: w }),
    ),
  );
  const reranked = denseWeights.map((w) =>
    make(
      label('hybrid+rerank', `w=${w}`, many),
      settings.adapt,
      (p, q) => searchRerankedFiles(p, q, { ...settings, denseWeight: w }),
      true,
    ),
  );
  return [
    createBm25OrRanker(),
    make('bm25', false, (p, q) => searchSparse(p, q, settings.candidates)),
    make('dense-base', false, (p, q) => searchDense(p, q, settings.candidates)),
    make('dense', settings.adapt, (p, q) => searchDense(p, q, settings.candidates)),
    ...hybrids,
    ...reranked,
  ];
}

async function main(argv: string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      set: { type: 'string', default: 'batuta-docs' },
      split: { type: 'string', default: 'dev' },
      'dense-weight': { type: 'string' },
      'rerank-depth': { type: 'string' },
      'no-adapt': { type: 'boolean', default: false },
      'reuse-adapted': { type: 'string' },
      models: { type: 'string' },
      'rerank-models': { type: 'string' },
      'adapt-method': { type: 'string' },
      'lsa-share': { type: 'string' },
      'token-budget': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const repo = findRepoRoot(import.meta.dirname);
  const named = MODEL_SETS[values.set];
  const file = resolve(repo, named?.file ?? values.set);
  const full = loadQuestionSet(file);
  const set = {
    ...full,
    questions: full.questions.filter((q) => values.split === 'all' || q.split === values.split),
  };
  const corpusRoot = resolve(repo, named?.corpus ?? full.corpus);
  const provider = createModelProvider({
    ...(values.models ? { dir: resolve(values.models) } : {}),
    adapt: {
      ...(values['adapt-method'] ? { method: values['adapt-method'] as AdaptOptions['method'] } : {}),
      ...(values['lsa-share'] ? { lsaShare: Number(values['lsa-share']) } : {}),
      ...(values['token-budget'] ? { tokenBudget: Number(values['token-budget']) } : {}),
    },
  });
  const rerankDir = values['rerank-models'];
  const rerankProvider = rerankDir ? createModelProvider({ dir: resolve(rerankDir) }) : provider;
  const settings: PipelineSettings = {
    ...PIPELINE_DEFAULTS,
    ...(values['rerank-depth'] ? { rerankDepth: Number(values['rerank-depth']) } : {}),
    adapt: !values['no-adapt'],
  };
  const log = (line: string) => process.stderr.write(`models: ${line}\n`);
  const files = listDocuments(corpusRoot);
  const report = await evaluate({
    set,
    corpusRoot,
    files,
    rankers: rankers(
      settings,
      numbers(values['dense-weight'], settings.denseWeight),
      values['reuse-adapted'] ? resolve(values['reuse-adapted']) : null,
      provider,
      rerankProvider,
      log,
    ),
    pairs: [
      ['hybrid', 'bm25'],
      ['hybrid+rerank', 'hybrid'],
      ['hybrid+rerank', 'bm25-or'],
      ['hybrid+rerank', 'bm25'],
      ['dense', 'dense-base'],
    ],
    onProgress: log,
  });
  const command = `node dist/bench/models/eval-models.js ${argv.join(' ')}`.trim();
  const header = { set: values.set, corpusRoot, documents: files.length, split: values.split, command };
  if (values.json) process.stdout.write(`${JSON.stringify({ ...header, settings, ...report }, null, 2)}\n`);
  else process.stdout.write(formatReport(report, header as never));
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
