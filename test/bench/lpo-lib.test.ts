import { describe, expect, it } from 'vitest';
import {
  checkFeatures,
  compareRuns,
  compareVariants,
  type EvalHead,
  LPO_FOLDS,
  type QuestionScore,
  rerankedFiles,
  scoreHead,
  selectFolds,
  summaryRows,
} from '../../bench/retrieval/lpo-lib.js';
import { InvalidInputError } from '../../src/errors.js';
import { FILE_FEATURE_COUNT, FILE_FEATURE_NAMES } from '../../src/retrieval/rerank/file-features.js';
import type { FileRerankerModel } from '../../src/retrieval/rerank/file-model.js';
import { TRAINING_PACKAGES } from '../../src/retrieval/train/debian-corpus.js';

const zero = () => ({ weights: new Array<number>(FILE_FEATURE_COUNT).fill(0), bias: 0 });

/** A model whose experts all score column `k` (weight `w`). */
function modelOn(k: number, w = 1): FileRerankerModel {
  const linear = zero();
  linear.weights[k] = w;
  return { section: linear, page: linear, gate: { a: 0, b: 0 }, natural: linear };
}

function head(question: string, relevantAt: number, signal: number[]): EvalHead {
  const files = signal.map((_, i) => `f${i}.md`);
  const rows = signal.map((v) => Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => (k === 5 ? v : 1)));
  return {
    id: question,
    question,
    files,
    rows,
    relevant: { [files[relevantAt]!]: 2 },
    ms: 0,
    package: 'git-doc',
    ownWords: true,
  };
}

describe('leave-package-out folds and scoring', () => {
  it('the folds hold out every training package exactly once', () => {
    const held = LPO_FOLDS.flat();
    expect(new Set(held).size).toBe(held.length);
    expect([...held].sort()).toEqual(TRAINING_PACKAGES.map((p) => p.name).sort());
  });

  it('runs every fold by default, or the folds named, and refuses unknown or repeated ones', () => {
    expect(selectFolds('')).toEqual(LPO_FOLDS.map((_, i) => i));
    expect(selectFolds('4')).toEqual([3]);
    expect(selectFolds('3, 1')).toEqual([0, 2]);
    for (const bad of ['0', '5', 'x', '1.5', '2,2'])
      expect(() => selectFolds(bad)).toThrow(InvalidInputError);
  });

  it('orders by score, ties in first-stage order', () => {
    expect(rerankedFiles(['a', 'b', 'c', 'd'], [0, 2, 0, 1])).toEqual(['b', 'd', 'a', 'c']);
  });

  it('scores the first stage order and the reranked one', () => {
    const signal = Array.from({ length: 15 }, (_, i) => (i === 12 ? 3 : 0));
    const scored = scoreHead(head('where is the config file?', 12, signal), modelOn(5));
    expect(scored.natural).toBe(true);
    expect(scored.first).toBe(0);
    expect(scored.reranked).toBe(1);
    const against = scoreHead(head('config file', 0, [0, 1, 2]), modelOn(5));
    expect(against.natural).toBe(false);
    expect(against.first).toBe(1);
    expect(against.reranked).toBeCloseTo(0.5);
  });

  it('summarises all, own_words, other, each fold and each package, with paired tests', () => {
    const score = (id: string, pkg: string, ownWords: boolean, first: number, reranked: number) =>
      ({ id, package: pkg, ownWords, natural: true, first, reranked }) as QuestionScore;
    const scores = [
      score('1', 'git-doc', true, 0, 1),
      score('2', 'git-doc', false, 1, 1),
      score('3', 'cmake-doc', true, 0.5, 0),
    ];
    const rows = summaryRows(scores);
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(rows.map((r) => r.name).slice(0, 6)).toEqual([
      'all',
      'own_words',
      'other',
      'fold 1',
      'fold 2',
      'fold 3',
    ]);
    expect(by.get('all')).toMatchObject({ n: 3, first: 0.5 });
    expect(by.get('all')!.difference).toBeCloseTo(0.5 / 3);
    expect(by.get('own_words')).toMatchObject({ n: 2, first: 0.25, reranked: 0.5 });
    expect(by.get('fold 1')).toMatchObject({ n: 2, difference: 0.5 });
    expect(by.get('fold 3')).toMatchObject({ n: 1, difference: -0.5 });
    expect(by.get('fold 2')).toMatchObject({ n: 0, p: 1 });
    expect(by.get('git-doc')!.n).toBe(2);
  });

  it('compares two variants question by question', () => {
    const s = (id: string, reranked: number) =>
      ({ id, package: 'git-doc', ownWords: true, natural: true, first: 0, reranked }) as QuestionScore;
    const base = Array.from({ length: 40 }, (_, i) => s(`q${i}`, 0.2));
    const better = Array.from({ length: 40 }, (_, i) => s(`q${i}`, 0.7));
    const c = compareVariants(base, better);
    expect(c.n).toBe(40);
    expect(c.difference).toBeCloseTo(0.5);
    expect(c.p).toBeLessThan(0.001);
    expect(compareVariants(base, base).p).toBe(1);
  });

  it('compares two runs by group, each run with its own first stage', () => {
    const s = (id: string, pkg: string, first: number, reranked: number) =>
      ({ id, package: pkg, ownWords: id.endsWith('w'), natural: true, first, reranked }) as QuestionScore;
    const base = [s('1w', 'git-doc', 0.5, 0.2), s('2', 'git-doc', 0.5, 0.4), s('3w', 'cmake-doc', 0, 1)];
    // The candidate run lost question 3 (a package it did not score) and reorders the other two.
    const candidate = [s('1w', 'git-doc', 0.5, 0.6), s('2', 'git-doc', 0.5, 0.4)];
    const by = new Map(compareRuns(base, candidate).map((r) => [r.name, r]));
    expect(by.get('all')).toMatchObject({ n: 2, firstCandidate: 0.5 });
    expect(by.get('all')!.difference).toBeCloseTo(0.2);
    expect(by.get('all')!.base).toBeCloseTo(1.6 / 3);
    expect(by.get('own_words')).toMatchObject({ n: 1 });
    expect(by.get('own_words')!.difference).toBeCloseTo(0.4);
    expect(by.get('other')).toMatchObject({ n: 1, difference: 0, p: 1 });
    expect(by.get('cmake-doc')).toMatchObject({ n: 0, base: 1 });
  });
});

describe('checkFeatures', () => {
  const codeOf = (features: unknown) => {
    try {
      checkFeatures('fold-1/shipped', features, 'fit it again');
      return null;
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect((error as Error).message).toContain('fold-1/shipped');
      return (error as { code?: string }).code;
    }
  };

  it("accepts this build's columns in order", () => {
    expect(codeOf([...FILE_FEATURE_NAMES])).toBeNull();
  });

  it('refuses a missing list, a column too few or too many, and a renamed or moved column', () => {
    const ours = [...FILE_FEATURE_NAMES];
    for (const features of [
      undefined,
      'fused_rank',
      ours.slice(0, -1),
      [...ours, 'extra'],
      ['renamed', ...ours.slice(1)],
      [ours[1], ours[0], ...ours.slice(2)],
    ])
      expect(codeOf(features)).toBe('INVALID_DATA');
  });

  it('names the first column that differs', () => {
    const changed = [...FILE_FEATURE_NAMES.slice(0, 4), 'chunks_sqrt', ...FILE_FEATURE_NAMES.slice(5)];
    expect(() => checkFeatures('heads.json', changed, 'record them again')).toThrow(
      /column 5: "chunks_sqrt" there, "bm25_rank" here/,
    );
  });
});
