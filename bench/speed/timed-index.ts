/**
 * One timed `indexCollection` run of the speed benches, with the shipped models: its seconds, the summary,
 * and when each progress phase first and last reported (seconds from the start).
 */

import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import { type IndexSummary, indexCollection } from '../../src/retrieval/indexing/indexer.js';
import type { IndexProgress } from '../../src/retrieval/indexing/progress.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { IndexStore } from '../../src/store/index-store.js';

/** The collection name the speed benches index under. */
export const BENCH_COLLECTION = 'bench';

export interface TimedIndex {
  readonly seconds: number;
  readonly summary: IndexSummary;
  readonly phases: Record<string, number>;
}

export async function timedIndex(
  dbPath: string,
  root: string,
  onPhase: (phase: IndexProgress['phase']) => void = () => {},
): Promise<TimedIndex> {
  const store = IndexStore.open(dbPath);
  const start = performance.now();
  const phases: Record<string, number> = {};
  try {
    const summary = await indexCollection({
      name: BENCH_COLLECTION,
      root,
      store,
      models: createModelProvider(),
      ...collectionFiles(dbPath, BENCH_COLLECTION),
      onProgress: (progress) => {
        const at = (performance.now() - start) / 1000;
        phases[`${progress.phase}StartS`] ??= at;
        phases[`${progress.phase}DoneAtS`] = at;
        onPhase(progress.phase);
      },
    });
    return { seconds: (performance.now() - start) / 1000, summary, phases };
  } finally {
    store.close();
  }
}
