/**
 * Runs adaptation in a worker thread (adapt-worker.ts) so the process that serves searches — `batuta mcp`
 * indexes in the same process — keeps answering them with the previous model until the new version is
 * stored and switched to. Progress comes back as messages, a failure as one BatutaError. An aborted
 * signal raises the worker's stop flag; the worker stops at its next progress step, leaves the previous
 * version in place and ends by itself.
 */
import { Worker } from 'node:worker_threads';
import { BatutaError } from '../errors.js';
import type { AdaptJob, AdaptMessage } from './adapt-worker.js';
import { compiledWorkerFile } from './worker-file.js';

/** Adapts in a worker; resolves to the stored version folder. */
export function runAdaptation(
  job: Omit<AdaptJob, 'stop'>,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  if (signal?.aborted) return Promise.reject(cancelled());
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(compiledWorkerFile(import.meta.url, 'adapt-worker.js'), {
    workerData: { ...job, stop: stop.buffer } satisfies AdaptJob,
  });
  const abort = () => Atomics.store(stop, 0, 1);
  signal?.addEventListener('abort', abort, { once: true });
  // Settles once the thread has ended, so no caller (a CLI about to exit) can cut it short.
  return new Promise<string>((resolve, reject) => {
    let outcome: (() => void) | null = null;
    worker.on('message', (message: AdaptMessage) => {
      if (message.type === 'progress') {
        if (!signal?.aborted) onProgress(message.fraction);
      } else if (message.type === 'done') outcome = () => resolve(message.dir);
      else if (message.type === 'cancelled') outcome = () => reject(cancelled());
      else outcome = () => reject(new BatutaError('IO', `adaptation failed: ${message.message}`));
    });
    worker.on('error', (error) => {
      outcome ??= () => reject(new BatutaError('IO', `adaptation worker crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', abort);
      (outcome ?? (() => reject(new BatutaError('IO', `adaptation worker stopped (exit code ${code})`))))();
    });
  });
}

function cancelled(): BatutaError {
  return new BatutaError(
    'CANCELLED',
    'index: cancelled while adapting the embedding model (the previous model stays in use; run it again to finish)',
  );
}
