/**
 * First-stage bench over the written training questions (src/retrieval/train/questions) and the Debian
 * training packages' page text (bench/cache/models-train/text), a dev set of thousands of natural questions
 * that no first-stage setting was chosen on:
 *   node dist/bench/retrieval/written-first-stage.js [--packages dev|held-out|a,b] [--limit N]
 *        [--rankers a,b] [--baseline NAME] [--dense-feedback chunks:weight,...] [--json]
 * Each package is chunked and indexed the way training heads are (in-memory wink BM25, brute-force cosine
 * of the shipped embedder); every ranker runs the search path (searchLegs, no reranking) over the same legs.
 * Reports nDCG@10 and recall@30 (the reranker reads a 30-file head) per package and in all, and a paired
 * randomization test of each ranker against the baseline. The reranker is trained on these questions, so
 * only first stages are measured here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { createModelProvider, shippedModelDir } from '../../src/retrieval/models/provider.js';
import type { SearchMode } from '../../src/retrieval/request.js';
import { FILE_RERANKER_FIRST_STAGE } from '../../src/retrieval/rerank/file-reranker.js';
import {
  FUSION_DEFAULTS,
  type FusionSettings,
  type SearchLegs,
  searchLegs,
} from '../../src/retrieval/search/hybrid.js';
import { createWinkIndex } from '../../src/retrieval/sparse/wink-index.js';
import { pagePathsFile, readPagePaths } from '../../src/retrieval/train/debian-corpus.js';
import { chunkCorpus } from '../../src/retrieval/train/training-heads.js';
import { writtenQuestions, writtenQuestionsDir } from '../../src/retrieval/train/written-questions.js';
import type { Chunk, Embedder, ScoredChunk } from '../../src/retrieval/types.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { mean, ndcgAt, pairedPermutationTest, recallAt } from '../lib/metrics.js';
import { findRepoRoot } from '../lib/repo.js';
import { distinctFiles } from './rankers.js';

/** Tuning packages: every other one of the twelve in name order, fixed before any measurement. */
export const WRITTEN_DEV = [
  'cmake-doc',
  'llvm-15-doc',
  'python-pytest-doc',
  'python-sklearn-doc',
  'python-statsmodels-doc',
  'rust-doc',
] as const;

/** Reported once, at the end: the other six. */
export const WRITTEN_HELD_OUT = [
  'git-doc',
  'python-pandas-doc',
  'python-scipy-doc',
  'python-sqlalchemy-doc',
  'python3.11-doc',
  'sqlite3-doc',
] as const;

/** The reranker reads the 30 best files of its first stage. */
const HEAD = 30;

/** A first stage under test: a search mode and the fusion settings it runs with. */
export interface FirstStageRanker {
  readonly name: string;
  readonly mode: SearchMode;
  readonly settings: FusionSettings;
}

/** The default settings without dense feedback (what searches ran with before it). */
const { denseFeedback: _shipped, ...NO_FEEDBACK } = FUSION_DEFAULTS;

/**
 * The rankers this bench knows, all without dense feedback (`--dense-feedback` adds variants with it): the
 * legs alone, the default hybrid (plain RRF) and the reranker's own head (its first stage).
 */
export const WRITTEN_RANKERS: readonly FirstStageRanker[] = [
  { name: 'bm25', mode: 'bm25', settings: NO_FEEDBACK },
  { name: 'dense', mode: 'dense', settings: NO_FEEDBACK },
  { name: 'hybrid', mode: 'hybrid', settings: NO_FEEDBACK },
  { name: 'head', mode: 'hybrid', settings: { ...NO_FEEDBACK, ...FILE_RERANKER_FIRST_STAGE } },
];

/**
 * Dense-feedback variants for each `chunks:weight` in `--dense-feedback`: the dense leg alone (BM25 weight
 * 0, its vector still moved by the BM25 pass), the default hybrid and the reranker's head.
 */
export function denseFeedbackRankers(spec: string): FirstStageRanker[] {
  return spec.split(',').flatMap((item) => {
    const [chunks, weight] = item.split(':').map(Number);
    if (!(Number.isInteger(chunks) && chunks! > 0 && weight! >= 0 && weight! <= 1))
      throw new InvalidInputError(
        `written-first-stage: --dense-feedback "${item}" is not chunks:weight (e.g. 5:0.5)`,
      );
    const denseFeedback = { chunks: chunks!, weight: weight! };
    const tag = `${chunks}/${weight}`;
    const head = { ...NO_FEEDBACK, ...FILE_RERANKER_FIRST_STAGE };
    return [
      {
        name: `dense-fb ${tag}`,
        mode: 'hybrid',
        settings: { ...NO_FEEDBACK, bm25Weight: 0, denseFeedback },
      },
      { name: `hybrid-fb ${tag}`, mode: 'hybrid', settings: { ...NO_FEEDBACK, denseFeedback } },
      { name: `head-fb ${tag}`, mode: 'hybrid', settings: { ...head, denseFeedback } },
    ] as FirstStageRanker[];
  });
}

interface Scored {
  readonly ndcg: number[];
  readonly recall: number[];
}

/** Brute-force cosine over unit vectors (what training heads use). */
function cosineSearch(chunks: readonly Chunk[], vectors: readonly Float32Array[]) {
  return (query: Float32Array, limit: number): ScoredChunk[] =>
    vectors
      .map((v, i) => {
        let dot = 0;
        for (let k = 0; k < v.length; k++) dot += v[k]! * query[k]!;
        return { chunkId: chunks[i]!.id, score: dot };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
}

/** Remembers each leg's answer to the last question, so the rankers of one question share their legs. */
function lastAnswer<A extends unknown[], R>(key: (...args: A) => string, run: (...args: A) => R) {
  let last: { key: string; value: R } | undefined;
  return (...args: A): R => {
    const k = key(...args);
    if (last?.key !== k) last = { key: k, value: run(...args) };
    return last.value;
  };
}

async function packageLegs(chunks: readonly Chunk[], embedder: Embedder): Promise<SearchLegs> {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const vectors = await embedder.embed(chunks.map((c) => `${c.headings.join(' ')}\n${c.text}`));
  const wink = createWinkIndex(chunks);
  const cosine = cosineSearch(chunks, vectors);
  const embed = lastAnswer(
    (texts: readonly string[]) => texts.join('\0'),
    (t: readonly string[]) => embedder.embed(t),
  );
  return {
    sparse: {
      search: lastAnswer(
        (q: string, n: number) => `${q}\0${n}`,
        (q: string, n: number) => wink.search(q, n),
      ),
    },
    dense: {
      embedder: { ...embedder, embed },
      search: lastAnswer((v: Float32Array, n: number) => `${v.join(',')}\0${n}`, cosine),
    },
    reranker: null,
    chunks: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
}

/** Every `step`-th question so a limit still spreads over the package's pages. */
function spread<T>(items: readonly T[], limit: number | undefined): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

async function scorePackage(
  name: string,
  repo: string,
  embedder: Embedder,
  rankers: readonly FirstStageRanker[],
  limit: number | undefined,
): Promise<Map<string, Scored>> {
  const textFile = join(repo, 'bench/cache/models-train/text', `${name}.txt`);
  if (!existsSync(textFile)) {
    throw new InvalidInputError(
      `written-first-stage: ${textFile} is missing (run npm run train:models once to fetch the training text)`,
    );
  }
  const paths = existsSync(pagePathsFile(textFile)) ? readPagePaths(textFile) : undefined;
  const text = readFileSync(textFile, 'utf8');
  const written = writtenQuestions(name, text, writtenQuestionsDir(), paths);
  const chunks = chunkCorpus(written.docs, name);
  const legs = await packageLegs(chunks, embedder);
  const scores = new Map(rankers.map((r) => [r.name, { ndcg: [] as number[], recall: [] as number[] }]));
  for (const question of spread(written.questions, limit)) {
    for (const ranker of rankers) {
      const { results } = await searchLegs(
        { question: question.question, k: HEAD, mode: ranker.mode, rerank: false, explain: false },
        legs,
        ranker.settings,
      );
      const files = distinctFiles(results.map((result) => result.source));
      scores.get(ranker.name)!.ndcg.push(ndcgAt(files, question.relevant));
      scores.get(ranker.name)!.recall.push(recallAt(files, question.relevant, HEAD));
    }
  }
  return scores;
}

/** The packages a `--packages` value names: `dev`, `held-out`, or a comma-separated list. */
export function packagesOf(text: string): string[] {
  if (text === 'dev') return [...WRITTEN_DEV];
  if (text === 'held-out') return [...WRITTEN_HELD_OUT];
  return text.split(',');
}

function selectRankers(all: readonly FirstStageRanker[], wanted: string | undefined): FirstStageRanker[] {
  if (wanted === undefined) return [...all];
  return wanted.split(',').map((name) => {
    const ranker = all.find((r) => r.name === name);
    if (ranker === undefined) {
      throw new InvalidInputError(
        `written-first-stage: unknown ranker "${name}" (known: ${all.map((r) => r.name).join(', ')})`,
      );
    }
    return ranker;
  });
}

const fmt = (value: number) => value.toFixed(3);

/** Table rows: each ranker's means and, against the baseline, the paired gains and their p-values. */
export function formatTable(scores: ReadonlyMap<string, Scored>, baseline: string): string[] {
  const base = scores.get(baseline)!;
  return [...scores].map(([name, s]) => {
    const vs =
      name === baseline
        ? '(baseline)'
        : (['ndcg', 'recall'] as const)
            .map((metric) => {
              const test = pairedPermutationTest(s[metric], base[metric], { rounds: 5000, seed: 7 });
              return `${metric} ${test.difference >= 0 ? '+' : ''}${fmt(test.difference)} p ${test.p.toFixed(4)}`;
            })
            .join('  ');
    return `${name.padEnd(16)} nDCG@10 ${fmt(mean(s.ndcg))}  recall@30 ${fmt(mean(s.recall))}  ${vs}`;
  });
}

export async function runWrittenBench(
  argv: readonly string[],
  rankers: readonly FirstStageRanker[] = WRITTEN_RANKERS,
): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: [...argv],
    options: {
      packages: { type: 'string', default: 'dev' },
      limit: { type: 'string' },
      rankers: { type: 'string' },
      baseline: { type: 'string', default: 'hybrid' },
      json: { type: 'boolean', default: false },
      'dense-feedback': { type: 'string' },
    },
  });
  const fb = values['dense-feedback'];
  const known = [...rankers, ...(fb === undefined ? [] : denseFeedbackRankers(fb))];
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new InvalidInputError(`written-first-stage: --limit "${values.limit}" must be a positive integer`);
  const chosen = selectRankers(known, values.rankers);
  if (!chosen.some((r) => r.name === values.baseline))
    throw new InvalidInputError(
      `written-first-stage: the baseline "${values.baseline}" is not among the rankers`,
    );
  const repo = findRepoRoot(import.meta.dirname);
  if (!existsSync(join(shippedModelDir(), 'manifest.json')))
    throw new InvalidInputError('written-first-stage: no shipped models in embeddings/ (run npm run build)');
  const embedder = await createModelProvider().embedder(null);
  if (embedder === null)
    throw new InvalidInputError('written-first-stage: the shipped embedder did not load');
  const all = new Map(chosen.map((r) => [r.name, { ndcg: [] as number[], recall: [] as number[] }]));
  const perPackage: Record<string, Record<string, { ndcg: number; recall: number; n: number }>> = {};
  for (const name of packagesOf(values.packages)) {
    const started = Date.now();
    const scores = await scorePackage(name, repo, embedder, chosen, limit);
    perPackage[name] = {};
    for (const [ranker, s] of scores) {
      all.get(ranker)!.ndcg.push(...s.ndcg);
      all.get(ranker)!.recall.push(...s.recall);
      perPackage[name][ranker] = { ndcg: mean(s.ndcg), recall: mean(s.recall), n: s.ndcg.length };
    }
    if (!values.json) {
      const n = scores.values().next().value?.ndcg.length ?? 0;
      console.log(`## ${name}: ${n} questions, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      for (const line of formatTable(scores, values.baseline)) console.log(line);
    }
  }
  if (values.json) {
    const overall = Object.fromEntries(
      [...all].map(([name, s]) => [name, { ndcg: mean(s.ndcg), recall: mean(s.recall) }]),
    );
    console.log(JSON.stringify({ perPackage, all: overall }, null, 2));
    return;
  }
  console.log(`## all: ${all.values().next().value?.ndcg.length ?? 0} questions`);
  for (const line of formatTable(all, values.baseline)) console.log(line);
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => runWrittenBench(process.argv.slice(2)));
