/**
 * The recorded heads of the leave-package-out evaluation (lpo.ts), each cached as JSON under the LPO
 * folder so a run resumes where it stopped: every package's keyword heads (they do not depend on the
 * fold), and per fold the translation table learnt from the packages it trains on, the natural heads of
 * those packages and the held-out packages' written questions. Each cache file carries a key (the
 * embedder, the first-stage code, the written questions, the fold's table) and is recomputed when it
 * does not match.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sha256, writeAtomic } from '../../src/retrieval/dense/model-files.js';
import { FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import {
  encodeTranslationTable,
  TRANSLATION_FILE,
  type TranslationTable,
  translationTableOf,
} from '../../src/retrieval/rerank/translation-table.js';
import { readPagePaths } from '../../src/retrieval/train/debian-corpus.js';
import type { PackageText } from '../../src/retrieval/train/package-selection.js';
import {
  type KeywordHeads,
  type NaturalHeads,
  recordKeywordHeads,
  recordNaturalHeads,
} from '../../src/retrieval/train/reranker-training.js';
import type { HeadRecorder } from '../../src/retrieval/train/training-heads.js';
import { trainTranslationTable } from '../../src/retrieval/train/translation-training.js';
import {
  readWrittenQuestions,
  writtenQuestions,
  writtenQuestionsDir,
} from '../../src/retrieval/train/written-questions.js';
import { checkFeatures, type EvalHead } from './lpo-lib.js';

const REBUILD = 'rerun node dist/bench/retrieval/lpo.js';

/** Files of the fit side of training: changing them changes no recorded head. */
const FIT_ONLY = new Set([
  'main.js',
  'reranker-training.js',
  'train-file-reranker.js',
  'package-selection.js',
]);

/**
 * A fingerprint of the code heads are recorded with: every compiled file of src/retrieval (first stage,
 * features, chunking, training data) and src/text except the fit-side training files.
 */
export function headCodeKey(distSrc: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js') && !(dirname(path).endsWith('train') && FIT_ONLY.has(name))) {
        hash.update(relative(distSrc, path)).update(readFileSync(path));
      }
    }
  };
  for (const part of ['retrieval', 'text']) walk(join(distSrc, part));
  return hash.digest('hex').slice(0, 16);
}

/** Where a run keeps its caches and what every cached file's key starts with. */
export interface LpoContext {
  readonly dir: string;
  readonly key: string;
  /** How the folds' training heads are recorded (`--train-heads`: memory, the shipped recipe, or stored). */
  readonly train: { readonly kind: string; readonly record: HeadRecorder };
  /** How the held-out questions' heads are recorded: as a stored collection searches (stored-heads.ts). */
  readonly held: HeadRecorder;
  readonly log: (line: string) => void;
}

/** What makes heads whose feature columns are not this build's: recording them with this build's code. */
const RECORD_AGAIN = 'record them again: rerun node dist/bench/retrieval/lpo.js without --heads-code';

/**
 * The data cached at `path` under `key`, else computed and cached with the feature columns it was recorded
 * with. Data whose key matches but whose columns differ (kept under --heads-code by a build that read other
 * columns) is refused; a file written before the columns were kept is read on its key alone.
 */
export async function cached<T>(path: string, key: string, compute: () => Promise<T>): Promise<T> {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { key: string; features?: unknown; data: T };
    if (stored.key === key) {
      if (stored.features !== undefined) checkFeatures(path, stored.features, RECORD_AGAIN);
      return stored.data;
    }
  }
  const data = await compute();
  mkdirSync(dirname(path), { recursive: true });
  writeAtomic(path, JSON.stringify({ key, features: FILE_FEATURE_NAMES, data }));
  return data;
}

function questionsKey(name: string): string {
  const file = join(writtenQuestionsDir(), `${name}.yaml`);
  return existsSync(file) ? sha256(readFileSync(file)).slice(0, 16) : 'none';
}

/** A package's keyword heads (shared by every fold). */
export function keywordHeadsOf(ctx: LpoContext, pkg: PackageText): Promise<KeywordHeads> {
  return cached(
    join(ctx.dir, 'heads', `keyword-${pkg.name}.json`),
    `${ctx.key}:${ctx.train.kind}`,
    async () => {
      ctx.log(`keyword heads of ${pkg.name}`);
      return recordKeywordHeads(pkg.name, readFileSync(pkg.file, 'utf8'), ctx.train.record);
    },
  );
}

/** A fold's translation table: its bytes, the table over them and their sha256. */
export interface FoldTable {
  readonly bytes: Buffer;
  readonly table: TranslationTable;
  readonly sha: string;
}

/** The fold's translation table (folder `fold` of the cache), learnt from the packages it trains on. */
export function foldTable(ctx: LpoContext, fold: string, kept: readonly PackageText[]): FoldTable {
  const path = join(ctx.dir, fold, TRANSLATION_FILE);
  const key = `${ctx.key}:${kept.map((p) => `${p.name}=${questionsKey(p.name)}`).join(',')}`;
  const keyPath = `${path}.key`;
  let bytes: Buffer;
  if (existsSync(path) && existsSync(keyPath) && readFileSync(keyPath, 'utf8') === key) {
    bytes = readFileSync(path);
  } else {
    bytes = encodeTranslationTable(trainTranslationTable(kept, ctx.log).rows);
    mkdirSync(dirname(path), { recursive: true });
    writeAtomic(path, bytes);
    writeAtomic(keyPath, key);
  }
  return { bytes, table: translationTableOf(bytes, TRANSLATION_FILE, REBUILD), sha: sha256(bytes) };
}

/** A training package's natural heads in one fold (scored with that fold's table). */
export function naturalHeadsOf(
  ctx: LpoContext,
  fold: string,
  pkg: PackageText,
  table: FoldTable,
): Promise<NaturalHeads> {
  const key = `${ctx.key}:${ctx.train.kind}:${questionsKey(pkg.name)}:${table.sha}`;
  return cached(join(ctx.dir, fold, `natural-${pkg.name}.json`), key, async () => {
    ctx.log(`${fold}: natural heads of ${pkg.name}`);
    const text = readFileSync(pkg.file, 'utf8');
    return recordNaturalHeads(pkg.name, text, readPagePaths(pkg.file), ctx.train.record, table.table);
  });
}

/**
 * A held-out package's written questions (all of them, as phrased) over its pages named by their html
 * paths, as a stored collection of those pages offers them to the reranker, with the fold's table, each with
 * its own_words mark.
 */
export function evalHeadsOf(
  ctx: LpoContext,
  fold: string,
  pkg: PackageText,
  table: FoldTable,
): Promise<EvalHead[]> {
  const key = `${ctx.key}:stored:${questionsKey(pkg.name)}:${table.sha}`;
  return cached(join(ctx.dir, fold, `eval-${pkg.name}.json`), key, async () => {
    ctx.log(`${fold}: held-out questions of ${pkg.name}`);
    const text = readFileSync(pkg.file, 'utf8');
    const corpus = writtenQuestions(pkg.name, text, writtenQuestionsDir(), readPagePaths(pkg.file));
    const entries = readWrittenQuestions(pkg.name);
    const heads = await ctx.held(pkg.name, corpus, table.table);
    return heads.map((head, i) => ({ ...head, package: pkg.name, ownWords: entries[i]!.own_words }));
  });
}
