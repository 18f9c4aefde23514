/**
 * Worker threads of the retrieval layer: finding their compiled JavaScript file, and running one to its
 * end. Node runs only JavaScript in a worker: from dist/ the worker sits beside its caller; from the
 * TypeScript sources (vitest) the compiled copy under dist/ is used, so tests of worker code need
 * `npm run build` first. Our workers end by themselves; they are never terminated (terminating one while
 * V8 compiles its code in the background aborted a CI run in node_platform.cc ForIsolate).
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { BatutaError } from '../../errors.js';

/** How a worker ended: the last message it posted (null if none), or what it threw, and its exit code. */
export interface WorkerEnd<M> {
  readonly last: M | null;
  readonly error: Error | null;
  readonly code: number;
}

/**
 * Starts the compiled worker `name` beside the module at `callerUrl` and settles once its thread has
 * ended, so no caller (a CLI about to exit) can cut it short; `onMessage` sees every message on the way.
 */
export function runWorker<M>(
  callerUrl: string,
  name: string,
  options: WorkerOptions,
  onMessage: (message: M) => void = () => {},
): Promise<WorkerEnd<M>> {
  const worker = new Worker(compiledWorkerFile(callerUrl, name), options);
  return new Promise((resolve) => {
    let last: M | null = null;
    let error: Error | null = null;
    worker.on('message', (message: M) => {
      last = message;
      onMessage(message);
    });
    worker.on('error', (thrown) => {
      error ??= thrown;
    });
    worker.on('exit', (code) => resolve({ last, error, code }));
  });
}

/** The compiled `name` (e.g. "adapt-worker.js") in the folder of the module at `callerUrl`. */
export function compiledWorkerFile(callerUrl: string, name: string): string {
  const caller = fileURLToPath(callerUrl);
  let dir = dirname(caller);
  if (caller.endsWith('.ts')) {
    const at = `${dir}${sep}`.lastIndexOf(`${sep}src${sep}`);
    dir = join(dir.slice(0, at), 'dist', dir.slice(at));
  }
  const file = join(dir, name);
  if (!existsSync(file)) {
    throw new BatutaError('IO', `models: the worker file ${file} is missing (run npm run build)`, { file });
  }
  return file;
}
