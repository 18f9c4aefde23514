/**
 * Worker-thread entry of adaptation (adapt-run.ts starts it): skip-gram and LSA are minutes of
 * synchronous CPU work, so they run here while the main thread keeps serving searches. Posts progress
 * fractions, then the stored version folder, or the error's one-line description.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../errors.js';
import { storeAdapted } from './adapt-store.js';
import { type AdaptOptions, adaptVectors } from './embed-adapt.js';
import type { WordVectors } from './train/skipgram.js';

/** What adapt-run.ts hands the worker. */
export interface AdaptJob {
  readonly base: WordVectors;
  readonly texts: readonly string[];
  readonly options: AdaptOptions;
  readonly modelDir: string;
}

/** Messages the worker posts back. */
export type AdaptMessage =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'done'; readonly dir: string }
  | { readonly type: 'error'; readonly message: string };

async function run(job: AdaptJob): Promise<AdaptMessage> {
  try {
    const post = (fraction: number) => parentPort?.postMessage({ type: 'progress', fraction });
    const vectors = await adaptVectors(job.base, job.texts, job.options, post);
    return { type: 'done', dir: storeAdapted(job.modelDir, vectors) };
  } catch (error) {
    return { type: 'error', message: describeError(error) };
  }
}

if (parentPort !== null && workerData !== null) {
  const port = parentPort;
  void run(workerData as AdaptJob).then((message) => port.postMessage(message));
}
