/**
 * The reranker's model card shows the weights of the shipped reranker-file.onnx: its generator
 * (bench/models/reranker-card.ts) finds nothing to change in the shipped card, and finds and rewrites a
 * stale copy.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHIPPED_CARD = join(ROOT, 'embeddings/reranker.md');

function card(args: string[]) {
  const script = join(ROOT, 'dist/bench/models/reranker-card.js');
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the shipped card changed by `change`. */
function copyOfCard(change: (text: string) => string): string {
  const file = join(tempDir('reranker-card'), 'reranker.md');
  writeFileSync(file, change(readFileSync(SHIPPED_CARD, 'utf8')));
  return file;
}

describe('node dist/bench/models/reranker-card.js', () => {
  it('finds the shipped card showing the weights of the shipped file', () => {
    const run = card(['--check']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('refuses a card whose weights are not the file’s, and rewrites it to the shipped card', () => {
    const stale = copyOfCard((text) => text.replace(/^\| fused_rank \| [^|]+\|/m, '| fused_rank | 9.999 |'));
    const before = readFileSync(stale, 'utf8');
    expect(before).not.toBe(readFileSync(SHIPPED_CARD, 'utf8'));
    const check = card(['--check', '--card', stale]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
    expect(check.stderr).toContain(stale);
    expect(readFileSync(stale, 'utf8')).toBe(before);
    const write = card(['--card', stale]);
    expect(write.code, write.stderr).toBe(0);
    expect(readFileSync(stale, 'utf8')).toBe(readFileSync(SHIPPED_CARD, 'utf8'));
    expect(card(['--check', '--card', stale]).code).toBe(0);
  });

  it('refuses a card without the marker lines, in one line, writing nothing', () => {
    const bare = copyOfCard((text) => text.replace(/^<!-- end of the generated weights -->\n/m, ''));
    const before = readFileSync(bare, 'utf8');
    const run = card(['--card', bare]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(bare);
    expect(readFileSync(bare, 'utf8')).toBe(before);
  });
});
