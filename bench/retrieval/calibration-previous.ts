/**
 * The fusion choice rule shipped before session 8 (fusion record version 2), kept for the calibration
 * benches to compare against: the safe choice is the grid's fusion nearest the stronger leg on the
 * pseudo-questions (convex dense 0.1 for BM25; dense 0.5 when dense beats BM25 with one-sided paired p
 * below 0.05), replaced by the best of the grid only when that beats it with p below 0.05.
 */
import type { Scored } from '../../src/retrieval/fusion/calibrate.js';
import type { StageEvidence } from '../../src/retrieval/fusion/choose-stage.js';
import { describeFirstStage, type FirstStage } from '../../src/retrieval/fusion/first-stage.js';
import { PAIRED_DEFAULTS, pairedGainP } from '../../src/retrieval/fusion/paired.js';

const ALPHA = 0.05;

const convex = (denseShare: number): FirstStage => ({
  method: 'convex',
  rrfK: 60,
  bm25Weight: 1 - denseShare,
  denseWeight: denseShare,
});

function bestOf(scored: ReadonlyArray<Scored<FirstStage>>): Scored<FirstStage> {
  return scored.reduce((top, entry) => (entry.ndcg > top.ndcg + 1e-12 ? entry : top));
}

/** The first stage the version-2 rule picks. */
export function previousChoice(evidence: StageEvidence): FirstStage {
  const { bm25, dense } = evidence.legs;
  const denseLeads = pairedGainP(dense.scores, bm25.scores, PAIRED_DEFAULTS) < ALPHA;
  const safe = describeFirstStage(convex(denseLeads ? 0.5 : 0.1));
  const anchor = evidence.stages.find((entry) => describeFirstStage(entry.value) === safe)!;
  const top = bestOf(evidence.stages);
  if (top === anchor) return anchor.value;
  return pairedGainP(top.scores, anchor.scores, PAIRED_DEFAULTS) < ALPHA ? top.value : anchor.value;
}
