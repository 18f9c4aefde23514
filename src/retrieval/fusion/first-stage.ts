/**
 * The first stage of a hybrid search as one choice: Reciprocal Rank Fusion of the legs' ranks (Cormack,
 * Clarke & Büttcher 2009) or a convex combination of their min-max normalised scores (Bruch, Gai & Ingber
 * 2023), with per-leg weights; and how the reranker's order is blended with the fused order. Pure.
 */
import { fuseConvex } from './convex.js';
import { type FusedItem, fuseRrf, RRF_K } from './rrf.js';

/** How the legs are merged and with what weight each (a weight of 0 leaves a leg out). */
export interface FirstStage {
  readonly method: 'rrf' | 'convex';
  /** RRF's k (used by the reranker blend under either method). */
  readonly rrfK: number;
  readonly bm25Weight: number;
  readonly denseWeight: number;
}

/** Plain RRF, k 60, both legs weighted 1: what a collection without a choice of its own gets. */
export const PLAIN_RRF: FirstStage = { method: 'rrf', rrfK: RRF_K, bm25Weight: 1, denseWeight: 1 };

/** One leg's hits, best first. */
export interface LegHits {
  readonly name: string;
  readonly hits: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  readonly weight: number;
}

/** Fuses the legs the way `stage` says; legs with weight 0 or no hits are left out. */
export function fuseFirstStage(stage: FirstStage, legs: readonly LegHits[]): FusedItem[] {
  const used = legs.filter((leg) => leg.weight > 0 && leg.hits.length > 0);
  if (stage.method === 'convex') return fuseConvex(used);
  return fuseRrf(
    used.map((leg) => ({ name: leg.name, ids: leg.hits.map((hit) => hit.chunkId), weight: leg.weight })),
    stage.rrfK,
  );
}

/** A short readable name of a first stage, e.g. "rrf k60 bm25 1 dense 0.5" or "convex dense 0.1". */
export function describeFirstStage(stage: FirstStage): string {
  if (stage.method === 'convex') {
    const total = stage.bm25Weight + stage.denseWeight;
    return `convex dense ${round(total > 0 ? stage.denseWeight / total : 0)}`;
  }
  return `rrf k${stage.rrfK} bm25 ${round(stage.bm25Weight)} dense ${round(stage.denseWeight)}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The results in the order a reranker blend gives them. `fused` is the first-stage order (every result),
 * `reranked` the reranker's order of the results it read (its head, which may come from another first
 * stage). `share` is the reranker's part: 1 puts its order first and the rest of `fused` after it (null
 * scores: the caller scores them), 0 keeps `fused`; in between, RRF of the two orders weighted 1 − share
 * and share, so a result found by one of them only is still ranked.
 */
export function blendHead(
  fused: readonly string[],
  reranked: readonly string[],
  share: number,
  k: number = RRF_K,
): Array<{ id: string; score: number | null }> {
  if (share <= 0) return fused.map((id) => ({ id, score: null }));
  if (share >= 1) {
    const read = new Set(reranked);
    return [...reranked, ...fused.filter((id) => !read.has(id))].map((id) => ({ id, score: null }));
  }
  return fuseRrf(
    [
      { name: 'fused', ids: fused, weight: 1 - share },
      { name: 'rerank', ids: reranked, weight: share },
    ],
    k,
  ).map((item) => ({ id: item.id, score: item.score }));
}
