/**
 * Runs adaptation in a worker thread (adapt-worker.ts) so the process that serves searches — `batuta mcp`
 * indexes in the same process — keeps answering them with the previous model until the new version is
 * stored and switched to. Progress comes back as messages, a failure as one BatutaError. An aborted
 * signal raises the worker's stop flag; the worker stops at its next progress step, leaves the previous
 * version in place and ends by itself.
 */
import { BatutaError } from '../../errors.js';
import { runWorker } from '../threads/worker-file.js';
import type { AdaptJob, AdaptMessage } from './adapt-worker.js';

/** Adapts in a worker; resolves to the stored version folder. */
export async function runAdaptation(
  job: Omit<AdaptJob, 'stop'>,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  if (signal?.aborted) throw cancelled();
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const workerData = { ...job, stop: stop.buffer } satisfies AdaptJob;
  const running = runWorker<AdaptMessage>(import.meta.url, 'adapt-worker.js', { workerData }, (message) => {
    if (message.type === 'progress' && !signal?.aborted) onProgress(message.fraction);
  });
  const abort = () => Atomics.store(stop, 0, 1);
  signal?.addEventListener('abort', abort, { once: true });
  const end = await running.finally(() => signal?.removeEventListener('abort', abort));
  const { last } = end;
  if (last?.type === 'done') return last.dir;
  if (last?.type === 'cancelled') throw cancelled();
  if (last?.type === 'error') throw new BatutaError('IO', `adaptation failed: ${last.message}`);
  if (end.error !== null) throw new BatutaError('IO', `adaptation worker crashed: ${end.error.message}`);
  throw new BatutaError('IO', `adaptation worker stopped (exit code ${end.code})`);
}

function cancelled(): BatutaError {
  return new BatutaError(
    'CANCELLED',
    'index: cancelled while adapting the embedding model (the previous model stays in use; run it again to finish)',
  );
}
