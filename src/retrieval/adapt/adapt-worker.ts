/**
 * Worker-thread entry of adaptation (run.ts starts it): skip-gram and LSA are minutes of
 * synchronous CPU work, so they run here while the main thread keeps serving searches. Posts progress
 * fractions, then the stored version folder, `cancelled`, or the error's one-line description. A stop is
 * asked for through the shared `stop` flag and honoured at the next progress step or just before the
 * switch to the new version; the thread then ends by itself (it is never terminated, see skipgram-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatutaError, describeError } from '../../errors.js';
import type { WordVectors } from '../wordvec/skipgram.js';
import { type AdaptOptions, adaptVectors } from './adapt-vectors.js';
import { storeAdapted } from './store.js';

/** What run.ts hands the worker. */
export interface AdaptJob {
  readonly base: WordVectors;
  readonly texts: readonly string[];
  readonly options: AdaptOptions;
  readonly modelDir: string;
  /** One Int32; run.ts sets it to 1 to stop the adaptation. */
  readonly stop: SharedArrayBuffer;
}

/** Messages the worker posts back. */
export type AdaptMessage =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'done'; readonly dir: string }
  | { readonly type: 'cancelled' }
  | { readonly type: 'error'; readonly message: string };

async function run(job: AdaptJob): Promise<AdaptMessage> {
  const flag = new Int32Array(job.stop);
  const stopRequested = () => Atomics.load(flag, 0) === 1;
  try {
    const post = (fraction: number) => {
      if (stopRequested()) throw new BatutaError('CANCELLED', 'models: adaptation stopped');
      parentPort?.postMessage({ type: 'progress', fraction });
    };
    const vectors = await adaptVectors(job.base, job.texts, job.options, post);
    return { type: 'done', dir: storeAdapted(job.modelDir, vectors, stopRequested) };
  } catch (error) {
    if (error instanceof BatutaError && error.code === 'CANCELLED') return { type: 'cancelled' };
    return { type: 'error', message: describeError(error) };
  }
}

if (parentPort !== null && workerData !== null) {
  const port = parentPort;
  void run(workerData as AdaptJob).then((message) => port.postMessage(message));
}
