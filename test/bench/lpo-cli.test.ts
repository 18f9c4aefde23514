/**
 * The leave-package-out harness (bench/retrieval/lpo.ts) refuses to run without the written questions it
 * trains and scores with, instead of fitting a different model from a build copy that lacks them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WRITTEN_QUESTIONS_DIR } from '../../src/retrieval/train/written-questions.js';
import { linkBuiltTree } from '../cli/built-tree.js';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs a build's lpo.js in `cwd`; `--heads-code` names no build, so a run that passes the folder check
 *  stops at once on that flag instead of training. */
function lpo(root: string, cwd: string, more: readonly string[] = []) {
  const out = join(tempDir('lpo-out'), 'lpo');
  const script = join(root, 'dist/bench/retrieval/lpo.js');
  const args = [script, '--out', out, '--heads-code', join(cwd, 'no-build'), ...more];
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('node dist/bench/retrieval/lpo.js and the written questions', () => {
  it('refuses, in one line naming the folder, a build copy without the questions folder', () => {
    const tree = linkBuiltTree();
    const run = lpo(tree.root, tree.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(join(tree.root, WRITTEN_QUESTIONS_DIR));
  });

  it('refuses a questions folder that holds no question file', () => {
    const tree = linkBuiltTree();
    const folder = join(tree.root, WRITTEN_QUESTIONS_DIR);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'README.txt'), 'not questions\n');
    const run = lpo(tree.root, tree.root);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(folder);
  });

  it("finds the checkout's folder from any working directory", () => {
    const run = lpo(ROOT, tempDir('lpo-cwd'));
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toContain(join(ROOT, WRITTEN_QUESTIONS_DIR));
    expect(lines.at(-1)).toContain('--heads-code');
  });

  it('refuses an unknown way of recording the training heads before anything slow, in one line', () => {
    const run = lpo(ROOT, ROOT, ['--train-heads', 'wink']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--train-heads wink');
    expect(run.stderr).toContain('stored');
  });
});
