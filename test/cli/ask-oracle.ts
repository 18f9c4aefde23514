/** Asks the built `batuta oracle --json [flags]` a question with a private cache; the answer parsed. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const run = promisify(execFile);

/** An asker bound to one fresh cache folder, so the tests of a file share the oracle's caches. */
export function createOracleAsker<Answer>(
  flags: readonly string[] = ['--explain'],
): (question: string) => Promise<Answer> {
  const cache = tempDir('batuta-oracle-cache-');
  return async (question) => {
    const env = { ...process.env, XDG_CACHE_HOME: cache };
    const { stdout } = await run(process.execPath, [BIN, 'oracle', '--json', ...flags, question], {
      cwd: ROOT,
      env,
    });
    return JSON.parse(stdout) as Answer;
  };
}
