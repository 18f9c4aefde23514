/**
 * Chooses a collection's fusion from its own pseudo-questions (pseudo-questions.ts): every first stage of a
 * small grid (RRF, Cormack 2009, with several k and dense weights; convex shares, Bruch 2023; each leg
 * alone) is scored by file-level nDCG@10 (Järvelin & Kekäläinen 2002) with the question's file as the one
 * relevant answer. The best replaces the safe choice (the fusion nearest the stronger leg) only when a
 * paired randomization test says it wins by more than noise. Then the reranker blend is chosen the same
 * way on top of the chosen first stage, 0 (no reranking) included, against the reranker's own share. Pure.
 */
import { blendHead, describeFirstStage, type FirstStage, fuseFirstStage, PLAIN_RRF } from './first-stage.js';
import { PAIRED_DEFAULTS, pairedGainP } from './paired.js';
import type { FusedItem } from './rrf.js';

/** One pseudo-question as the legs answered it, its hidden chunks already left out. */
export interface CalibrationCase {
  /** The file that answers the question. */
  readonly answer: string;
  readonly bm25: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  readonly dense: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  /** The file of every chunk the legs returned. */
  readonly fileOf: ReadonlyMap<string, string>;
}

const rrf = (rrfK: number, denseWeight: number): FirstStage => ({
  method: 'rrf',
  rrfK,
  bm25Weight: 1,
  denseWeight,
});
const convex = (denseShare: number): FirstStage => ({
  method: 'convex',
  rrfK: PLAIN_RRF.rrfK,
  bm25Weight: 1 - denseShare,
  denseWeight: denseShare,
});

/**
 * The first stages a collection may choose, plain RRF first (it wins ties). Each fuses both legs and none
 * lets the dense leg outweigh BM25: the collection's embedder was adapted to the very text a pseudo-question
 * comes from, so pseudo-questions flatter the dense leg (most on small collections, where LSA nearly
 * memorises each chunk), and a dense-heavy choice would not carry over to real questions.
 */
export const FIRST_STAGE_GRID: readonly FirstStage[] = [
  PLAIN_RRF,
  rrf(60, 0.5),
  rrf(60, 0.25),
  rrf(20, 1),
  rrf(20, 0.5),
  convex(0.1),
  convex(0.2),
  convex(0.3),
  convex(0.5),
];

/** Each leg alone, scored for the explain record (never chosen: a hybrid search fuses both). */
export const LEGS_ALONE = { bm25: convex(0), dense: convex(1) } as const;

/**
 * How clearly a choice must beat the safe one on the pseudo-questions to replace it: one-sided paired
 * randomization p below `alpha`. A few dozen questions rarely give that, so a small collection keeps the
 * safe choice; pseudo-questions also flatter balanced fusions (the legs tie on them more often than on
 * real questions), which a margin of evidence guards against.
 */
export const CONFIDENCE = { alpha: 0.05, ...PAIRED_DEFAULTS } as const;

/** The grid's fusions nearest each leg: a small share of the other leg added to it. */
export const NEAREST_TO = { bm25: convex(0.1), dense: convex(0.5) } as const;

/** Reranker shares tried: 0 is no reranking, 1 the reranker's order alone. */
export const RERANK_SHARES: readonly number[] = [0, 0.5, 0.75, 1];

/** nDCG@depth of a file ranking with one relevant file (gain 1): 1 / log2(rank + 1), or 0 below depth. */
export function answerNdcg(files: readonly string[], answer: string, depth = 10): number {
  const rank = files.slice(0, depth).indexOf(answer);
  return rank < 0 ? 0 : 1 / Math.log2(rank + 2);
}

/** Fused chunks to files, each file at the rank of its best chunk. */
export function filesOf(fused: readonly FusedItem[], fileOf: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  for (const item of fused) {
    const file = fileOf.get(item.id);
    if (file !== undefined) seen.add(file);
  }
  return [...seen];
}

/** The files of one case under one first stage, best first. */
export function firstStageFiles(stage: FirstStage, c: CalibrationCase): string[] {
  const fused = fuseFirstStage(stage, [
    { name: 'bm25', hits: c.bm25, weight: stage.bm25Weight },
    { name: 'dense', hits: c.dense, weight: stage.denseWeight },
  ]);
  return filesOf(fused, c.fileOf);
}

export interface Scored<T> {
  readonly value: T;
  readonly ndcg: number;
  /** Each question's nDCG@10, in case order (for paired comparisons). */
  readonly scores: readonly number[];
}

function scoredOf<T>(value: T, scores: number[]): Scored<T> {
  return { value, ndcg: mean(scores), scores };
}

/** Mean nDCG@10 of every first stage of `grid` over the cases, in grid order. */
export function scoreFirstStages(
  cases: readonly CalibrationCase[],
  grid: readonly FirstStage[] = FIRST_STAGE_GRID,
): Array<Scored<FirstStage>> {
  return grid.map((stage) =>
    scoredOf(
      stage,
      cases.map((c) => answerNdcg(firstStageFiles(stage, c), c.answer)),
    ),
  );
}

/** One case's files under the chosen first stage and the reranker's order of the head it read. */
export interface RerankCase {
  readonly answer: string;
  /** Files in first-stage order. */
  readonly fused: readonly string[];
  /** The files the reranker read, in its order. */
  readonly reranked: readonly string[];
}

/** Mean nDCG@10 of every reranker share over the cases, in the given order. */
export function scoreRerankShares(
  cases: readonly RerankCase[],
  shares: readonly number[] = RERANK_SHARES,
  k: number = PLAIN_RRF.rrfK,
): Array<Scored<number>> {
  return shares.map((share) =>
    scoredOf(
      share,
      cases.map((c) =>
        answerNdcg(
          blendHead(c.fused, c.reranked, share, k).map((item) => item.id),
          c.answer,
        ),
      ),
    ),
  );
}

/** The best-scoring entry; on a tie the earlier one. */
export function best<T>(scored: ReadonlyArray<Scored<T>>): Scored<T> {
  if (scored.length === 0) throw new RangeError('best: nothing to choose from');
  return scored.reduce((top, entry) => (entry.ndcg > top.ndcg + 1e-12 ? entry : top));
}

/**
 * The safe first stage: the grid's fusion nearest the stronger leg. BM25 counts as the stronger one unless
 * the dense leg beats it clearly on the pseudo-questions: the collection's embedder was adapted to its text,
 * so a tie on pseudo-questions tends to be a BM25 lead on real ones.
 */
export function anchorStage(legs: {
  readonly bm25: Scored<FirstStage>;
  readonly dense: Scored<FirstStage>;
}): {
  stage: FirstStage;
  leg: 'bm25' | 'dense';
  p: number;
} {
  const p = pairedGainP(legs.dense.scores, legs.bm25.scores, CONFIDENCE);
  const leg = p < CONFIDENCE.alpha ? 'dense' : 'bm25';
  return { stage: NEAREST_TO[leg], leg, p };
}

/** The outcome of a confident choice: the entry kept, the safe entry and the evidence of the best against it. */
export interface Confident<T> {
  readonly chosen: Scored<T>;
  readonly anchor: Scored<T>;
  /** One-sided paired p of the best entry over the anchor (1 when the anchor is the best). */
  readonly p: number;
}

/**
 * The best entry when it beats the anchor (the entry `isAnchor` picks) with p below CONFIDENCE.alpha, else
 * the anchor.
 */
export function chooseConfidently<T>(
  scored: ReadonlyArray<Scored<T>>,
  isAnchor: (value: T) => boolean,
): Confident<T> {
  const anchor = scored.find((entry) => isAnchor(entry.value));
  if (anchor === undefined) throw new RangeError('chooseConfidently: the anchor is not among the entries');
  const top = best(scored);
  const p = top === anchor ? 1 : pairedGainP(top.scores, anchor.scores, CONFIDENCE);
  return { chosen: p < CONFIDENCE.alpha ? top : anchor, anchor, p };
}

/** Readable scores for an explain record, rounded to 4 decimals. */
export function explainScores(
  scored: ReadonlyArray<Scored<FirstStage>>,
): Array<{ stage: string; ndcg: number }> {
  return scored.map((entry) => ({ stage: describeFirstStage(entry.value), ndcg: round4(entry.ndcg) }));
}

export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
