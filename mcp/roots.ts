/**
 * Allowed roots: the folders file-system tools (indexing, migration) may act in. The current project by
 * default, more with `--root`. A path is checked after resolving `..` and every symlink of its longest
 * existing prefix, so neither `../../etc` nor a link pointing out of the project gets through.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError } from '../src/errors.js';

export interface AllowedRoots {
  /** Real absolute paths of the roots; the first one is where relative paths start. */
  readonly paths: readonly string[];
  /**
   * The real absolute path of `path` (relative paths start at the first root), or an INVALID_INPUT error
   * naming the roots when it lies outside all of them. `label` names the argument in the message.
   */
  resolve(path: string, label: string): string;
}

/** Checks each root exists and is a folder, and returns the resolver over their real paths. */
export function createAllowedRoots(paths: readonly string[], cwd: string): AllowedRoots {
  if (paths.length === 0) throw new InvalidInputError('roots: no root given (give at least one folder)');
  const real = paths.map((path) => {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
      throw new InvalidInputError(`roots: "${path}" is not an existing folder (give a folder with --root)`, {
        root: path,
      });
    }
    return realpathSync(absolute);
  });
  const first = real[0]!;
  return {
    paths: real,
    resolve(path, label) {
      if (path.trim() === '' || path.includes('\0')) {
        throw new InvalidInputError(`${label} is empty or malformed (give a path inside ${first})`, { path });
      }
      const target = realPathOf(isAbsolute(path) ? path : resolve(first, path));
      if (real.some((root) => isInside(root, target))) return target;
      throw new InvalidInputError(
        `${label} "${path}" is outside the allowed roots (use a path inside ${real.join(' or ')}, or start the server with --root)`,
        { path, roots: real },
      );
    },
  };
}

/** Resolves symlinks of the longest existing prefix; the missing rest (a folder to be created) is appended. */
function realPathOf(absolute: string): string {
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(realPathOf(parent), basename(absolute));
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
