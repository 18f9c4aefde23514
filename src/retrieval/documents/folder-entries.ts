/**
 * A folder's entries as the selection needs them: the size and time of regular files, where a symbolic link
 * leads, and the start of a page read safely.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';

/**
 * An entry of a folder. A symbolic link is not followed (documents are read without following links, so
 * a collection never reaches outside its folder): `link` names the real path it leads to, `broken` a link
 * to nothing, `gone` an entry removed while the folder was walked, `special` a FIFO, socket or device
 * (never opened: opening a FIFO blocks until something writes to it).
 */
export interface Entry {
  readonly name: string;
  readonly type: 'file' | 'folder' | 'link' | 'broken' | 'gone' | 'special';
  readonly size: number;
  readonly mtime: number;
  /** For a link: the real path it leads to. */
  readonly target?: string;
  /** For a special entry: what it is. */
  readonly special?: 'FIFO' | 'socket' | 'device';
}

/** The entries of `dir`, or null when it cannot be read. */
export function listFolder(dir: string): Entry[] | null {
  let names: import('node:fs').Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const base = dir.endsWith('/') || dir.endsWith('\\') ? dir : `${dir}/`;
  return names.map((dirent) => {
    const none = { name: dirent.name, size: 0, mtime: 0 };
    if (dirent.isDirectory()) return { ...none, type: 'folder' as const };
    if (dirent.isSymbolicLink()) return linkEntry(base + dirent.name, none);
    if (!dirent.isFile()) return { ...none, type: 'special' as const, special: specialKind(dirent) };
    const stats = statSync(base + dirent.name, { throwIfNoEntry: false });
    if (stats === undefined) return { ...none, type: 'gone' as const };
    return { name: dirent.name, type: 'file' as const, size: stats.size, mtime: stats.mtimeMs };
  });
}

function specialKind(dirent: import('node:fs').Dirent): 'FIFO' | 'socket' | 'device' {
  if (dirent.isFIFO()) return 'FIFO';
  return dirent.isSocket() ? 'socket' : 'device';
}

function linkEntry(path: string, none: { name: string; size: number; mtime: number }): Entry {
  try {
    return { ...none, type: 'link', target: realpathSync(path) };
  } catch {
    return { ...none, type: 'broken' };
  }
}

/** How much of a file's start the selection rules read (markers, shebangs, binary content). */
export const HEAD_BYTES = 16384;

/** The first `bytes` of a file (none when it cannot be read). */
export function headBytes(path: string, bytes = HEAD_BYTES): Buffer {
  const buffer = Buffer.alloc(bytes);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return buffer.subarray(0, 0);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The generators a folder's pages name in `<meta name="generator">`, one a line: from its index.html and
 * the first two other pages by name (a folder's index.html is often a hand-written or linked page); ''
 * when none.
 */
export function generatorOf(base: string, files: ReadonlySet<string>): string {
  const others = [...files].filter((file) => /\.html?$/i.test(file) && file !== 'index.html').sort();
  const pages = [...(files.has('index.html') ? ['index.html'] : []), ...others.slice(0, 2)];
  return pages
    .flatMap(
      (page) =>
        headBytes(base + page, 4096)
          .toString('utf8')
          .match(/<meta\s[^>]*>/gi) ?? [],
    )
    .filter((meta) => /\sname=["']generator["']/i.test(meta))
    .map((meta) => /\scontent=["']([^"']*)["']/i.exec(meta)?.[1] ?? '')
    .join('\n');
}
