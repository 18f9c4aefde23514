/**
 * Reranker round 3 harness (file-level reranker over the production first stage). Two steps:
 *   node dist/bench/models/rerank-round3.js dump --set batuta-docs|specs|debian --reuse-adapted DIR [--depth 30]
 *     [--time-shipped: time the shipped reranker on every real head; the dump's `ms` then holds that time]
 *   node dist/bench/models/rerank-round3.js dump-train --unit section|page|faq|asked [--depth 30] [--adapted]
 *   node dist/bench/models/rerank-round3.js eval --sets batuta-docs,debian,specs --split dev [--drop f1,f2]
 *     [--moe --page-units page,faq,faq --natural-units faq,asked,asked: the shipped kind of model]
 * `dump` runs every question through search/hybrid.ts `searchLegs` and stores each head with its feature rows
 * under bench/cache/rerank/; `eval` trains the linear RankNet model on the training dumps and scores the
 * reranked heads against the first-stage order (file-level nDCG@10, paired randomization test).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { indexedText } from '../../src/retrieval/dense/vector-files.js';
import { sampleForAdaptation } from '../../src/retrieval/indexing/vector-sync.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { FILE_FEATURE_NAMES, isNaturalQuestion } from '../../src/retrieval/rerank/file-features.js';
import { type LinearModel, scoreFileHead, scoreLinear } from '../../src/retrieval/rerank/file-model.js';
import { FUSION_DEFAULTS } from '../../src/retrieval/search/hybrid.js';
import { TRAINING_PACKAGES } from '../../src/retrieval/train/debian-corpus.js';
import { selectPackages } from '../../src/retrieval/train/package-selection.js';
import type { TrainingUnit } from '../../src/retrieval/train/rerank-data.js';
import {
  LINEAR_DEFAULTS,
  trainFileReranker,
  trainLinearRanker,
} from '../../src/retrieval/train/train-file-reranker.js';
import {
  chunkCorpus,
  type HeadGroup,
  headChunksPerFile,
  packageHeads,
  recordHeads,
} from '../../src/retrieval/train/training-heads.js';
import type { Chunk } from '../../src/retrieval/types.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listDocuments, readDocument } from '../lib/corpus.js';
import { mean, ndcgAt, pairedPermutationTest } from '../lib/metrics.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { MODEL_SETS } from './sets.js';

const repo = findRepoRoot(import.meta.dirname);
const cacheDir = join(repo, 'bench/cache/rerank');
const log = (line: string) => process.stderr.write(`rerank3: ${line}\n`);

function save(name: string, groups: HeadGroup[]): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, `${name}.json`), JSON.stringify(groups));
  log(`${groups.length} heads → ${join(cacheDir, `${name}.json`)}`);
}

function load(name: string): HeadGroup[] {
  return JSON.parse(readFileSync(join(cacheDir, `${name}.json`), 'utf8')) as HeadGroup[];
}

/** A dense share of the first stage other than the shipped one (dumps are then tagged with it). */
type Share = number | undefined;

function tagOf(depth: number, share: Share): string {
  return share === undefined ? `d${depth}` : `d${depth}-a${share}`;
}

function shareSettings(share: Share) {
  return share === undefined ? {} : { bm25Weight: 1 - share, denseWeight: share };
}

async function dumpSet(
  set: string,
  reuse: string,
  depth: number,
  time: boolean,
  share: Share,
): Promise<void> {
  const named = MODEL_SETS[set]!;
  const full = loadQuestionSet(resolve(repo, named.file));
  const root = resolve(repo, named.corpus);
  const docs = listDocuments(root).map((path) => ({ path, text: readDocument(root, path) }));
  const chunks = chunkCorpus(docs, 'bench');
  const embedder = await createModelProvider().embedder(resolve(reuse));
  log(`${set}: ${chunks.length} chunks, embedder ${embedder.id}`);
  const questions = full.questions.map((q) => ({
    id: q.id,
    question: q.question,
    relevant: q.relevant,
    split: q.split,
  }));
  save(
    `${set}-${tagOf(depth, share)}`,
    await recordHeads(
      chunks,
      embedder,
      questions,
      { ...FUSION_DEFAULTS, ...shareSettings(share), rerankDepth: depth },
      time ? await createModelProvider().reranker() : null,
    ),
  );
}

/**
 * The training heads of the packages the models train on (selectPackages, as the trainer: no
 * evaluation-only book, whose questions leave-package-out fold 4 keeps unseen). With `adapted`, each
 * training collection is searched with the base embedder adapted to its chunks (as the index does), kept
 * under bench/cache/rerank-adapted/UNIT-PACKAGE for the next dump.
 */
async function dumpTrain(depth: number, unit: TrainingUnit, share: Share, adapted: boolean): Promise<void> {
  const provider = createModelProvider();
  const base = await provider.embedder(null);
  const all: HeadGroup[] = [];
  const text = join(repo, 'bench/cache/models-train/text');
  for (const pkg of selectPackages(TRAINING_PACKAGES.map((p) => join(text, `${p.name}.txt`)))) {
    const raw = readFileSync(pkg.file, 'utf8');
    const dir = join(repo, 'bench/cache/rerank-adapted', `${unit}-${pkg.name}`);
    const embedderFor = async (chunks: readonly Chunk[]) => {
      if (!adapted) return base;
      if (existsSync(join(dir, 'current.json'))) return provider.embedder(dir);
      mkdirSync(dir, { recursive: true });
      const texts = sampleForAdaptation(chunks.map((c) => indexedText(c.headings, c.text)));
      return provider.adapt!(texts, dir, () => {});
    };
    const heads = await packageHeads(pkg.name, raw, embedderFor, unit, {
      ...FUSION_DEFAULTS,
      ...shareSettings(share),
      rerankDepth: depth,
    });
    log(`${pkg.name}: ${heads.length} questions`);
    all.push(...heads);
  }
  save(`train-${unit}-${tagOf(depth, share)}${adapted ? '-adapted' : ''}`, all);
}

function rankGroups(groups: readonly HeadGroup[], keep: (k: number) => boolean) {
  return groups.map((g) => ({
    rows: g.rows.map((row) => row.filter((_, k) => keep(k))),
    grades: g.files.map((f) => g.relevant[f] ?? 0),
  }));
}

/** Scores a head's feature rows (all columns; a scorer drops what it does not use) for its question. */
type Scorer = (rows: readonly number[][], question: string) => number[];

function linearModel(model: LinearModel, keep: (k: number) => boolean): Scorer {
  return (rows) =>
    rows.map((row) =>
      scoreLinear(
        model,
        row.filter((_, k) => keep(k)),
      ),
    );
}

/**
 * The shipped kind of model (train-file-reranker.ts): section and page experts with the gate for keyword
 * questions, the natural-question expert (trained on `naturalUnits`) for questions phrased as questions.
 */
function moeModel(
  tag: string,
  keep: (k: number) => boolean,
  width: number,
  options: typeof LINEAR_DEFAULTS,
  units: { page: readonly string[]; natural: readonly string[] },
  trainTag: string,
): Scorer {
  const loaded = (names: readonly string[]) => names.flatMap((u) => load(`train-${u}-${tag}${trainTag}`));
  const expert = (names: readonly string[]) => {
    const groups = loaded(names);
    return { groups: rankGroups(groups, keep), multi: groups.map((g) => headChunksPerFile(g.rows)) };
  };
  const kept = FILE_FEATURE_NAMES.filter((_, k) => keep(k));
  const soft = new Set(kept.flatMap((name, k) => (name.startsWith('soft_') ? [k] : [])));
  const model = trainFileReranker(
    {
      section: expert(['section']),
      page: expert(units.page),
      natural: rankGroups(loaded(units.natural), keep),
    },
    width,
    soft,
    options,
  );
  const { a, b } = model.gate;
  log(
    `gate: ${a.toFixed(3)} · log mean chunks + ${b.toFixed(3)} (even at ${Math.exp(-b / a).toFixed(2)} chunks per file)`,
  );
  return (rows, question) =>
    scoreFileHead(
      model,
      rows.map((row) => row.filter((_, k) => keep(k))),
      headChunksPerFile(rows),
      units.natural.length > 0 && isNaturalQuestion(question),
    );
}

function evaluate(groups: readonly HeadGroup[], model: Scorer) {
  const base: number[] = [];
  const reranked: number[] = [];
  for (const g of groups) {
    base.push(ndcgAt(g.files, g.relevant));
    const scores = model(g.rows, g.question);
    const order = g.files.map((f, i) => ({ f, s: scores[i]! })).sort((a, b) => b.s - a.s);
    reranked.push(
      ndcgAt(
        order.map((x) => x.f),
        g.relevant,
      ),
    );
  }
  const test = pairedPermutationTest(reranked, base);
  return { n: groups.length, hybrid: mean(base), rerank: mean(reranked), p: test.p };
}

function runEval(values: Record<string, string | boolean | undefined>): void {
  const share = values['dense-share'] === undefined ? undefined : Number(values['dense-share']);
  const tag = tagOf(Number(values.depth), share);
  const drop = new Set(
    String(values.drop ?? '')
      .split(',')
      .filter(Boolean),
  );
  const names = [...FILE_FEATURE_NAMES];
  const keep = (k: number) => !drop.has(names[k]!);
  const width = names.length - drop.size;
  const train = String(values.train ?? 'section')
    .split(',')
    .flatMap((u) => load(`train-${u}-${tag}${values['train-tag'] ?? ''}`));
  const options = {
    ...LINEAR_DEFAULTS,
    ...(values.l2 ? { l2: Number(values.l2) } : {}),
    ...(values.steps ? { steps: Number(values.steps) } : {}),
  };
  let model: Scorer;
  const list = (value: unknown) =>
    String(value ?? '')
      .split(',')
      .filter(Boolean);
  if (values.moe)
    model = moeModel(
      tag,
      keep,
      width,
      options,
      { page: list(values['page-units']), natural: list(values['natural-units']) },
      String(values['train-tag'] ?? ''),
    );
  else {
    const linear = trainLinearRanker(rankGroups(train, keep), width, options);
    log(
      `weights: ${names
        .filter((_, k) => keep(k))
        .map((n, k) => `${n}=${linear.weights[k]!.toFixed(3)}`)
        .join(' ')}`,
    );
    model = linearModel(linear, keep);
  }
  for (const set of String(values.sets).split(',')) {
    const groups = load(`${set}-${tag}`).filter((g) => values.split === 'all' || g.split === values.split);
    const r = evaluate(groups, model);
    process.stdout.write(
      `${set} ${values.split} (${r.n}): hybrid ${r.hybrid.toFixed(3)} rerank ${r.rerank.toFixed(3)} ` +
        `diff ${(r.rerank - r.hybrid).toFixed(3)} p=${r.p.toFixed(3)}\n`,
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = benchFlags(import.meta.filename, {
    args: argv,
    allowPositionals: true,
    options: {
      set: { type: 'string' },
      sets: { type: 'string', default: 'batuta-docs,debian,specs' },
      split: { type: 'string', default: 'dev' },
      'reuse-adapted': { type: 'string' },
      depth: { type: 'string', default: String(FUSION_DEFAULTS.rerankDepth) },
      drop: { type: 'string' },
      'time-shipped': { type: 'boolean', default: false },
      moe: { type: 'boolean', default: false },
      unit: { type: 'string', default: 'section' },
      train: { type: 'string' },
      l2: { type: 'string' },
      steps: { type: 'string' },
      'dense-share': { type: 'string' },
      'page-units': { type: 'string', default: 'page,faq,faq' },
      'natural-units': { type: 'string', default: 'faq,asked,asked' },
      adapted: { type: 'boolean', default: false },
      'train-tag': { type: 'string', default: '' },
    },
  });
  const depth = Number(values.depth);
  const share = values['dense-share'] === undefined ? undefined : Number(values['dense-share']);
  if (positionals[0] === 'dump')
    await dumpSet(values.set!, values['reuse-adapted']!, depth, values['time-shipped'] === true, share);
  else if (positionals[0] === 'dump-train')
    await dumpTrain(depth, values.unit as TrainingUnit, share, values.adapted === true);
  else if (positionals[0] === 'eval') runEval(values);
  else throw new Error('rerank-round3: give dump, dump-train or eval');
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
