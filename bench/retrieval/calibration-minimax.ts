/**
 * A candidate fusion choice rule, measured by calibration-rules.ts and not shipped (bench/RESULTS.md,
 * session 8): minimax regret (Savage 1951) over the pseudo-questions each leg wins. Which leg is stronger
 * on a collection's real questions is what pseudo-questions may measure worst (their words are the page's
 * own; the adapted embedder saw the page), so the rule does not trust their mix: it splits them into those
 * BM25 alone answers better and those the dense leg alone answers better, and takes the stage whose larger
 * shortfall, against the best stage of each part, is smallest. Pure.
 */
import type { Scored } from '../../src/retrieval/fusion/calibrate.js';
import type { FirstStage } from '../../src/retrieval/fusion/first-stage.js';

/** What the rule reads: every grid stage and each leg alone, scored per pseudo-question in one order. */
export interface StageEvidence {
  readonly stages: ReadonlyArray<Scored<FirstStage>>;
  readonly legs: { readonly bm25: Scored<FirstStage>; readonly dense: Scored<FirstStage> };
}

/** A stage's shortfall against the best stage on the questions each leg alone answers better. */
export interface StageRegret {
  readonly stage: Scored<FirstStage>;
  readonly bm25: number;
  readonly dense: number;
}

/** The pick and what it was picked from. */
export interface StageChoice {
  readonly chosen: Scored<FirstStage>;
  /** Every stage's regrets, in grid order. */
  readonly regrets: readonly StageRegret[];
  /** How many pseudo-questions each leg alone answered better (ties are in neither). */
  readonly won: { readonly bm25: number; readonly dense: number };
}

function meanOver(scores: readonly number[], questions: readonly number[]): number {
  return questions.reduce((sum, q) => sum + scores[q]!, 0) / questions.length;
}

/** Each stage's regret on one part of the questions: 0 for every stage when the part is empty. */
function regretsOn(stages: ReadonlyArray<Scored<FirstStage>>, questions: readonly number[]): number[] {
  if (questions.length === 0) return stages.map(() => 0);
  const means = stages.map((stage) => meanOver(stage.scores, questions));
  const top = Math.max(...means);
  return means.map((value) => top - value);
}

/**
 * The stage with the smallest worst regret over the two parts; on a tie the earlier one (the grid lists
 * plain RRF first, so a collection whose legs never differ keeps it).
 */
export function chooseFirstStage(evidence: StageEvidence): StageChoice {
  const { stages, legs } = evidence;
  if (stages.length === 0) throw new RangeError('chooseFirstStage: no stage to choose from');
  const bm25Won: number[] = [];
  const denseWon: number[] = [];
  legs.bm25.scores.forEach((score, q) => {
    const dense = legs.dense.scores[q]!;
    if (score > dense) bm25Won.push(q);
    else if (dense > score) denseWon.push(q);
  });
  const onBm25 = regretsOn(stages, bm25Won);
  const onDense = regretsOn(stages, denseWon);
  const regrets = stages.map((stage, i) => ({ stage, bm25: onBm25[i]!, dense: onDense[i]! }));
  const worst = (r: StageRegret) => Math.max(r.bm25, r.dense);
  const least = regrets.reduce((top, r) => (worst(r) < worst(top) - 1e-12 ? r : top));
  return { chosen: least.stage, regrets, won: { bm25: bm25Won.length, dense: denseWon.length } };
}
