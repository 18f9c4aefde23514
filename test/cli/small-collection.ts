/**
 * A collection of a few small files written into a temporary folder and indexed by the built CLI, then asked
 * through `batuta oracle --rag --json`: the set-up of the CLI tests that pin one ranking case with their own
 * files. `index` goes in beforeAll, `remove` in afterAll.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir } from '../mcp/harness.js';
import { runBatuta } from './run-batuta.js';

export interface SmallCollection {
  /** Writes the files and indexes them as collection "docs"; asserts that the index succeeded. */
  index(): void;
  /** The results of `oracle --rag --json [flags] question` on the collection; asserts exit 0. */
  ask<Result>(question: string, ...flags: string[]): Result[];
  remove(): void;
}

/** `files` maps a file name to its text. */
export function smallCollection(prefix: string, files: Readonly<Record<string, string>>): SmallCollection {
  const home = tempDir(prefix);
  const db = join(home.path, 'index.db');
  return {
    index() {
      const docs = join(home.path, 'docs');
      mkdirSync(docs);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(docs, name), text);
      const indexed = runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path);
      expect(indexed.code, indexed.stderr).toBe(0);
    },
    ask<Result>(question: string, ...flags: string[]) {
      const run = runBatuta(
        ['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, ...flags, question],
        home.path,
      );
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { results: Result[] }).results;
    },
    remove: () => home.remove(),
  };
}
