/**
 * Allowed roots: the folders file-system tools (indexing, migration) may act in. The current project by
 * default, more with `--root`. A path is checked after resolving `..` and every symlink of its longest
 * existing prefix, so neither `../../etc` nor a link pointing out of the project gets through.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '../src/errors.js';
import { resolveInside } from '../src/paths/index.js';

export interface AllowedRoots {
  /** Real absolute paths of the roots; the first one is where relative paths start. */
  readonly paths: readonly string[];
  /**
   * The real absolute path of `path` (relative paths start at the first root), or an OUTSIDE_ROOTS error
   * naming the roots (and the symlink, when one leads out) when it lies outside all of them. `label` names
   * the argument in the message.
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
  return { paths: real, resolve: (path, label) => resolveInside(real, path, label) };
}
