/**
 * Ranking metrics for file-level retrieval evaluation (Järvelin & Kekäläinen 2002 for nDCG) and a
 * paired randomization test (Smucker, Allan & Carterette 2007). All functions are pure.
 */
import { createRandom } from './random.js';

/** Graded relevance of files for one question: 2 answers it, 1 is related, absent means 0. */
export type Judgements = Readonly<Record<string, number>>;

/** The cut-off used throughout the benches. */
export const CUTOFF = 10;

/**
 * nDCG@k with linear graded gains (gain = grade, discount = log2(rank + 1)), so a grade-2 file counts
 * twice a grade-1 file; the ideal ranking sorts every judged file by grade. 0 when nothing is relevant.
 */
export function ndcgAt(ranked: readonly string[], judgements: Judgements, k = CUTOFF): number {
  const gains = Object.values(judgements)
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a);
  const ideal = discountedSum(gains.slice(0, k));
  if (ideal === 0) return 0;
  const actual = discountedSum(ranked.slice(0, k).map((file) => Math.max(0, judgements[file] ?? 0)));
  return actual / ideal;
}

function discountedSum(gains: readonly number[]): number {
  return gains.reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
}

/** Reciprocal rank of the first file with relevance > 0 within the top k, else 0. */
export function mrrAt(ranked: readonly string[], judgements: Judgements, k = CUTOFF): number {
  const index = ranked.slice(0, k).findIndex((file) => (judgements[file] ?? 0) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Share of the files with relevance > 0 that appear in the top k (0 when none are relevant). */
export function recallAt(ranked: readonly string[], judgements: Judgements, k = CUTOFF): number {
  const relevant = Object.keys(judgements).filter((file) => (judgements[file] ?? 0) > 0);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((file) => top.has(file)).length / relevant.length;
}

/** Arithmetic mean; 0 for an empty list so empty subsets print as 0 rather than NaN. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface PermutationOptions {
  readonly rounds?: number;
  readonly seed?: number;
}

export interface PermutationResult {
  /** mean(a) − mean(b) over the paired questions. */
  readonly difference: number;
  /** Two-sided p-value, (extreme rounds + 1) / (rounds + 1), so it is never exactly 0. */
  readonly p: number;
  readonly rounds: number;
}

/**
 * Two-sided paired randomization test on per-question scores of two rankers: each round flips the
 * sign of every paired difference at random and counts rounds whose |mean| reaches the observed one.
 * Seeded, so the same inputs always give the same p.
 */
export function pairedPermutationTest(
  a: readonly number[],
  b: readonly number[],
  options: PermutationOptions = {},
): PermutationResult {
  if (a.length !== b.length) {
    throw new RangeError(`pairedPermutationTest: ${a.length} scores against ${b.length} (pair them)`);
  }
  const rounds = options.rounds ?? 10_000;
  if (a.length === 0) return { difference: 0, p: 1, rounds };
  const random = createRandom(options.seed ?? 1);
  const diffs = a.map((value, index) => value - (b[index] ?? 0));
  const observed = Math.abs(mean(diffs));
  const tolerance = 1e-12;
  let extreme = 0;
  for (let round = 0; round < rounds; round += 1) {
    let sum = 0;
    for (const diff of diffs) sum += random() < 0.5 ? -diff : diff;
    if (Math.abs(sum / diffs.length) >= observed - tolerance) extreme += 1;
  }
  return { difference: mean(diffs), p: (extreme + 1) / (rounds + 1), rounds };
}
