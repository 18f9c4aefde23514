/**
 * lpo-rescore scores another leave-package-out run's fold models on this run's held-out heads (the base recipe
 * of a change that alters the heads, s16-retrain and s18-retrain), writing a results file lpo-compare reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalHead, QuestionScore } from '../../bench/retrieval/lpo-lib.js';
import { LPO_FOLDS } from '../../bench/retrieval/lpo-lib.js';
import { buildFileRerankerOnnx } from '../../src/retrieval/onnx/reranker-graph.js';
import { FILE_FEATURE_COUNT, FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import type { FileRerankerModel } from '../../src/retrieval/rerank/file-model.js';
import { FILE_RERANKER_FILE } from '../../src/retrieval/rerank/file-reranker.js';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/bench/retrieval', script), ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A linear expert reading only column `k` (weight `w`). */
const onColumn = (k: number, w: number) => ({
  weights: Array.from({ length: FILE_FEATURE_COUNT }, (_, i) => (i === k ? w : 0)),
  bias: 0,
});
/** A model of three identical experts reading column 5 (`bm25_rel`) with weight `w`. */
const modelOf = (w: number): FileRerankerModel => ({
  section: onColumn(5, w),
  page: onColumn(5, w),
  gate: { a: 0, b: 0 },
  natural: onColumn(5, w),
});

/**
 * One held-out head per package of fold 1: file a first, file b (the answer, grade 2) second with the higher
 * column 5, so a model with a positive weight on it puts the answer first and a negative one keeps it second.
 */
function headOf(pkg: string): EvalHead {
  const row = (v: number) => Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => (k === 5 ? v : 0));
  return {
    id: `${pkg}-q1`,
    package: pkg,
    ownWords: true,
    question: 'How do I read the file?',
    relevant: { [`${pkg}/b.html`]: 2 },
    files: [`${pkg}/a.html`, `${pkg}/b.html`],
    rows: [row(0.2), row(0.9)],
    ms: 0,
  };
}

/** An lpo.js cache folder holding fold 1's held-out heads (as lpo-heads.ts caches them) and fold models. */
function lpoRun(name: string, weight: number, heads: boolean, features?: readonly string[]) {
  const dir = join(tempDir('lpo-rescore'), name);
  mkdirSync(join(dir, 'fold-1', 'shipped'), { recursive: true });
  if (heads)
    for (const pkg of LPO_FOLDS[0]!)
      writeFileSync(
        join(dir, 'fold-1', `eval-${pkg}.json`),
        JSON.stringify({ key: `${name}-key`, features: FILE_FEATURE_NAMES, data: [headOf(pkg)] }),
      );
  const models = join(dir, 'fold-1', 'shipped');
  writeFileSync(join(models, FILE_RERANKER_FILE), buildFileRerankerOnnx(modelOf(weight)));
  const reranker = features === undefined ? {} : { features };
  writeFileSync(join(models, 'manifest.json'), JSON.stringify({ models: { reranker } }));
  return dir;
}

describe('node dist/bench/retrieval/lpo-rescore.js', () => {
  const candidate = lpoRun('new', 1, true, FILE_FEATURE_NAMES);
  // The base run's models predate the manifests' feature lists (session 13's folds): read on their size.
  const base = lpoRun('old', -1, false);

  it("scores the other run's fold models on this run's heads, for lpo-compare", () => {
    const out = join(tempDir('lpo-rescore-out'), 'base.json');
    const rescored = run('lpo-rescore.js', [candidate, base, '--folds', '1', '--out', out]);
    expect(rescored.code, rescored.stderr).toBe(0);
    const stored = JSON.parse(readFileSync(out, 'utf8')) as {
      variants: string[];
      scores: Record<string, QuestionScore[]>;
    };
    expect(stored.variants).toEqual(['shipped']);
    const scores = stored.scores.shipped!;
    expect(scores.map((s) => s.package)).toEqual([...LPO_FOLDS[0]!]);
    // The base model keeps the answer second: nDCG@10 of the first stage's order, 1/log2(3).
    for (const s of scores) expect(s.reranked).toBeCloseTo(s.first);
    expect(scores[0]!.first).toBeCloseTo(1 / Math.log2(3));

    const own = join(tempDir('lpo-rescore-out'), 'candidate.json');
    expect(run('lpo-rescore.js', [candidate, candidate, '--folds', '1', '--out', own]).code).toBe(0);
    const compared = run('lpo-compare.js', [out, own, '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    const all = (
      JSON.parse(compared.stdout).rows as Array<{ name: string; n: number; difference: number }>
    )[0]!;
    expect(all).toMatchObject({ name: 'all', n: 4 });
    expect(all.difference).toBeCloseTo(1 - 1 / Math.log2(3));
  });

  it('refuses, in one line naming the file and the run that records it, a fold whose heads were not recorded', () => {
    const out = join(tempDir('lpo-rescore-out'), 'none.json');
    const rescored = run('lpo-rescore.js', [base, candidate, '--folds', '1', '--out', out]);
    expect(rescored.code).toBe(2);
    expect(rescored.stderr.trim().split('\n')).toHaveLength(1);
    expect(rescored.stderr).toContain(join(base, 'fold-1', `eval-${LPO_FOLDS[0]![0]}.json`));
    expect(rescored.stderr).toContain('lpo.js --folds 1');
  });

  it('refuses fold models whose manifest lists other feature columns', () => {
    const other = lpoRun('other', 1, false, [...FILE_FEATURE_NAMES.slice(0, -1), 'something_else']);
    const out = join(tempDir('lpo-rescore-out'), 'other.json');
    const rescored = run('lpo-rescore.js', [candidate, other, '--folds', '1', '--out', out]);
    expect(rescored.code).toBe(1);
    expect(rescored.stderr.trim().split('\n')).toHaveLength(1);
    expect(rescored.stderr).toContain('something_else');
  });
});
