/**
 * Quality bench of the shipped models inside the retrieval pipeline:
 *   node dist/bench/models/eval-models.js [--set batuta-docs|specs|debian] [--split dev|test|all]
 *     [--dense-weight W] [--rerank-depth N] [--rerank-keep W] [--json]
 * Scores bm25-or (the plain baseline), bm25, dense-base (shipped vectors), dense (adapted to the corpus),
 * hybrid (RRF) and hybrid+rerank with nDCG@10 / MRR@10 / Recall@10 and paired randomization tests.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../src/errors.js';
import { createModelProvider } from '../../src/retrieval/models.js';
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
  searchReranked,
  searchSparse,
  toFiles,
} from './pipeline.js';

const SETS: Record<string, { file: string; corpus: string }> = {
  'batuta-docs': {
    file: 'bench/retrieval/batuta-docs-questions.yaml',
    corpus: '../shared/corpora/batuta-docs',
  },
  specs: { file: 'bench/retrieval/specs-questions.yaml', corpus: 'specs' },
  debian: { file: 'bench/cache/debian/headings.yaml', corpus: 'bench/cache/debian/corpus' },
};

function rankers(settings: PipelineSettings, log: (line: string) => void): Ranker[] {
  const provider = createModelProvider();
  const prepared: Record<string, Promise<Prepared>> = {};
  const get = (root: string, files: readonly string[], adapt: boolean) => {
    const key = `${root}|${adapt}`;
    prepared[key] ??= prepareCorpus(provider, root, files, adapt, log);
    return prepared[key];
  };
  const make = (
    name: string,
    adapt: boolean,
    run: (p: Prepared, q: string) => Promise<string[]> | string[],
  ) => {
    let p: Prepared | null = null;
    return {
      name,
      async prepare(root: string, files: readonly string[]) {
        p = await get(root, files, adapt);
      },
      async rank(question: string) {
        return toFiles(p!, await run(p!, question)).slice(0, 10);
      },
    } satisfies Ranker;
  };
  return [
    createBm25OrRanker(),
    make('bm25', false, (p, q) => searchSparse(p, q, settings.candidates)),
    make('dense-base', false, (p, q) => searchDense(p, q, settings.candidates)),
    make('dense', settings.adapt, (p, q) => searchDense(p, q, settings.candidates)),
    make('hybrid', settings.adapt, (p, q) => searchHybrid(p, q, settings)),
    make('hybrid+rerank', settings.adapt, (p, q) => searchReranked(p, q, settings)),
  ];
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string', default: 'batuta-docs' },
      split: { type: 'string', default: 'dev' },
      'dense-weight': { type: 'string' },
      'rerank-depth': { type: 'string' },
      'rerank-keep': { type: 'string' },
      'no-adapt': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const repo = findRepoRoot(import.meta.dirname);
  const named = SETS[values.set];
  const file = resolve(repo, named?.file ?? values.set);
  const full = loadQuestionSet(file);
  const set = {
    ...full,
    questions: full.questions.filter((q) => values.split === 'all' || q.split === values.split),
  };
  const corpusRoot = resolve(repo, named?.corpus ?? full.corpus);
  const settings: PipelineSettings = {
    ...PIPELINE_DEFAULTS,
    ...(values['dense-weight'] ? { denseWeight: Number(values['dense-weight']) } : {}),
    ...(values['rerank-depth'] ? { rerankDepth: Number(values['rerank-depth']) } : {}),
    ...(values['rerank-keep'] ? { rerankKeep: Number(values['rerank-keep']) } : {}),
    adapt: !values['no-adapt'],
  };
  const log = (line: string) => process.stderr.write(`models: ${line}\n`);
  const files = listDocuments(corpusRoot);
  const report = await evaluate({
    set,
    corpusRoot,
    files,
    rankers: rankers(settings, log),
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

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`models: ${describeError(error)}\n`);
  process.exitCode = 1;
});
