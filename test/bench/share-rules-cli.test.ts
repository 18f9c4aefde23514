/**
 * The share-rule harness (bench/retrieval/share-rules.ts) stops in one line, before indexing anything, when
 * it has no fold reranker that never saw a package: without --lpo, with a folder lpo.js did not write, or
 * for a package in no fold.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const SCRIPT = resolve(import.meta.dirname, '../../dist/bench/retrieval/share-rules.js');

function shareRules(args: readonly string[]) {
  const out = tempDir('share-rules-out');
  const result = spawnSync(process.execPath, [SCRIPT, '--out', out, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, out };
}

describe('node dist/bench/retrieval/share-rules.js', () => {
  it('needs --lpo', () => {
    const run = shareRules(['--packages', 'rust-doc']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--lpo');
  });

  it('names the fold folder it lacks, and indexes nothing, when --lpo holds no fold model', () => {
    const lpo = tempDir('share-rules-lpo');
    const run = shareRules(['--lpo', lpo, '--packages', 'rust-doc']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(join(lpo, 'fold-1', 'shipped'));
    expect(existsSync(join(run.out, 'shipped', 'rust-doc', 'index.db'))).toBe(false);
  });

  it('refuses a fold model fitted with other feature columns, or without a list of them, before indexing', () => {
    for (const reranker of [{ variant: 'shipped' }, { variant: 'shipped', features: ['fused_rank'] }]) {
      const lpo = tempDir('share-rules-lpo');
      const dir = join(lpo, 'fold-1', 'shipped');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: {}, models: { reranker } }));
      const run = shareRules(['--lpo', lpo, '--packages', 'rust-doc']);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(dir);
      expect(run.stderr).toContain('lpo.js');
      expect(existsSync(join(run.out, 'shipped', 'rust-doc', 'index.db'))).toBe(false);
    }
  });

  it('refuses a package that no fold holds out', () => {
    const run = shareRules(['--lpo', tempDir('share-rules-lpo'), '--packages', 'no-such-doc']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no-such-doc');
  });
});
