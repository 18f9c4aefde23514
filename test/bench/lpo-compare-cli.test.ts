import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuestionScore } from '../../bench/retrieval/lpo-lib.js';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const COMPARE = join(ROOT, 'dist/bench/retrieval/lpo-compare.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [COMPARE, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const score = (id: string, reranked: number): QuestionScore => ({
  id,
  package: 'python-scipy-doc',
  ownWords: false,
  natural: true,
  first: 0.5,
  reranked,
});

describe('node dist/bench/retrieval/lpo-compare.js', () => {
  const dir = tempDir('lpo-compare');
  // Results files as lpo.ts writes them: the variants run and each one's scores per held-out question.
  const write = (name: string, variants: Record<string, QuestionScore[]>) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ variants: Object.keys(variants), scores: variants }));
    return file;
  };
  const ids = Array.from({ length: 30 }, (_, i) => `q${i}`);
  const base = write('results-shipped.json', { shipped: ids.map((id) => score(id, 0.3)) });
  const candidate = write('results-other.json', {
    shipped: ids.map((id) => score(id, 0.6)),
    worse: ids.map((id) => score(id, 0.1)),
  });

  it('compares the first variant of each run by default, question by question', () => {
    const out = run([base, candidate, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const rows = JSON.parse(out.stdout).rows as Array<{ name: string; n: number; difference: number }>;
    const all = rows.find((r) => r.name === 'all')!;
    expect(all.n).toBe(30);
    expect(all.difference).toBeCloseTo(0.3);
    expect(rows.find((r) => r.name === 'fold 2')!.n).toBe(30);
  });

  it('reads the variant named after the file', () => {
    const out = run([base, `${candidate}:worse`, '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).rows[0].difference).toBeCloseTo(-0.2);
  });

  it('refuses a variant the file does not hold, in one line naming the command that makes it', () => {
    const out = run([base, `${candidate}:missing`]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('lpo.js');
  });
});
