/**
 * Finds the compiled JavaScript file of a worker thread. Node runs only JavaScript in a worker: from
 * dist/ the worker sits beside its caller; from the TypeScript sources (vitest) the compiled copy under
 * dist/ is used, so tests of worker code need `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatutaError } from '../errors.js';

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
