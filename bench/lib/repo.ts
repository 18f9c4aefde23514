/**
 * Finds the repository root from a bench file's folder, so the same code works compiled under dist/
 * and as TypeScript under vitest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest ancestor of `start` holding the batuta-oracle package.json. */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'batuta-oracle')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`findRepoRoot: no batuta-oracle package.json above ${start}`);
    dir = parent;
  }
}
