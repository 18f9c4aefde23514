/**
 * Does a collection's fusion choice carry over to real questions? Each Debian training package's pages
 * (the written bench's page corpus, written-first-stage.ts) become a folder indexed as `batuta index`
 * indexes it (indexCollection: chunks, FTS5, HNSW, the collection's own calibration); then the package's
 * written questions run through the real first stage (searchLegs, no reranking, the shipped dense
 * feedback) for each leg alone, every fusion of the calibration grid (and a few that weigh dense more)
 * and the stored choice. The pseudo-questions' per-question scores are saved beside them, so choice rules
 * (calibration-rules.ts) can be compared offline on the same answers:
 *   node dist/bench/retrieval/calibration-packages.js [--packages dev|held-out|a,b] [--adapt] [--limit N]
 * A package named `set:S` is instead bench set S's dev half over its corpus folder (S: a named set, batuta-docs
 * with --corpus-root; or a set file, e.g. set:bench/retrieval/outside/pip-md-questions.yaml --corpus-root /tmp/pip).
 * Without --adapt the collection keeps the shipped embedder (adaptation takes minutes per package on a
 * loaded machine); every pseudo-question is then asked. Cached under bench/cache/calibration/<mode>/<package>/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import {
  answerNdcg,
  type CalibrationCase,
  FIRST_STAGE_GRID,
  firstStageFiles,
  LEGS_ALONE,
} from '../../src/retrieval/fusion/calibrate.js';
import { describeFirstStage, type FirstStage } from '../../src/retrieval/fusion/first-stage.js';
import { parseFusionRecord } from '../../src/retrieval/fusion/record.js';
import { askAll } from '../../src/retrieval/indexing/calibrate-ask.js';
import { calibrationInput, storedTarget } from '../../src/retrieval/indexing/calibrate-collection.js';
import type { CalibrationInput } from '../../src/retrieval/indexing/calibrate-legs.js';
import { indexCollection } from '../../src/retrieval/indexing/indexer.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import type { SearchMode } from '../../src/retrieval/request.js';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../src/retrieval/search/hybrid.js';
import { createStoredSource } from '../../src/retrieval/search/stored-source.js';
import { pagePathsFile, readPagePaths } from '../../src/retrieval/train/debian-corpus.js';
import { writtenQuestions, writtenQuestionsDir } from '../../src/retrieval/train/written-questions.js';
import type { ModelProvider } from '../../src/retrieval/types.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { ndcgAt } from '../lib/metrics.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { distinctFiles } from './rankers.js';
import { corpusRootOf, setPath } from './set-location.js';
import { packagesOf } from './written-first-stage.js';

/** Fusions beyond the grid that weigh the dense leg more (measured, never chosen by the shipped grid). */
export const DENSE_HEAVY: readonly FirstStage[] = [
  { method: 'convex', rrfK: 60, bm25Weight: 0.3, denseWeight: 0.7 },
  { method: 'convex', rrfK: 60, bm25Weight: 0.1, denseWeight: 0.9 },
  { method: 'rrf', rrfK: 60, bm25Weight: 0.5, denseWeight: 1 },
];

/** One package's answers: pseudo-questions (index time) and written questions (real), per question. */
export interface PackageScores {
  readonly name: string;
  readonly record: unknown;
  readonly pseudo: {
    readonly kinds: ReadonlyArray<'heading' | 'sentence'>;
    /** nDCG@10 per pseudo-question of each leg alone and each stage, by describeFirstStage, as calibration asks. */
    readonly scores: Readonly<Record<string, readonly number[]>>;
    /** The same with the dense leg asked without the search's feedback (how calibration asked before version 3). */
    readonly unfed?: Readonly<Record<string, readonly number[]>>;
  };
  /** nDCG@10 per written question: `bm25`, `dense` (legs alone, as eval.js runs them), each stage, `chosen`. */
  readonly written: Readonly<Record<string, readonly number[]>>;
}

/** The models indexing uses here: no reranker (the first stage is chosen before it), no adaptation unless asked. */
function benchModels(adapt: boolean): ModelProvider {
  const shipped = createModelProvider();
  return {
    embedder: (dir, wanted) => shipped.embedder(dir, wanted),
    reranker: async () => null,
    ...(adapt && shipped.adapt ? { adapt: shipped.adapt.bind(shipped) } : {}),
  };
}

/** Writes the package's pages as files (once) and returns its written questions against those paths. */
export function packagePages(repo: string, name: string, root: string) {
  const textFile = join(repo, 'bench/cache/models-train/text', `${name}.txt`);
  if (!existsSync(textFile))
    throw new InvalidInputError(`calibration-packages: ${textFile} is missing (run npm run train:models)`);
  const paths = existsSync(pagePathsFile(textFile)) ? readPagePaths(textFile) : undefined;
  const text = readFileSync(textFile, 'utf8');
  const written = writtenQuestions(name, text, writtenQuestionsDir(), paths);
  const local = (path: string) => path.slice(name.length + 1);
  if (!existsSync(join(root, '.written'))) {
    for (const doc of written.docs) {
      const file = join(root, local(doc.path));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, doc.text);
    }
    writeFileSync(join(root, '.written'), `${written.docs.length}\n`);
  }
  return written.questions.map((q) => ({
    question: q.question,
    relevant: Object.fromEntries(Object.entries(q.relevant).map(([path, grade]) => [local(path), grade])),
  }));
}

/** Indexes `root` as the collection `name` with `models`, unless it is already indexed and calibrated. */
export async function indexOnce(name: string, root: string, dbPath: string, models: ModelProvider) {
  const store = IndexStore.open(dbPath);
  try {
    const collection = store.getCollection(name);
    if (collection !== null && store.fusionRecord(collection.id) !== null) return;
    const summary = await indexCollection({ name, root, store, models, ...collectionFiles(dbPath, name) });
    process.stderr.write(`${name}: indexed, fusion ${summary.fusion?.chosen ?? 'none'}\n`);
  } finally {
    store.close();
  }
}

/**
 * Runs `use` on a stored package collection's calibration input, built as indexing builds it (`tool` names the
 * bench in the one-line refusal), then closes the collection's source and store.
 */
export async function withCalibrationInput<T>(
  tool: string,
  name: string,
  dbPath: string,
  models: ModelProvider,
  use: (input: CalibrationInput, store: IndexStore, collectionId: number) => Promise<T>,
): Promise<T> {
  const store = IndexStore.open(dbPath, { readOnly: true });
  const collection = store.getCollection(name)!;
  const target = storedTarget(store, collection.id, collectionFiles(dbPath, name).modelDir);
  const source = target.source(models);
  try {
    const input = await calibrationInput({
      target,
      name,
      models,
      source,
      embedder: collection.embedder ?? '',
      started: performance.now(),
    });
    if ('note' in input) throw new InvalidInputError(`${tool}: ${name}: ${input.note}`);
    return await use(input, store, collection.id);
  } finally {
    await source.close();
    store.close();
  }
}

/** The pseudo-questions as calibration asks them, scored for every leg and stage. */
async function pseudoScores(name: string, dbPath: string, models: ModelProvider, stages: FirstStage[]) {
  return withCalibrationInput('calibration-packages', name, dbPath, models, async (input, store, id) => {
    const scored = (cases: readonly CalibrationCase[]) =>
      Object.fromEntries(
        [LEGS_ALONE.bm25, LEGS_ALONE.dense, ...stages].map((stage) => [
          describeFirstStage(stage),
          cases.map((c) => answerNdcg(firstStageFiles(stage, c), c.answer)),
        ]),
      );
    const asked = await askAll(input);
    const unfed = await askAll(input, () => {}, null);
    return {
      record: parseFusionRecord(store.fusionRecord(id)),
      pseudo: {
        kinds: input.questions.map((q) => q.kind),
        scores: scored(asked.cases),
        unfed: scored(unfed.cases),
      },
    };
  });
}

/** Remembers each leg's last answer, so the rankers of one question share their legs. */
function remembering(legs: SearchLegs): SearchLegs {
  const last = <A extends unknown[], R>(key: (...args: A) => string, run: (...args: A) => R) => {
    let kept: { key: string; value: R } | undefined;
    return (...args: A): R => {
      const k = key(...args);
      if (kept?.key !== k) kept = { key: k, value: run(...args) };
      return kept.value;
    };
  };
  const dense = legs.dense!;
  return {
    ...legs,
    sparse: {
      search: last(
        (q: string, n: number) => `${q}\0${n}`,
        (q, n) => legs.sparse.search(q, n),
      ),
    },
    dense: {
      embedder: {
        ...dense.embedder,
        embed: last(
          (t: readonly string[]) => t.join('\0'),
          (t) => dense.embedder.embed(t),
        ),
      },
      search: last(
        (v: Float32Array, n: number) => `${v.join(',')}\0${n}`,
        (v, n) => dense.search(v, n),
      ),
    },
  };
}

async function writtenScores(
  name: string,
  dbPath: string,
  models: ModelProvider,
  questions: ReturnType<typeof packagePages>,
  rankers: ReadonlyArray<{ name: string; mode: SearchMode; stage: FirstStage }>,
) {
  const source = createStoredSource({ dbPath, models, noModels: 'no models' });
  try {
    const legs = remembering(await source.legs(name, 'hybrid', null));
    const scores = Object.fromEntries(rankers.map((r) => [r.name, [] as number[]]));
    for (const q of questions) {
      for (const ranker of rankers) {
        const { results } = await searchLegs(
          { question: q.question, k: 30, mode: ranker.mode, rerank: false, explain: false },
          legs,
          { ...FUSION_DEFAULTS, ...ranker.stage },
        );
        scores[ranker.name]!.push(ndcgAt(distinctFiles(results.map((r) => r.source)), q.relevant));
      }
    }
    return scores;
  } finally {
    await source.close();
  }
}

/** A bench set's dev half over its corpus folder (indexed as the collection `name`). */
function devHalf(repo: string, set: string, corpusRoot: string | undefined) {
  const file = setPath(repo, set, 'calibration-packages');
  const full = loadQuestionSet(file);
  const questions = full.questions.filter((q) => q.split === 'dev');
  const root = corpusRootOf(repo, full, file, corpusRoot, 'calibration-packages');
  return { root, questions: questions.map((q) => ({ question: q.question, relevant: q.relevant })) };
}

/** The collection (and cache folder) name of a package or set: `set:S` → `set-S`, a set file by its base name. */
export function collectionOf(name: string): string {
  return name.replace(/^set:(.*\/)?/, 'set-').replace(/-questions\.yaml$|\.yaml$/, '');
}

/**
 * Indexes, calibrates and measures one package (or, as `set:NAME`, a bench set's dev half over its
 * corpus), or reads its cached scores.
 */
export async function packageScores(
  repo: string,
  name: string,
  adapt: boolean,
  limit?: number,
  corpusRoot?: string,
): Promise<PackageScores> {
  const collection = collectionOf(name);
  const dir = join(repo, 'bench/cache/calibration', adapt ? 'adapted' : 'shipped', collection);
  const cached = join(dir, `scores${limit === undefined ? '' : `-${limit}`}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as PackageScores;
  const pages = join(dir, 'pages');
  mkdirSync(dir, { recursive: true });
  const set = name.startsWith('set:') ? devHalf(repo, name.slice(4), corpusRoot) : null;
  if (set === null) mkdirSync(pages, { recursive: true });
  const root = set?.root ?? pages;
  const all = set?.questions ?? packagePages(repo, name, root);
  const questions =
    limit === undefined || limit >= all.length
      ? all
      : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]!);
  const dbPath = join(dir, 'index.db');
  const models = benchModels(adapt);
  await indexOnce(collection, root, dbPath, models);
  const stages = [...FIRST_STAGE_GRID, ...DENSE_HEAVY];
  const { record, pseudo } = await pseudoScores(collection, dbPath, models, stages);
  if (record === null) throw new InvalidInputError(`calibration-packages: ${name} has no fusion record`);
  const rankers = [
    { name: 'bm25', mode: 'bm25' as const, stage: LEGS_ALONE.bm25 },
    { name: 'dense', mode: 'dense' as const, stage: LEGS_ALONE.dense },
    ...stages.map((stage) => ({ name: describeFirstStage(stage), mode: 'hybrid' as const, stage })),
    { name: 'chosen', mode: 'hybrid' as const, stage: record.firstStage },
  ];
  const written = await writtenScores(collection, dbPath, models, questions, rankers);
  const result: PackageScores = { name, record, pseudo, written };
  writeFileSync(cached, `${JSON.stringify(result)}\n`);
  return result;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: [...argv],
    options: {
      packages: { type: 'string', default: 'dev' },
      adapt: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'corpus-root': { type: 'string' },
    },
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const repo = findRepoRoot(import.meta.dirname);
  for (const name of packagesOf(values.packages)) {
    const started = Date.now();
    const s = await packageScores(repo, name, values.adapt, limit, values['corpus-root']);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    const line = Object.entries(s.written)
      .map(([ranker, xs]) => `${ranker} ${mean(xs).toFixed(3)}`)
      .join(' | ');
    console.log(`${name} (${((Date.now() - started) / 1000).toFixed(0)} s): ${line}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
