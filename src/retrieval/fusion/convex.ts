/**
 * Convex combination of min-max normalised scores (Bruch, Gai & Ingber 2023, "An Analysis of Fusion
 * Functions for Hybrid Retrieval"): score(d) = Σ_lists w · (s − min) / (max − min), the weights summing to
 * one. Unlike RRF it keeps how far apart the scores are, so a weak leg with a small weight can only move
 * results that the strong leg left close together. Pure: scored lists in, fused list out.
 */
import type { FusedItem } from './rrf.js';

/** One scored input list; `hits` best first, higher scores better. */
export interface ScoredList {
  readonly name: string;
  readonly hits: ReadonlyArray<{ readonly chunkId: string; readonly score: number }>;
  /** Share of this list in the fused score; lists with weight 0 are ignored. */
  readonly weight: number;
}

/**
 * Fuses scored lists. An id a list did not return counts as that list's lowest score; a list whose hits
 * all score the same gives each of them 1. Ties keep the order of first appearance, so the output is
 * deterministic. Each item carries its rank (1-based) in every list that returned it.
 */
export function fuseConvex(lists: readonly ScoredList[]): FusedItem[] {
  const used = lists.filter((list) => list.weight > 0 && list.hits.length > 0);
  const total = used.reduce((sum, list) => sum + list.weight, 0);
  const items = new Map<string, { score: number; ranks: Record<string, number>; order: number }>();
  for (const list of used) {
    const high = list.hits.reduce((max, hit) => Math.max(max, hit.score), Number.NEGATIVE_INFINITY);
    const low = list.hits.reduce((min, hit) => Math.min(min, hit.score), Number.POSITIVE_INFINITY);
    const span = high - low;
    const share = list.weight / total;
    list.hits.forEach((hit, index) => {
      let item = items.get(hit.chunkId);
      if (item === undefined) {
        item = { score: 0, ranks: {}, order: items.size };
        items.set(hit.chunkId, item);
      }
      if (item.ranks[list.name] !== undefined) return;
      item.ranks[list.name] = index + 1;
      item.score += share * (span > 0 ? (hit.score - low) / span : 1);
    });
  }
  return [...items.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.order - b.order)
    .map(([id, { score, ranks }]) => ({ id, score, ranks }));
}
