/** The oracle quality bench through its built entry: which questions each `--split` selects. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const EVAL = join(ROOT, 'dist/bench/oracle/eval.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [EVAL, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The question count of a row of the first table ("| all | 24 | ... |"). */
function count(stdout: string, row: string): number | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`| ${row} |`));
  return line === undefined ? undefined : Number(line.split('|')[2]);
}

describe('node dist/bench/oracle/eval.js', () => {
  it('grades every question with --split all, and the same ones without --split', () => {
    const all = run(['--set', 'fresh', '--split', 'all']);
    expect(all.code).toBe(0);
    expect(count(all.stdout, 'all')).toBe(24);
    expect(count(all.stdout, 'dev')).toBe(16);
    expect(count(all.stdout, 'holdout')).toBe(8);
    expect(count(run(['--set', 'fresh']).stdout, 'all')).toBe(24);
  });

  it('grades one split when asked for it', () => {
    const dev = run(['--set', 'fresh', '--split', 'dev']);
    expect(count(dev.stdout, 'all')).toBe(16);
    expect(count(dev.stdout, 'holdout')).toBeUndefined();
  });

  it('does not list held-out misses unless the test split is asked for by name', () => {
    const all = run(['--set', 'unseen', '--split', 'all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('test split not shown');
    expect(all.stdout).not.toMatch(/^- \[test\]/m);
  });

  it('refuses a split it does not know, naming the ones it does', () => {
    const bad = run(['--set', 'fresh', '--split', 'everything']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/everything.*dev.*holdout.*test.*all/);
  });
});
