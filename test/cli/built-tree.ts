/**
 * A private copy of the built package for tests that damage a shipped file: the files are hard links into
 * this checkout (nothing is copied; node_modules is a symbolic link), and `replace` swaps one file for a new
 * one, so the shared dist/ other tests run is never written.
 */
import { linkSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PARTS = ['dist', 'knowledge', 'specs', 'embeddings', 'package.json'];

export interface BuiltTree {
  readonly root: string;
  /** The copy's `batuta` entry, dist/src/cli/main.js. */
  readonly cli: string;
  /** Puts `bytes` at `path` (relative to the copy) as a new file, leaving the linked original alone. */
  replace(path: string, bytes: Uint8Array): void;
}

function linkAll(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkAll(join(from, entry.name), join(to, entry.name));
    else linkSync(join(from, entry.name), join(to, entry.name));
  }
}

/** Links the built package into a temporary folder, removed when the test file ends. */
export function linkBuiltTree(): BuiltTree {
  const root = tempDir('batuta-built');
  for (const part of PARTS) {
    if (part.includes('.')) linkSync(join(ROOT, part), join(root, part));
    else linkAll(join(ROOT, part), join(root, part));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return {
    root,
    cli: join(root, 'dist', 'src', 'cli', 'main.js'),
    replace(path, bytes) {
      rmSync(join(root, path));
      writeFileSync(join(root, path), bytes);
    },
  };
}
