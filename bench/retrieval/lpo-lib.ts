/**
 * The pure parts of the leave-package-out (LPO) evaluation of the file reranker (lpo.ts): the fixed folds
 * of the 12 Debian training packages, how a held-out question is scored with and without a reranker, and
 * the summary (by fold, by package, own_words or not) with paired randomization tests.
 */

import { InvalidDataError, InvalidInputError } from '../../src/errors.js';
import { FILE_FEATURE_NAMES, isNaturalQuestion } from '../../src/retrieval/rerank/file-features.js';
import type { FileRerankerModel } from '../../src/retrieval/rerank/file-model.js';
import { scoreFileHead } from '../../src/retrieval/rerank/file-model.js';
import type { HeadGroup } from '../../src/retrieval/train/training-heads.js';
import { headChunksPerFile } from '../../src/retrieval/train/training-heads.js';
import { mean, ndcgAt, pairedPermutationTest } from '../lib/metrics.js';

/**
 * Fixed folds of the training packages. The first three are balanced by written questions (1,608 / 1,497 /
 * 1,351 at the time they were fixed) and each holds out one or two of the four scientific-Python packages;
 * the fourth holds the two evaluation-only books of short dedicated pages (debian-corpus.ts, 263 questions):
 * no model trains on them, so its fit is the shipped one and its score is the shipped reranker's on that
 * kind of folder.
 */
export const LPO_FOLDS: ReadonlyArray<readonly string[]> = [
  ['python-pandas-doc', 'rust-doc', 'git-doc', 'python-sqlalchemy-doc'],
  ['python-sklearn-doc', 'python-scipy-doc', 'python3.11-doc', 'llvm-15-doc'],
  ['cmake-doc', 'python-statsmodels-doc', 'python-pytest-doc', 'sqlite3-doc'],
  ['python-markdown-doc', 'mkdocs-doc'],
];

/**
 * The folds a run fits (`--folds 4` or `1,3`; empty: all), as 0-based indices in LPO_FOLDS order, so one
 * fold can be measured without recording the others' heads. Refuses an unknown or repeated fold.
 */
export function selectFolds(list: string, folds = LPO_FOLDS): number[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return folds.map((_, i) => i);
  const chosen = names.map((name) => {
    const index = Number(name) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= folds.length)
      throw new InvalidInputError(
        `lpo: --folds names an unknown fold "${name}" (folds 1 to ${folds.length})`,
      );
    return index;
  });
  if (new Set(chosen).size !== chosen.length) throw new InvalidInputError('lpo: --folds names a fold twice');
  return chosen.sort((a, b) => a - b);
}

/**
 * Refuses heads recorded, or a reranker fitted, with other feature columns than this build's reranker reads
 * (FILE_FEATURE_NAMES, in order): their rows would be read as the wrong features without a word. `where`
 * names the file or folder, `fix` what makes a matching one; the message is one line.
 */
export function checkFeatures(where: string, features: unknown, fix: string): void {
  const ours: readonly string[] = FILE_FEATURE_NAMES;
  if (!Array.isArray(features))
    throw new InvalidDataError(`${where} has no feature list (${fix})`, { file: where });
  const at = Array.from({ length: Math.max(ours.length, features.length) }, (_, k) => k).find(
    (k) => features[k] !== ours[k],
  );
  if (at === undefined) return;
  const name = (list: readonly unknown[]) => (at < list.length ? `"${String(list[at])}"` : 'none');
  throw new InvalidDataError(
    `${where} was made with ${features.length} feature columns, this build's reranker reads ${ours.length} (column ${at + 1}: ${name(features)} there, ${name(ours)} here; ${fix})`,
    { file: where },
  );
}

/** A held-out written question's head (the reranker's first stage) and what is known about it. */
export interface EvalHead extends HeadGroup {
  readonly package: string;
  readonly ownWords: boolean;
}

/** One held-out question's nDCG@10: the first stage's order and the reranked one. */
export interface QuestionScore {
  readonly id: string;
  readonly package: string;
  readonly ownWords: boolean;
  readonly natural: boolean;
  readonly first: number;
  readonly reranked: number;
}

/**
 * The head's files in the reranker's order: by score, highest first, ties in first-stage order (as
 * search/rerank-head.ts sorts them).
 */
export function rerankedFiles(files: readonly string[], scores: readonly number[]): string[] {
  return files
    .map((file, i) => ({ file, score: scores[i]!, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((item) => item.file);
}

/**
 * nDCG@10 of a held-out head before and after `model` reorders it (the shipped share: the reranker's
 * order alone over its head, so the top 10 come from the head).
 */
export function scoreHead(head: EvalHead, model: FileRerankerModel): QuestionScore {
  const natural = isNaturalQuestion(head.question);
  const scores = scoreFileHead(model, head.rows, headChunksPerFile(head.rows), natural);
  return {
    id: head.id,
    package: head.package,
    ownWords: head.ownWords,
    natural,
    first: ndcgAt(head.files, head.relevant),
    reranked: ndcgAt(rerankedFiles(head.files, scores), head.relevant),
  };
}

/** A group of questions: its size, both means, the difference and its paired test. */
export interface GroupSummary {
  readonly name: string;
  readonly n: number;
  readonly first: number;
  readonly reranked: number;
  readonly difference: number;
  readonly p: number;
}

/** Summarises a group of question scores (seeded randomization test, 10,000 rounds). */
export function summarise(name: string, scores: readonly QuestionScore[], seed = 1): GroupSummary {
  const first = scores.map((s) => s.first);
  const reranked = scores.map((s) => s.reranked);
  const test = pairedPermutationTest(reranked, first, { seed });
  return {
    name,
    n: scores.length,
    first: mean(first),
    reranked: mean(reranked),
    difference: test.difference,
    p: test.p,
  };
}

/** The summary rows: all questions, own_words and the others, each fold, each package. */
export function summaryRows(scores: readonly QuestionScore[], folds = LPO_FOLDS): GroupSummary[] {
  const where = (name: string, keep: (s: QuestionScore) => boolean) => summarise(name, scores.filter(keep));
  return [
    where('all', () => true),
    where('own_words', (s) => s.ownWords),
    where('other', (s) => !s.ownWords),
    ...folds.map((fold, i) => where(`fold ${i + 1}`, (s) => fold.includes(s.package))),
    ...folds.flat().map((pkg) => where(pkg, (s) => s.package === pkg)),
  ];
}

/**
 * Paired test of two variants' reranked scores over the same questions (matched by id), and the
 * difference of their means (candidate − base).
 */
export function compareVariants(
  base: readonly QuestionScore[],
  candidate: readonly QuestionScore[],
  seed = 1,
): { n: number; difference: number; p: number } {
  const byId = new Map(candidate.map((s) => [s.id, s.reranked]));
  const paired = base.filter((s) => byId.has(s.id));
  const test = pairedPermutationTest(
    paired.map((s) => byId.get(s.id)!),
    paired.map((s) => s.reranked),
    { seed },
  );
  return { n: paired.length, difference: test.difference, p: test.p };
}

/** One group of questions compared between two LPO runs (lpo-compare.ts). */
export interface RunComparison {
  readonly name: string;
  readonly n: number;
  /** Mean first-stage nDCG@10 of each run: equal when the change leaves the first stage alone. */
  readonly firstBase: number;
  readonly firstCandidate: number;
  readonly base: number;
  readonly candidate: number;
  /** Candidate − base over the questions of both (matched by id), and its paired test. */
  readonly difference: number;
  readonly p: number;
}

/** Two runs' reranked scores compared by group: all, own_words, the others, each fold, each package. */
export function compareRuns(
  base: readonly QuestionScore[],
  candidate: readonly QuestionScore[],
  folds = LPO_FOLDS,
): RunComparison[] {
  const groups: Array<[string, (s: QuestionScore) => boolean]> = [
    ['all', () => true],
    ['own_words', (s) => s.ownWords],
    ['other', (s) => !s.ownWords],
    ...folds.map((fold, i): [string, (s: QuestionScore) => boolean] => [
      `fold ${i + 1}`,
      (s) => fold.includes(s.package),
    ]),
    ...folds.flat().map((pkg): [string, (s: QuestionScore) => boolean] => [pkg, (s) => s.package === pkg]),
  ];
  return groups.map(([name, keep]) => {
    const a = base.filter(keep);
    const b = candidate.filter(keep);
    const test = compareVariants(a, b);
    return {
      name,
      n: test.n,
      firstBase: mean(a.map((s) => s.first)),
      firstCandidate: mean(b.map((s) => s.first)),
      base: mean(a.map((s) => s.reranked)),
      candidate: mean(b.map((s) => s.reranked)),
      difference: test.difference,
      p: test.p,
    };
  });
}
