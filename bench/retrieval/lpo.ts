/**
 * Leave-package-out (LPO) evaluation of the file reranker: for each fixed fold of the Debian training
 * packages (lpo-lib.ts; `--folds 4` runs only the fourth, the books of short pages), fits the reranker
 * WITHOUT the fold's packages (no written, heading or asked questions and no translation pairs of theirs) and
 * scores the held-out packages' written questions: the reranker's first stage (its head, in fused order)
 * against that head reranked, nDCG@10, with paired randomization tests. The embedder is the shipped one (its
 * word vectors saw every package's text, no question); stored heads adapt it to each recorded collection as
 * `batuta index` does. Heads are cached under --out (lpo-heads.ts), so a run resumes; each fold's fitted model is
 * written there as a model folder. Deterministic. `--heads-code DIR` keys the cached heads by another
 * build's compiled src (a frozen copy of dist/src that recorded them) when this build changed only code
 * that does not record heads (fit, scoring). The held-out questions' heads are recorded as a stored collection
 * searches (train/stored-heads.ts; each corpus indexed once under --keep-indexes, default OUT/indexes, and
 * searched again by later runs). The folds' training heads are recorded over in-memory legs and the base
 * embedder (the shipped reranker's recipe, npm run train:models' default) or, with `--train-heads stored`, as a
 * stored collection searches (npm run train:models -- --train-heads stored): two runs differing only in that
 * flag score the same held-out heads (compare them with lpo-compare.js). The written questions are read from
 * the checkout the script belongs to (src/retrieval/train/questions), whatever the working directory; without
 * them it stops at once.
 *   node dist/bench/retrieval/lpo.js [--variants shipped,...] [--folds 1,2,3,4] [--out bench/cache/lpo] [--heads-code DIR]
 *     [--train-heads memory|stored] [--keep-indexes DIR] [--json]
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { readManifest, sha256, writeAtomic } from '../../src/retrieval/dense/model-files.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { buildFileRerankerOnnx } from '../../src/retrieval/onnx/reranker-graph.js';
import { FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import { FILE_RERANKER_FILE } from '../../src/retrieval/rerank/file-reranker.js';
import { TRANSLATION_FILE } from '../../src/retrieval/rerank/translation-table.js';
import { buildTextCorpus } from '../../src/retrieval/train/debian-corpus.js';
import { packageFiles } from '../../src/retrieval/train/package-models.js';
import {
  type PackageText,
  packageTexts,
  selectPackages,
} from '../../src/retrieval/train/package-selection.js';
import { combineHeads, type FittedReranker } from '../../src/retrieval/train/reranker-training.js';
import {
  type HeadRecording,
  headRecorder,
  headRecordingOf,
  storedRecorder,
} from '../../src/retrieval/train/stored-heads.js';
import { writtenQuestionsDir } from '../../src/retrieval/train/written-questions.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import {
  evalHeadsOf,
  type FoldTable,
  foldTable,
  headCodeKey,
  keywordHeadsOf,
  type LpoContext,
  naturalHeadsOf,
} from './lpo-heads.js';
import {
  compareVariants,
  type GroupSummary,
  LPO_FOLDS,
  type QuestionScore,
  scoreHead,
  selectFolds,
  summaryRows,
} from './lpo-lib.js';
import { fitVariant, LPO_VARIANTS } from './lpo-variants.js';

const REBUILD = 'rerun node dist/bench/retrieval/lpo.js';

/**
 * A fold's model folder: the embedder's files linked from `models`, the fitted reranker and the fold's table;
 * its manifest names the feature columns the fit read (and those the natural expert left out), which
 * readers of the folder check (lpo-lib.ts checkFeatures).
 */
function writeModelDir(
  dir: string,
  models: string,
  fitted: FittedReranker,
  table: Buffer,
  notes: { variant: string; excludedPackages?: readonly string[] },
) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(models)) {
    if (name === FILE_RERANKER_FILE || name === TRANSLATION_FILE || name.endsWith('.md')) continue;
    if (name === 'manifest.json') copyFileSync(join(models, name), join(dir, name));
    else linkSync(join(models, name), join(dir, name));
  }
  const onnx = buildFileRerankerOnnx(fitted.model);
  packageFiles(dir, { [FILE_RERANKER_FILE]: onnx, [TRANSLATION_FILE]: table }, 'reranker', {
    ...notes,
    features: [...FILE_FEATURE_NAMES],
    naturalWithout: LPO_VARIANTS[notes.variant]!.options.naturalWithout,
    naturalWeights: fitted.repeats,
    gate: fitted.model.gate,
  });
  return sha256(onnx);
}

function row(s: GroupSummary): string {
  const f = (v: number) => v.toFixed(3);
  const d = `${s.difference >= 0 ? '+' : ''}${s.difference.toFixed(3)}`;
  return `| ${s.name} | ${s.n} | ${f(s.first)} | ${f(s.reranked)} | ${d} | ${s.p.toFixed(4)} |`;
}

/** The fold's training heads: every kept package's keyword heads and its natural heads under the fold's table. */
async function foldHeads(ctx: LpoContext, fold: string, kept: readonly PackageText[], table: FoldTable) {
  const parts = [];
  for (const pkg of kept)
    parts.push({
      keyword: await keywordHeadsOf(ctx, pkg),
      natural: await naturalHeadsOf(ctx, fold, pkg, table),
    });
  return combineHeads(parts);
}

/** The context of a run: its cache folder, the key of every recorded head, the shipped embedder. */
async function contextOf(
  out: string,
  models: string,
  headsCode: string,
  heads: { train: HeadRecording; keep: string },
  log: (line: string) => void,
): Promise<LpoContext> {
  if (!existsSync(join(headsCode, 'retrieval')))
    throw new InvalidInputError(
      `--heads-code ${headsCode} holds no compiled retrieval/ (give a copy of dist/src)`,
    );
  const manifest = readManifest(models, REBUILD);
  const embedderFiles = Object.entries(manifest.files).filter(([name]) => name.startsWith('word-embedder'));
  const embedderKey = sha256(Buffer.from(JSON.stringify(embedderFiles))).slice(0, 16);
  const provider = createModelProvider({ dir: models });
  const stored = storedRecorder(provider, heads.keep);
  const record = await headRecorder(heads.train, provider, heads.keep);
  return {
    dir: out,
    key: `${embedderKey}:${headCodeKey(headsCode)}`,
    train: { kind: heads.train, record },
    held: stored,
    log,
  };
}

/** Scores of each variant over the chosen folds (`selectFolds`), and each fold model's sha256. */
async function runFolds(
  ctx: LpoContext,
  files: readonly string[],
  variants: readonly string[],
  models: string,
  folds: readonly number[],
) {
  const all = packageTexts(files);
  const scores = new Map<string, QuestionScore[]>(variants.map((v) => [v, []]));
  const shas: Record<string, string[]> = Object.fromEntries(variants.map((v) => [v, []]));
  for (const index of folds) {
    const heldOut = LPO_FOLDS[index]!;
    const fold = `fold-${index + 1}`;
    const kept = selectPackages(files, heldOut);
    const table = foldTable(ctx, fold, kept);
    const heads = await foldHeads(ctx, fold, kept, table);
    const evalHeads = [];
    for (const pkg of all.filter((p) => heldOut.includes(p.name)))
      evalHeads.push(...(await evalHeadsOf(ctx, fold, pkg, table)));
    for (const name of variants) {
      const fitted = fitVariant(name, heads);
      const notes = { variant: name, excludedPackages: heldOut };
      shas[name]!.push(writeModelDir(join(ctx.dir, fold, name), models, fitted, table.bytes, notes));
      scores.get(name)!.push(...evalHeads.map((head) => scoreHead(head, fitted.model)));
      ctx.log(`${fold}: ${name} fitted and scored on ${evalHeads.length} held-out questions`);
    }
  }
  return { scores, shas };
}

/** Fits each variant on every training package (for the bench's dev halves) into `full/VARIANT/`. */
async function runFull(
  ctx: LpoContext,
  files: readonly string[],
  variants: readonly string[],
  models: string,
) {
  const all = selectPackages(files);
  const table = foldTable(ctx, 'full', all);
  const heads = await foldHeads(ctx, 'full', all, table);
  for (const name of variants) {
    const dir = join(ctx.dir, 'full', name);
    const sha = writeModelDir(dir, models, fitVariant(name, heads), table.bytes, { variant: name });
    process.stdout.write(`${name}: ${dir} (${FILE_RERANKER_FILE} sha256 ${sha})\n`);
  }
}

function report(
  scores: Map<string, QuestionScore[]>,
  variants: readonly string[],
  shas: object,
  json: boolean,
) {
  const summaries = Object.fromEntries(variants.map((v) => [v, summaryRows(scores.get(v)!)]));
  const versus = Object.fromEntries(
    variants.slice(1).map((v) => [v, compareVariants(scores.get(variants[0]!)!, scores.get(v)!)]),
  );
  const result = { folds: LPO_FOLDS, variants, modelSha256: shas, summaries, versus };
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result;
  }
  for (const name of variants) {
    process.stdout.write(`\n## ${name}: ${LPO_VARIANTS[name]!.describe}\n\n`);
    process.stdout.write('| questions | n | first stage | +rerank | Δ | p |\n|---|---|---|---|---|---|\n');
    for (const s of summaries[name]!) if (s.n > 0) process.stdout.write(`${row(s)}\n`);
  }
  for (const [name, c] of Object.entries(versus))
    process.stdout.write(
      `\n${name} − ${variants[0]}: +rerank ${c.difference >= 0 ? '+' : ''}${c.difference.toFixed(4)} over ${c.n} questions, p ${c.p.toFixed(4)}\n`,
    );
  return result;
}

async function main(argv: string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      cache: { type: 'string', default: 'bench/cache/models-train' },
      out: { type: 'string', default: 'bench/cache/lpo' },
      models: { type: 'string', default: 'embeddings' },
      variants: { type: 'string', default: 'shipped' },
      full: { type: 'boolean', default: false },
      folds: { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
      'heads-code': { type: 'string', default: resolve(import.meta.dirname, '../../src') },
      'train-heads': { type: 'string', default: 'memory' },
      'keep-indexes': { type: 'string', default: '' },
    },
  });
  const variants = values.variants.split(',').filter((v) => v !== '');
  const folds = selectFolds(values.folds);
  for (const name of variants)
    if (!LPO_VARIANTS[name])
      throw new InvalidInputError(
        `lpo: unknown variant "${name}" (known: ${Object.keys(LPO_VARIANTS).join(', ')})`,
      );
  const recording = headRecordingOf(values['train-heads']);
  const started = performance.now();
  const log = (line: string) =>
    process.stderr.write(`lpo: ${line} [${((performance.now() - started) / 1000).toFixed(0)} s]\n`);
  // Before anything slow: without the written questions the folds would train and score another model.
  log(`written questions from ${writtenQuestionsDir()}`);
  const models = resolve(values.models);
  const out = resolve(values.out);
  const keep = resolve(values['keep-indexes'] || join(out, 'indexes'));
  const heads = { train: recording, keep };
  const ctx = await contextOf(out, models, resolve(values['heads-code']), heads, log);
  const files = buildTextCorpus(resolve(values.cache), log);
  if (values.full) {
    await runFull(ctx, files, variants, models);
    return;
  }
  const { scores, shas } = await runFolds(ctx, files, variants, models, folds);
  const result = report(scores, variants, shas, values.json);
  const stored = { ...result, scores: Object.fromEntries(scores) };
  const some = folds.length < LPO_FOLDS.length ? `-folds-${folds.map((i) => i + 1).join('+')}` : '';
  writeAtomic(join(ctx.dir, `results-${variants.join('+')}${some}.json`), `${JSON.stringify(stored)}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
