/**
 * One-sided paired randomization test (Smucker, Allan & Carterette 2007) on per-question scores: how often
 * randomly swapping each question's two scores gives a mean gain at least as large as the observed one.
 * Used to keep a fusion only when it beats the safe choice by more than the questions' noise. Pure, seeded.
 */
import { createRng } from '../wordvec/rng.js';

export interface PairedOptions {
  readonly rounds: number;
  readonly seed: number;
}

export const PAIRED_DEFAULTS: PairedOptions = { rounds: 2000, seed: 20261205 };

/**
 * p-value of "a is better than b" over paired scores: (rounds whose sign-flipped mean gain reaches the
 * observed gain + 1) / (rounds + 1). 1 when a is not better at all or there is nothing to compare.
 */
export function pairedGainP(
  a: readonly number[],
  b: readonly number[],
  options: PairedOptions = PAIRED_DEFAULTS,
): number {
  if (a.length !== b.length) throw new RangeError(`pairedGainP: ${a.length} scores against ${b.length}`);
  const diffs = a.map((value, i) => value - b[i]!).filter((diff) => diff !== 0);
  const observed = diffs.reduce((sum, diff) => sum + diff, 0);
  if (diffs.length === 0 || observed <= 0) return 1;
  const rng = createRng(options.seed);
  let reached = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    let sum = 0;
    for (const diff of diffs) sum += rng.next() < 0.5 ? -diff : diff;
    if (sum >= observed - 1e-12) reached += 1;
  }
  return (reached + 1) / (options.rounds + 1);
}
