/** How a long indexing run reports its progress and notices that it was cancelled. */
import { BatutaError } from '../../errors.js';

/**
 * A progress report: which phase, how far. `calibrate` counts the collection's pseudo-questions asked of
 * its legs and then of its reranker while its fusion is chosen (indexing/calibrate-legs.ts).
 */
export interface IndexProgress {
  readonly phase: 'read' | 'adapt' | 'embed' | 'vectors' | 'calibrate';
  readonly done: number;
  readonly total: number;
}

/** Throws CANCELLED when the run's signal fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new BatutaError(
      'CANCELLED',
      'index: cancelled (what was indexed before stays; run it again to finish)',
    );
  }
}
