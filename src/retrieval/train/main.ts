/**
 * `npm run train:models`: rebuilds every shipped model from nothing — fetches the Debian documentation
 * packages, trains the base word vectors, trains the file-level reranker, writes embeddings/ and its
 * manifest. Deterministic for a seed (single-threaded training; the reranker's training has no randomness). Progress goes to stderr.
 * `--reranker-only` keeps the embedder already in `--out` and retrains the reranker with it;
 * `--exclude-packages a,b` (with `--reranker-only`) leaves those packages out of the reranker's training
 * entirely, for leave-package-out evaluation (bench/retrieval/lpo.ts). `--train-heads stored` records the
 * reranker's training heads as stored collections search (stored-heads.ts; about 1 min per training corpus,
 * 72 corpora) instead of over in-memory legs (`memory`, the shipped reranker's recipe); with it,
 * `--keep-indexes DIR` keeps each training collection's index under DIR and reuses it when its files and
 * embedder are the same (a later run then only searches it again).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, InvalidInputError } from '../../errors.js';
import { EMBEDDER_FILE } from '../dense/model-files.js';
import { createModelProvider } from '../models/provider.js';
import { buildFileRerankerOnnx } from '../onnx/reranker-graph.js';
import { FILE_FEATURE_NAMES } from '../rerank/file-features.js';
import { FILE_RERANKER_FILE } from '../rerank/file-reranker.js';
import {
  encodeTranslationTable,
  TRANSLATION_FILE,
  type TranslationTable,
  translationTableOf,
} from '../rerank/translation-table.js';
import { buildTextCorpus, HELD_OUT_PACKAGES, MODEL_PACKAGES, readPagePaths } from './debian-corpus.js';
import { packageEmbedder, packageFiles } from './package-models.js';
import { checkExcluded, type PackageText, parsePackageList, selectPackages } from './package-selection.js';
import { FAQ_WEIGHT, NATURAL_SHARES, TRAINING_LIMITS } from './rerank-data.js';
import {
  combineHeads,
  fitReranker,
  recordKeywordHeads,
  recordNaturalHeads,
  type TrainingHeads,
} from './reranker-training.js';
import { type HeadRecording, headRecorder, headRecordingOf } from './stored-heads.js';
import {
  BASE_EMBEDDER_DEFAULTS,
  loadRawVectors,
  readPages,
  saveRawVectors,
  trainBaseVectors,
} from './train-embedder.js';
import { LINEAR_DEFAULTS } from './train-file-reranker.js';
import { TRANSLATION_DEFAULTS } from './translation-model.js';
import { trainTranslationTable } from './translation-training.js';

const REBUILD = 'run npm run train:models';

function logger(): (line: string) => void {
  const started = performance.now();
  return (line) =>
    process.stderr.write(`train: ${line} [${((performance.now() - started) / 1000).toFixed(0)} s]\n`);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cache: { type: 'string', default: 'bench/cache/models-train' },
      out: { type: 'string', default: 'embeddings' },
      seed: { type: 'string', default: String(BASE_EMBEDDER_DEFAULTS.seed) },
      'reuse-vectors': { type: 'boolean', default: false },
      'skip-reranker': { type: 'boolean', default: false },
      'reranker-only': { type: 'boolean', default: false },
      'exclude-packages': { type: 'string', default: '' },
      'train-heads': { type: 'string', default: 'memory' },
      'keep-indexes': { type: 'string' },
    },
  });
  const recording = headRecordingOf(values['train-heads']);
  if (values['keep-indexes'] !== undefined && recording !== 'stored')
    throw new InvalidInputError(
      '--keep-indexes keeps the indexes of stored heads (add --train-heads stored)',
    );
  const excluded = parsePackageList(values['exclude-packages']);
  if (excluded.length > 0 && !values['reranker-only'])
    throw new InvalidInputError('--exclude-packages applies to the reranker only (add --reranker-only)');
  checkExcluded(excluded);
  const log = logger();
  const cache = resolve(values.cache);
  const out = resolve(values.out);
  const seed = Number(values.seed);
  const files = buildTextCorpus(cache, log);
  const keep = values['keep-indexes'];
  const heads = { recording, keep: keep === undefined ? null : resolve(keep) };
  if (values['reranker-only']) {
    await trainShippedReranker(out, selectPackages(files, excluded), heads, log);
    return;
  }
  const pages = readPages(selectPackages(files).map((pkg) => pkg.file));
  const rawDir = join(cache, `vectors-seed-${seed}`);
  const options = { ...BASE_EMBEDDER_DEFAULTS, seed };
  const reuse = values['reuse-vectors'] && existsSync(join(rawDir, 'words.txt'));
  const started = performance.now();
  const vectors = reuse ? loadRawVectors(rawDir) : trainBaseVectors(pages, options, log);
  if (!reuse) saveRawVectors(rawDir, vectors);
  const trainSeconds = reuse ? null : Math.round((performance.now() - started) / 1000);
  packageEmbedder(out, vectors, {
    file: `${EMBEDDER_FILE}.onnx`,
    kind: 'skip-gram word vectors, SIF pooling, int8',
    packages: MODEL_PACKAGES.map((p) => p.name),
    heldOut: [...HELD_OUT_PACKAGES],
    ...options,
    vocabulary: vectors.words.length,
    trainSeconds,
  });
  log(`embedder written to ${out}`);
  if (values['skip-reranker']) return;
  await trainShippedReranker(out, selectPackages(files), heads, log);
}

/** How the training heads are recorded (`--train-heads`) and where stored heads' indexes are kept (null: not). */
interface HeadsOptions {
  readonly recording: HeadRecording;
  readonly keep: string | null;
}

/**
 * Records the training heads of every package with the shipped base embedder: over in-memory legs (wink BM25
 * and brute-force cosine of the base embedder, the shipped reranker's recipe) or, with `heads.stored`, each
 * training corpus indexed as a collection and searched as a stored collection searches (stored-heads.ts: FTS5
 * legs, the embedder adapted to the corpus). The keyword experts' files are named `PACKAGE/pN.md` as they
 * were trained; the natural expert's pages carry their real html path (`readPagePaths`), as files of real
 * collections do, and `translation` gives their translation column.
 */
async function recordTrainingHeads(
  out: string,
  packages: readonly PackageText[],
  translation: TranslationTable,
  heads: HeadsOptions,
  log: (line: string) => void,
): Promise<TrainingHeads> {
  const record = await headRecorder(heads.recording, createModelProvider({ dir: out }), heads.keep);
  const parts: TrainingHeads[] = [];
  for (const { name, file } of packages) {
    const text = readFileSync(file, 'utf8');
    const keyword = await recordKeywordHeads(name, text, record);
    const natural = await recordNaturalHeads(name, text, readPagePaths(file), record, translation);
    parts.push({ keyword, natural });
    const count = (units: Record<string, unknown[]>) =>
      Object.values(units)
        .map((u) => u.length)
        .join(' + ');
    log(
      `reranker: ${name} done (${count({ ...keyword })} keyword, ${count({ ...natural })} natural questions)`,
    );
  }
  return combineHeads(parts);
}

/** Trains the file-level reranker (reranker-training.ts) and ships it with its translation table. */
async function trainShippedReranker(
  out: string,
  packages: readonly PackageText[],
  heads: HeadsOptions,
  log: (line: string) => void,
) {
  const started = performance.now();
  const table = trainTranslationTable(packages, log);
  const tableBytes = encodeTranslationTable(table.rows);
  const translation = translationTableOf(tableBytes, TRANSLATION_FILE, REBUILD);
  const recorded = await recordTrainingHeads(out, packages, translation, heads, log);
  const { model, repeats } = fitReranker(recorded);
  const written = {
    [FILE_RERANKER_FILE]: buildFileRerankerOnnx(model),
    [TRANSLATION_FILE]: tableBytes,
  };
  packageFiles(out, written, 'reranker', {
    file: FILE_RERANKER_FILE,
    kind: 'file-level features; linear experts (keyword questions: section / page files with a logistic gate; natural questions), RankNet loss',
    features: [...FILE_FEATURE_NAMES],
    trainingQuestions: {
      section: recorded.keyword.section.length,
      page: recorded.keyword.page.length,
      faq: recorded.keyword.faq.length,
      asked: recorded.natural.asked.length,
      written: recorded.natural.written.length,
    },
    ...excludedNote(packages),
    trainingHeads: heads.recording === 'stored' ? 'stored collections' : 'in-memory legs',
    faqWeight: FAQ_WEIGHT,
    naturalShares: NATURAL_SHARES,
    naturalWeights: repeats,
    naturalPagePaths: 'html path in the package',
    ...TRAINING_LIMITS,
    ...LINEAR_DEFAULTS,
    gate: model.gate,
    translation: {
      file: TRANSLATION_FILE,
      pairs: table.pairs,
      questionStems: table.rows.size,
      ...TRANSLATION_DEFAULTS,
    },
    trainSeconds: Math.round((performance.now() - started) / 1000),
  });
  log(`reranker written to ${out}`);
}

/** The manifest note naming the packages a leave-package-out model did not see (none for the shipped one). */
function excludedNote(packages: readonly PackageText[]) {
  const kept = new Set(packages.map((pkg) => pkg.name));
  const excluded = MODEL_PACKAGES.map((pkg) => pkg.name).filter((name) => !kept.has(name));
  return excluded.length === 0 ? {} : { excludedPackages: excluded };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`train: ${describeError(error)}\n`);
  process.exitCode = 1;
});
