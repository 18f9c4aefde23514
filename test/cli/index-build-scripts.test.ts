/**
 * `batuta index` on a source tree built with autotools: the helper scripts and the scripts named like text
 * documents are left out by rule `build-script`, named in --dry-run and counted in the run's summary; the
 * project's own documents and code are indexed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_SCRIPTS, KEPT, writeAutotoolsTree } from '../retrieval/documents/autotools-tree.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const home = tempDir('batuta-build-scripts');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const tree = writeAutotoolsTree(join(home, 'kettlectl'));

describe('index: build-system helper scripts', { timeout: 120_000 }, () => {
  it('--dry-run --json names each helper with rule build-script and keeps the documents and code', () => {
    const run = runBatuta(['index', tree, '--dry-run', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout).collections[0];
    expect(plan.files.map((file: { source: string }) => file.source)).toEqual(KEPT);
    const scripts = plan.skipped.filter((skip: { rule: string }) => skip.rule === 'build-script');
    expect(scripts.map((skip: { source: string }) => skip.source)).toEqual(BUILD_SCRIPTS);
    expect(plan.summary.byRule['build-script']).toBe(BUILD_SCRIPTS.length);
  });

  it('a run indexes the rest and counts the helpers it left out', () => {
    const run = runBatuta(['index', tree, '--db', join(home, 'index.db'), '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const [summary] = JSON.parse(run.stdout).collections;
    expect(summary).toMatchObject({ files: KEPT.length, added: KEPT.length });
    const rules = summary.excluded.map((skip: { source: string; rule: string }) => [skip.source, skip.rule]);
    expect(rules).toEqual(expect.arrayContaining(BUILD_SCRIPTS.map((source) => [source, 'build-script'])));
  });
});
