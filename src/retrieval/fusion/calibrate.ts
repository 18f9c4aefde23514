/**
 * Chooses a collection's fusion from its own pseudo-questions (pseudo-questions.ts): every first stage of a
 * small grid (RRF, Cormack 2009, with several k and dense weights; convex shares, Bruch 2023; each leg
 * alone) is scored by file-level nDCG@10 (Järvelin & Kekäläinen 2002) with the question's file as the one
 * relevant answer; the best wins, ties going to the earlier entry (plain RRF first). Then the reranker
 * blend is chosen the same way on top of the chosen first stage, 0 (no reranking) included. Pure.
 */
import { blendHead, describeFirstStage, type FirstStage, fuseFirstStage, PLAIN_RRF } from './first-stage.js';
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
 * Fewer pseudo-questions than this leave the first stage at plain RRF: the differences between fusions
 * are then within noise (about ±0.05 nDCG@10 at 40 questions).
 */
export const MIN_QUESTIONS = 50;

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
}

/** Mean nDCG@10 of every first stage of `grid` over the cases, in grid order. */
export function scoreFirstStages(
  cases: readonly CalibrationCase[],
  grid: readonly FirstStage[] = FIRST_STAGE_GRID,
): Array<Scored<FirstStage>> {
  return grid.map((stage) => ({
    value: stage,
    ndcg: mean(cases.map((c) => answerNdcg(firstStageFiles(stage, c), c.answer))),
  }));
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
  return shares.map((share) => ({
    value: share,
    ndcg: mean(
      cases.map((c) => {
        const files = blendHead(c.fused, c.reranked, share, k).map((item) => item.id);
        return answerNdcg(files, c.answer);
      }),
    ),
  }));
}

/** The best-scoring entry; on a tie the earlier one. */
export function best<T>(scored: ReadonlyArray<Scored<T>>): Scored<T> {
  if (scored.length === 0) throw new RangeError('best: nothing to choose from');
  return scored.reduce((top, entry) => (entry.ndcg > top.ndcg + 1e-12 ? entry : top));
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
