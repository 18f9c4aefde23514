/**
 * Runs every ranker over one question set and scores it: per-question nDCG@10, MRR@10 and Recall@10,
 * means per subset (all, dev, test, low-overlap) and paired randomization tests between chosen rankers.
 */

import { releaseHistoryName } from '../../src/retrieval/search/release-history.js';
import { generatedRule } from '../lib/generated-files.js';
import { CUTOFF, mean, mrrAt, ndcgAt, pairedPermutationTest, recallAt } from '../lib/metrics.js';
import type { Question, QuestionSet } from '../lib/question-set.js';
import type { Ranker } from './rankers.js';

export type Subset = 'all' | 'dev' | 'test' | 'low-overlap';
export const SUBSETS: readonly Subset[] = ['all', 'dev', 'test', 'low-overlap'];

export interface Scores {
  readonly ndcg: number;
  readonly mrr: number;
  readonly recall: number;
}

export interface QuestionResult {
  readonly id: string;
  readonly split: 'dev' | 'test';
  readonly lowOverlap: boolean;
  /** Top files per ranker (cut at 10). */
  readonly ranked: Record<string, string[]>;
  readonly scores: Record<string, Scores>;
}

export interface RankerTiming {
  readonly name: string;
  readonly prepareSeconds: number;
  readonly rankMsMedian: number;
  readonly rankMsP95: number;
}

export interface Comparison {
  readonly a: string;
  readonly b: string;
  readonly subset: Subset;
  readonly questions: number;
  /** mean nDCG@10 of a minus that of b. */
  readonly difference: number;
  readonly p: number;
}

export interface EvaluationReport {
  readonly rankers: RankerTiming[];
  readonly counts: Record<Subset, number>;
  readonly summary: Record<Subset, Record<string, Scores>>;
  readonly comparisons: Comparison[];
  /** Per ranker, the questions with a builder-generated file (generatedRule) in their top 10. */
  readonly generatedInTop: Record<string, number>;
  /** Per ranker, questions not about changes with a file named as release history in their top 3. */
  readonly historyInTop3: Record<string, number>;
  /** Questions not about changes between versions (the set's `about_changes`). */
  readonly ordinaryQuestions: number;
  readonly questions: QuestionResult[];
}

export interface EvaluationInput {
  readonly set: QuestionSet;
  readonly corpusRoot: string;
  readonly files: readonly string[];
  readonly rankers: readonly Ranker[];
  /** Pairs [a, b] to test; pairs naming an absent ranker are skipped. */
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  readonly seed?: number;
  readonly rounds?: number;
  readonly onProgress?: (line: string) => void;
}

/** Whether a question belongs to a subset. */
export function inSubset(question: Pick<QuestionResult, 'split' | 'lowOverlap'>, subset: Subset): boolean {
  if (subset === 'all') return true;
  if (subset === 'low-overlap') return question.lowOverlap;
  return question.split === subset;
}

/** Prepares and runs every ranker, then scores and compares them. */
export async function evaluate(input: EvaluationInput): Promise<EvaluationReport> {
  const log = input.onProgress ?? (() => {});
  const results = input.set.questions.map(emptyResult);
  const timings: RankerTiming[] = [];
  for (const ranker of input.rankers) {
    log(`${ranker.name}: preparing over ${input.files.length} documents`);
    const started = performance.now();
    await ranker.prepare(input.corpusRoot, input.files);
    const prepareSeconds = (performance.now() - started) / 1000;
    const latencies: number[] = [];
    for (const [index, question] of input.set.questions.entries()) {
      const begin = performance.now();
      const ranked = (await ranker.rank(question.question)).slice(0, CUTOFF);
      latencies.push(performance.now() - begin);
      const result = results[index]!;
      result.ranked[ranker.name] = ranked;
      result.scores[ranker.name] = score(ranked, question);
    }
    ranker.close?.();
    timings.push({ name: ranker.name, prepareSeconds, ...latencyStats(latencies) });
    log(
      `${ranker.name}: prepared in ${prepareSeconds.toFixed(1)} s, ${input.set.questions.length} questions ranked`,
    );
  }
  const names = input.rankers.map((ranker) => ranker.name);
  return {
    rankers: timings,
    counts: countSubsets(results),
    summary: summarize(results, names),
    comparisons: compare(results, names, input),
    generatedInTop: Object.fromEntries(
      names.map((name) => [
        name,
        results.filter((r) => (r.ranked[name] ?? []).some((file) => generatedRule(file) !== null)).length,
      ]),
    ),
    ...historyInTop3(results, input.set.questions, names),
    questions: results,
  };
}

/**
 * How many questions that do not ask about a change have a release-history file (by its name: releases/,
 * changelog, changes.html, ...) among their first 3 results, per ranker: pages that crowd out the answer.
 */
function historyInTop3(
  results: readonly QuestionResult[],
  questions: readonly Question[],
  names: readonly string[],
): Pick<EvaluationReport, 'historyInTop3' | 'ordinaryQuestions'> {
  const ordinary = results.filter((_, i) => questions[i]?.about_changes !== true);
  const named = (file: string) => releaseHistoryName(file) !== 'no';
  return {
    historyInTop3: Object.fromEntries(
      names.map((name) => [
        name,
        ordinary.filter((r) => (r.ranked[name] ?? []).slice(0, 3).some(named)).length,
      ]),
    ),
    ordinaryQuestions: ordinary.length,
  };
}

function emptyResult(question: Question): QuestionResult {
  return { id: question.id, split: question.split, lowOverlap: question.low_overlap, ranked: {}, scores: {} };
}

function score(ranked: readonly string[], question: Question): Scores {
  return {
    ndcg: ndcgAt(ranked, question.relevant),
    mrr: mrrAt(ranked, question.relevant),
    recall: recallAt(ranked, question.relevant),
  };
}

function latencyStats(values: readonly number[]): { rankMsMedian: number; rankMsP95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { rankMsMedian: at(0.5), rankMsP95: at(0.95) };
}

function countSubsets(results: readonly QuestionResult[]): Record<Subset, number> {
  const entries = SUBSETS.map((subset) => [subset, results.filter((r) => inSubset(r, subset)).length]);
  return Object.fromEntries(entries) as Record<Subset, number>;
}

function summarize(results: readonly QuestionResult[], names: readonly string[]) {
  const summary = {} as Record<Subset, Record<string, Scores>>;
  for (const subset of SUBSETS) {
    const members = results.filter((result) => inSubset(result, subset));
    summary[subset] = {};
    for (const name of names) {
      const of = (key: keyof Scores) => mean(members.map((member) => member.scores[name]?.[key] ?? 0));
      summary[subset][name] = { ndcg: of('ndcg'), mrr: of('mrr'), recall: of('recall') };
    }
  }
  return summary;
}

function compare(results: readonly QuestionResult[], names: readonly string[], input: EvaluationInput) {
  const comparisons: Comparison[] = [];
  for (const [a, b] of input.pairs) {
    if (!names.includes(a) || !names.includes(b) || a === b) continue;
    for (const subset of SUBSETS) {
      const members = results.filter((result) => inSubset(result, subset));
      if (members.length < 2) continue;
      const test = pairedPermutationTest(
        members.map((member) => member.scores[a]?.ndcg ?? 0),
        members.map((member) => member.scores[b]?.ndcg ?? 0),
        { seed: input.seed ?? 1, rounds: input.rounds ?? 10_000 },
      );
      comparisons.push({ a, b, subset, questions: members.length, difference: test.difference, p: test.p });
    }
  }
  return comparisons;
}

/**
 * Default pairs: every ranker against the plain BM25-OR baseline, and the steps the models issue
 * must prove (hybrid over bm25, hybrid+rerank over hybrid), and plain RRF of the two legs against hybrid.
 */
export function defaultPairs(names: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = names
    .filter((name) => name !== 'bm25-or')
    .map((name): [string, string] => [name, 'bm25-or']);
  pairs.push(['hybrid', 'bm25'], ['hybrid+rerank', 'hybrid'], ['rrf(k=60)', 'hybrid']);
  return pairs.filter(([a, b]) => names.includes(a) && names.includes(b));
}
