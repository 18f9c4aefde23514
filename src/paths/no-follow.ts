/**
 * File access that never follows a symlink in the last path component (O_NOFOLLOW): the companion of
 * contain.ts for paths already checked, so a file replaced by a link after the check is refused instead of
 * read or overwritten through it.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { OutsideRootsError } from '../errors.js';

function refuseLink(error: unknown, path: string): never {
  if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
    throw new OutsideRootsError(
      `"${path}" is a symlink (batuta does not follow links here; replace it with the file)`,
      {
        path,
        link: path,
      },
    );
  }
  throw error;
}

/** The bytes of a regular file, refusing a symlink; other errors (ENOENT, EACCES) pass through. */
export function readFileNoFollow(path: string): Buffer {
  const fd = openNoFollow(path, constants.O_RDONLY);
  try {
    if (!fstatSync(fd).isFile()) {
      throw Object.assign(new Error(`EISDIR: "${path}" is not a regular file`), { code: 'EISDIR' });
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function openNoFollow(path: string, flags: number): number {
  try {
    return openSync(path, flags | constants.O_NOFOLLOW, 0o666);
  } catch (error) {
    refuseLink(error, path);
  }
}

function writeAll(fd: number, data: string | Uint8Array): void {
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } finally {
    closeSync(fd);
  }
}

/** Creates or truncates `path` and writes `data`, refusing to write through a symlink. */
export function writeFileNoFollow(path: string, data: string | Uint8Array): void {
  writeAll(openNoFollow(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC), data);
}

/**
 * Writes a file by renaming a fresh sibling over it, so readers never see half of it. The temporary file is
 * created exclusively (a link planted under its name is removed, not followed); rename replaces a link at
 * `path` itself rather than writing where it points.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  const temp = `${path}.tmp-${process.pid}`;
  rmSync(temp, { force: true });
  writeAll(openNoFollow(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL), data);
  renameSync(temp, path);
}
