/**
 * The engine's own rankers (bm25, dense, hybrid, hybrid+rerank), registered here by the retrieval
 * engineer so eval.ts scores them beside the baselines in the same run. Empty until they are wired in.
 */
import type { Ranker } from './rankers.js';

/** Our rankers in table order; each is prepared over the evaluated corpus by eval.ts. */
export function createOurRankers(): Ranker[] {
  return [];
}
