/**
 * Reciprocal Rank Fusion of other rankers' file lists, the plain fusion the design names: a file's score
 * is the sum over legs of weight / (k + its rank in that leg), ranks from 1; ties keep the first leg's order.
 */
import type { Ranker } from './rankers.js';

export interface RrfLeg {
  readonly ranker: Ranker;
  readonly weight: number;
}

/** A ranker that prepares, asks and closes its legs and fuses their lists with RRF (k 60 by default). */
export function createRrfRanker(name: string, legs: readonly RrfLeg[], k = 60): Ranker {
  return {
    name,
    async prepare(root, files) {
      for (const leg of legs) await leg.ranker.prepare(root, files);
    },
    async rank(question) {
      const scores = new Map<string, number>();
      for (const leg of legs) {
        const ranked = await leg.ranker.rank(question);
        for (const [index, file] of ranked.entries()) {
          scores.set(file, (scores.get(file) ?? 0) + leg.weight / (k + index + 1));
        }
      }
      return [...scores].sort((a, b) => b[1] - a[1]).map(([file]) => file);
    },
    close() {
      for (const leg of legs) leg.ranker.close?.();
    },
  };
}
