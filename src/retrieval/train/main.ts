/**
 * `npm run train:models`: rebuilds every shipped model from nothing — fetches the Debian documentation
 * packages, trains the base word vectors, trains the file-level reranker, writes embeddings/ and its
 * manifest. Deterministic for a seed (single-threaded training; the reranker's training has no randomness). Progress goes to stderr.
 * `--reranker-only` keeps the embedder already in `--out` and retrains the reranker with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../../errors.js';
import { EMBEDDER_FILE } from '../dense/model-files.js';
import { createModelProvider } from '../models/provider.js';
import { buildFileRerankerOnnx } from '../onnx/reranker-graph.js';
import {
  FILE_FEATURE_COUNT,
  FILE_FEATURE_NAMES,
  isNaturalQuestion,
  NATURAL_FEATURES,
} from '../rerank/file-features.js';
import { FILE_RERANKER_FILE } from '../rerank/file-reranker.js';
import {
  encodeTranslationTable,
  TRANSLATION_FILE,
  type TranslationTable,
  translationTableOf,
} from '../rerank/translation-table.js';
import { buildTextCorpus, HELD_OUT_PACKAGES, readPagePaths, TRAINING_PACKAGES } from './debian-corpus.js';
import { packageEmbedder, packageFiles } from './package-models.js';
import { FAQ_WEIGHT, NATURAL_SHARES, naturalRepeats, TRAINING_LIMITS } from './rerank-data.js';
import {
  BASE_EMBEDDER_DEFAULTS,
  loadRawVectors,
  readPages,
  saveRawVectors,
  trainBaseVectors,
} from './train-embedder.js';
import { LINEAR_DEFAULTS, trainFileReranker } from './train-file-reranker.js';
import {
  corpusHeads,
  type HeadGroup,
  headChunksPerFile,
  packageHeads,
  rankGroupOf,
  repeated,
  TRAINING_FUSION,
} from './training-heads.js';
import { TRANSLATION_DEFAULTS } from './translation-model.js';
import { trainTranslationTable } from './translation-training.js';
import { WRITTEN_QUESTIONS_DIR, writtenQuestions } from './written-questions.js';

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
    },
  });
  const log = logger();
  const cache = resolve(values.cache);
  const out = resolve(values.out);
  const seed = Number(values.seed);
  const files = buildTextCorpus(cache, log);
  if (values['reranker-only']) {
    await trainShippedReranker(out, files, log);
    return;
  }
  const pages = readPages(files);
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
    packages: TRAINING_PACKAGES.map((p) => p.name),
    heldOut: [...HELD_OUT_PACKAGES],
    ...options,
    vocabulary: vectors.words.length,
    trainSeconds,
  });
  log(`embedder written to ${out}`);
  if (values['skip-reranker']) return;
  await trainShippedReranker(out, files, log);
}

/** Heads of every training unit: the keyword experts' (synthetic page paths) and the natural expert's. */
interface TrainingHeads {
  readonly section: HeadGroup[];
  readonly page: HeadGroup[];
  readonly faq: HeadGroup[];
  readonly natural: { readonly faq: HeadGroup[]; readonly asked: HeadGroup[]; readonly written: HeadGroup[] };
}

/**
 * A package's written questions (train/questions/) that are phrased as questions, the only ones the
 * natural-question expert scores, over its pages named by `paths`.
 */
function naturalWritten(name: string, text: string, paths: readonly string[]) {
  const { docs, questions } = writtenQuestions(name, text, WRITTEN_QUESTIONS_DIR, paths);
  return { docs, questions: questions.filter((q) => isNaturalQuestion(q.question)) };
}

/**
 * Records the training heads of every package (each through the production first stage with the shipped
 * base embedder). The keyword experts' files are named `PACKAGE/pN.md` as they were trained; the natural
 * expert's pages carry their real html path (`readPagePaths`), as files of real collections do, and
 * `translation` gives their translation column.
 */
async function recordTrainingHeads(
  out: string,
  files: readonly string[],
  translation: TranslationTable,
  log: (line: string) => void,
) {
  const embedder = await createModelProvider({ dir: out }).embedder(null);
  const embedderFor = async () => embedder;
  const natural = { faq: [] as HeadGroup[], asked: [] as HeadGroup[], written: [] as HeadGroup[] };
  const heads: TrainingHeads = { section: [], page: [], faq: [], natural };
  for (const [i, file] of files.entries()) {
    const name = TRAINING_PACKAGES[i]!.name;
    const text = readFileSync(file, 'utf8');
    const paths = readPagePaths(file);
    for (const unit of ['section', 'page', 'faq'] as const)
      heads[unit].push(...(await packageHeads(name, text, embedderFor, unit)));
    for (const unit of ['faq', 'asked'] as const)
      natural[unit].push(
        ...(await packageHeads(name, text, embedderFor, unit, TRAINING_FUSION, paths, translation)),
      );
    const written = naturalWritten(name, text, paths);
    natural.written.push(...(await corpusHeads(name, written, embedderFor, TRAINING_FUSION, translation)));
    log(
      `reranker: ${name} done (${heads.section.length} + ${heads.page.length} + ${heads.faq.length} keyword, ` +
        `${natural.faq.length} + ${natural.asked.length} + ${natural.written.length} natural questions)`,
    );
  }
  return heads;
}

/**
 * Trains the file-level reranker and ships it. Keyword experts: heading questions over section files and
 * whole pages; the page expert also learns from the headings that are questions ("How do I …?"), counted
 * `FAQ_WEIGHT` times. Natural-question expert: those question headings, the questions the running text
 * asks and the written questions phrased as questions, each unit holding its `NATURAL_SHARES` of the weight (chosen on dev
 * splits, bench/RESULTS.md).
 */
async function trainShippedReranker(out: string, files: readonly string[], log: (line: string) => void) {
  const started = performance.now();
  const table = trainTranslationTable(files, log);
  const tableBytes = encodeTranslationTable(table.rows);
  const translation = translationTableOf(tableBytes, TRANSLATION_FILE, REBUILD);
  const heads = await recordTrainingHeads(out, files, translation, log);
  const data = (groups: HeadGroup[]) => ({
    groups: groups.map(rankGroupOf),
    multi: groups.map((g) => headChunksPerFile(g.rows)),
  });
  const repeats = naturalRepeats({
    faq: heads.natural.faq.length,
    asked: heads.natural.asked.length,
    written: heads.natural.written.length,
  });
  const natural = [
    ...repeated(heads.natural.faq, repeats.faq),
    ...repeated(heads.natural.asked, repeats.asked),
    ...repeated(heads.natural.written, repeats.written),
  ].map(rankGroupOf);
  const model = trainFileReranker(
    {
      section: data(heads.section),
      page: data([...heads.page, ...repeated(heads.faq, FAQ_WEIGHT)]),
      natural,
    },
    FILE_FEATURE_COUNT,
    NATURAL_FEATURES,
  );
  const written = {
    [FILE_RERANKER_FILE]: buildFileRerankerOnnx(model),
    [TRANSLATION_FILE]: tableBytes,
  };
  packageFiles(out, written, 'reranker', {
    file: FILE_RERANKER_FILE,
    kind: 'file-level features; linear experts (keyword questions: section / page files with a logistic gate; natural questions), RankNet loss',
    features: [...FILE_FEATURE_NAMES],
    trainingQuestions: {
      section: heads.section.length,
      page: heads.page.length,
      faq: heads.faq.length,
      asked: heads.natural.asked.length,
      written: heads.natural.written.length,
    },
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

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`train: ${describeError(error)}\n`);
  process.exitCode = 1;
});
