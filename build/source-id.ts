/**
 * The id of a build's code: a hash of every file under src/ (paths and contents, in a fixed order). The
 * bundler compiles it into the CLI and the build's snapshots record it, so a snapshot of derived data is
 * used only by the code that derived it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
    })
    .sort();
}

/** The hash of the sources under `root`/src. */
export function sourceId(root: string): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(join(root, 'src'))) {
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}
