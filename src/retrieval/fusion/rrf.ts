/**
 * Reciprocal Rank Fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ_lists w / (k + rank(d)).
 * Pure: ranked lists in, fused list out, with the rank each list gave every item.
 */

/** One ranked input list; `ids` best first. */
export interface RankedList {
  readonly name: string;
  readonly ids: readonly string[];
  /** Multiplies this list's contributions; 0 switches the list off. Default 1. */
  readonly weight?: number;
}

/** A fused item with its rank (1-based) in every list that contained it. */
export interface FusedItem {
  readonly id: string;
  readonly score: number;
  readonly ranks: Readonly<Record<string, number>>;
}

/** The usual RRF constant: dampens the gap between the first ranks. */
export const RRF_K = 60;

/** Fuses ranked lists; ties keep the order of first appearance so the output is deterministic. */
export function fuseRrf(lists: readonly RankedList[], k: number = RRF_K): FusedItem[] {
  if (!(k >= 0)) throw new RangeError(`fuseRrf: k must be ≥ 0, got ${k}`);
  const scores = new Map<string, { score: number; ranks: Record<string, number>; order: number }>();
  for (const list of lists) {
    const weight = list.weight ?? 1;
    list.ids.forEach((id, index) => {
      let entry = scores.get(id);
      if (entry === undefined) {
        entry = { score: 0, ranks: {}, order: scores.size };
        scores.set(id, entry);
      }
      if (entry.ranks[list.name] !== undefined) return;
      entry.ranks[list.name] = index + 1;
      entry.score += weight / (k + index + 1);
    });
  }
  return [...scores.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.order - b.order)
    .map(([id, { score, ranks }]) => ({ id, score, ranks }));
}
