/**
 * Remembered verifications of model files and HNSW files. Hashing a model's files costs a fresh search
 * process tens of milliseconds (32 MB for an adapted model), and walking a collection's HNSW file (hnsw.ts)
 * ten or more, although they change only when `batuta index` writes them. A file whose bytes matched its
 * manifest (or its recorded digest) is remembered by what stat says of it (device, inode, size, modification
 * and change times, in nanoseconds) together with the hash it matched; any write, rename or copy gives the
 * file another stamp, and the next read hashes it again. `batuta index --check` always hashes.
 */
import { statSync } from 'node:fs';

/** Where stamps are kept between processes (the CLI: files under the user cache folder). */
export interface FileStamps {
  /** The stamp last remembered for a file path, or null. */
  read(path: string): string | null;
  /** Remembers `stamp` as verified for `path`. */
  write(path: string, stamp: string): void;
}

/**
 * The stamp of the file at `path` as it is now, for the hash it must match; null when it cannot be read.
 * Taken before the bytes are read: a write after it changes the file's stamp, so no stamp ever stands for
 * bytes that were not hashed.
 */
export function stampOf(path: string, sha256: string): string | null {
  try {
    const s = statSync(path, { bigint: true });
    return [sha256, s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(' ');
  } catch {
    return null;
  }
}

/** Whether the file was verified with this very stamp before. */
export function isRemembered(stamps: FileStamps | undefined, path: string, stamp: string | null): boolean {
  return stamps !== undefined && stamp !== null && stamps.read(path) === stamp;
}
