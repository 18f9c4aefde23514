/**
 * Picks a collection's first stage from its pseudo-questions' answers (calibrate.ts scores them) by
 * minimax regret (Savage 1951). Which leg is stronger on the collection's real questions is what
 * pseudo-questions measure worst: they share words with the text they come from, which flatters BM25,
 * while the collection's adapted embedder flatters the dense leg, and which bias wins differs from one
 * collection to the next (bench/RESULTS.md, session 8: on the Debian training packages BM25 led by more on
 * written questions than on pseudo-questions; on a held-out corpus BM25 led on pseudo-questions while the
 * dense leg led on real ones). So the rule does not trust the mix: it splits the
 * pseudo-questions into those BM25 alone answers better and those the dense leg alone answers better, and
 * takes the stage whose larger shortfall, against the best stage of each part, is smallest. Whatever the
 * mix of the two kinds of question a collection is really asked, that stage is never far from the best.
 * Pure.
 */
import type { Scored } from './calibrate.js';
import type { FirstStage } from './first-stage.js';

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
