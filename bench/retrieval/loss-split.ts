/**
 * Where one question's nDCG@10 loss lies when a reranker orders a head of files: graded files the head never
 * held (first-stage recall), ungraded files the reranker put in the top 10 (what deleting them would give
 * back), and the rest (graded files in the wrong order among themselves). The three parts sum to 1 − nDCG@10.
 */
import { type Judgements, ndcgAt } from '../lib/metrics.js';

export interface LossSplit {
  /** 1 − nDCG@10 of the reranked order. */
  readonly loss: number;
  /** 1 − the best nDCG@10 an order of the head's graded files could reach. */
  readonly recall: number;
  /** What the ungraded files in the reranked top 10 cost. */
  readonly ungraded: number;
  /** The rest: graded files below others of lower grade. */
  readonly graded: number;
  /** The files above the best-placed file of the highest grade, in reranked order, with their grades. */
  readonly above: ReadonlyArray<{ readonly file: string; readonly grade: number }>;
}

/** Splits the loss of `reranked` (files, best first) given the `head` the reranker read. */
export function splitLoss(
  reranked: readonly string[],
  head: readonly string[],
  relevant: Judgements,
): LossSplit {
  const grade = (file: string) => relevant[file] ?? 0;
  const ndcg = ndcgAt(reranked, relevant);
  const held = head.filter((file) => grade(file) > 0).sort((a, b) => grade(b) - grade(a));
  // With a reranker share below 1, fused files outside the head can reach the top 10.
  const reachable = Math.max(ndcgAt(held, relevant), ndcg);
  const gradedOnly = ndcgAt(
    reranked.filter((file) => grade(file) > 0),
    relevant,
  );
  const ungraded = Math.max(0, Math.min(gradedOnly, reachable) - ndcg);
  const top = Math.max(0, ...Object.values(relevant));
  const first = reranked.findIndex((file) => top > 0 && grade(file) === top);
  return {
    loss: 1 - ndcg,
    recall: 1 - reachable,
    ungraded,
    graded: reachable - ndcg - ungraded,
    above: reranked
      .slice(0, first < 0 ? Math.min(reranked.length, 10) : first)
      .map((file) => ({ file, grade: grade(file) })),
  };
}
