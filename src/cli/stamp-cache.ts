/**
 * Where `batuta oracle --rag` remembers the model and HNSW files it verified (see
 * src/retrieval/dense/file-stamps.ts): one small file per checked file under $XDG_CACHE_HOME/batuta/verified
 * (or ~/.cache/batuta/verified), named by a hash of the checked file's path and holding its stamp. An
 * optimisation only: any error reading or writing it costs the next process a hash, nothing else.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileStamps } from '../retrieval/index.js';
import type { CliIo } from './io.js';

/** File stamps kept under the user cache folder of `env`. */
export function createFileStamps(env: CliIo['env']): FileStamps {
  const root = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  const dir = join(root, 'batuta', 'verified');
  const file = (path: string) => join(dir, createHash('sha256').update(path).digest('hex').slice(0, 32));
  return {
    read(path) {
      try {
        return readFileSync(file(path), 'utf8');
      } catch {
        return null;
      }
    },
    write(path, stamp) {
      try {
        mkdirSync(dir, { recursive: true });
        const temporary = `${file(path)}.${process.pid}.tmp`;
        writeFileSync(temporary, stamp);
        renameSync(temporary, file(path));
      } catch {
        // A read-only or full disk only costs the next process a hash.
      }
    },
  };
}
