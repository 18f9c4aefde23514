/**
 * Containment: every path batuta reads or writes on behalf of a client or a project goes through here.
 * A path is resolved to its real location (every symlink followed, including a dangling last one, and for a
 * path still to be created the real path of its deepest existing ancestor), and that location must lie
 * inside one of the allowed folders. A symlink leading out is refused with an error that names the link.
 *
 * Checks happen just before each use. A process that swaps a folder for a symlink between the check and
 * the use can still win that race (closing it needs openat(2), which Node lacks); files are opened with
 * O_NOFOLLOW (no-follow.ts) so at least the last component cannot be switched.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError, OutsideRootsError } from '../errors.js';

/** Symlinks followed before a path counts as a loop (the kernel's own limit). */
const MAX_LINKS = 40;

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function loop(path: string): OutsideRootsError {
  return new OutsideRootsError(`path "${path}" runs into a symlink loop (remove the loop)`, { path });
}

/**
 * The real absolute path of `path`: symlinks resolved as the kernel would, a missing tail appended to the
 * real path of the deepest existing ancestor. A dangling symlink resolves to where it points, so a file
 * created through it is judged by where it would land.
 */
export function realPathOf(path: string, links = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ELOOP') throw loop(path);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  const candidate = join(realPathOf(parent, links), basename(absolute));
  let isLink = false;
  try {
    isLink = lstatSync(candidate).isSymbolicLink();
  } catch {
    return candidate;
  }
  if (!isLink) return candidate;
  if (links >= MAX_LINKS) throw loop(path);
  return realPathOf(resolve(dirname(candidate), readlinkSync(candidate)), links + 1);
}

/** True when `target` is `root` or lies beneath it (both absolute and already real). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The first symlink on the way to `absolute` whose real target lies outside every root. */
function escapingLink(roots: readonly string[], absolute: string): { link: string; target: string } | null {
  const parts = absolute.split(sep).filter((part) => part !== '');
  let prefix: string = sep;
  for (const part of parts) {
    prefix = join(prefix, part);
    let isLink = false;
    try {
      isLink = lstatSync(prefix).isSymbolicLink();
    } catch {
      return null;
    }
    if (!isLink) continue;
    const target = realPathOf(prefix);
    if (!roots.some((root) => isInside(root, target))) return { link: prefix, target };
  }
  return null;
}

/**
 * The real path of `path` (a relative path starts at `roots[0]`), or OUTSIDE_ROOTS when it lies outside
 * every root; `roots` must be real paths. `label` names the argument or setting in the message, `scope`
 * what the roots are to the reader.
 */
export function resolveInside(
  roots: readonly string[],
  path: string,
  label: string,
  scope = 'the allowed roots',
): string {
  const first = roots[0];
  if (first === undefined) throw new InvalidInputError(`${label}: no allowed folder is set`);
  if (path.trim() === '' || path.includes('\0')) {
    throw new InvalidInputError(`${label} is empty or malformed (give a path inside ${first})`, { path });
  }
  const absolute = resolve(first, path);
  const real = realPathOf(absolute);
  if (roots.some((root) => isInside(root, real))) return real;
  const where = roots.map((root) => `"${root}"`).join(' or ');
  const leak = escapingLink(roots, absolute);
  if (leak !== null) {
    throw new OutsideRootsError(
      `${label} "${path}" leads outside ${scope}: "${leak.link}" is a symlink to a place outside ${where} (replace the link with a real folder or file)`,
      { path, link: leak.link, target: leak.target, roots },
    );
  }
  throw new OutsideRootsError(`${label} "${path}" is outside ${scope} (use a path inside ${where})`, {
    path,
    roots,
  });
}

/**
 * `join(root, ...segments)` as a checked real path: what a project keeps beneath itself (.batuta/, the
 * workspace, logs, files named in batuta.toml) must not lead out of the project, whatever links it holds.
 */
export function resolveUnder(root: string, ...segments: string[]): string {
  return resolveInside([realPathOf(root)], join(...segments), 'path', 'the project');
}
