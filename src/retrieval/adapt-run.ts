/**
 * Runs adaptation in a worker thread (adapt-worker.ts) so the process that serves searches — `batuta mcp`
 * indexes in the same process — keeps answering them with the previous model until the new version is
 * stored and switched to. Progress comes back as messages, a failure as one BatutaError, and an aborted
 * signal terminates the worker and leaves the previous version in place.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BatutaError } from '../errors.js';
import type { AdaptJob, AdaptMessage } from './adapt-worker.js';
import { compiledWorkerFile } from './worker-file.js';

/** Adapts in a worker; resolves to the stored version folder. */
export function runAdaptation(
  job: AdaptJob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  if (signal?.aborted) return Promise.reject(cancelled());
  const worker = new Worker(compiledWorkerFile(import.meta.url, 'adapt-worker.js'), { workerData: job });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    // Settles only once the worker has stopped and its half-written staging folder is gone.
    const abort = () => {
      const staging = join(job.modelDir, `staging-${process.pid}-${worker.threadId}`);
      finish(
        () =>
          void worker.terminate().then(() => {
            rmSync(staging, { recursive: true, force: true });
            reject(cancelled());
          }),
      );
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: AdaptMessage) => {
      if (message.type === 'progress') {
        if (!settled) onProgress(message.fraction);
      } else if (message.type === 'done') finish(() => resolve(message.dir));
      else finish(() => reject(new BatutaError('IO', `adaptation failed: ${message.message}`)));
    });
    worker.on('error', (error) =>
      finish(() => reject(new BatutaError('IO', `adaptation worker crashed: ${error.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new BatutaError('IO', `adaptation worker stopped (exit code ${code})`))),
    );
  });
}

function cancelled(): BatutaError {
  return new BatutaError(
    'CANCELLED',
    'index: cancelled while adapting the embedding model (the previous model stays in use; run it again to finish)',
  );
}
