import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors.js';
import { FILE_FEATURE_COUNT, FILE_FEATURE_NAMES } from '../../../src/retrieval/rerank/file-features.js';
import {
  combineHeads,
  FIT_DEFAULTS,
  fitReranker,
  type TrainingHeads,
} from '../../../src/retrieval/train/reranker-training.js';
import type { HeadGroup } from '../../../src/retrieval/train/training-heads.js';
import { thrown } from '../../thrown.js';

/** Heads of one synthetic package: column `signal` tells the relevant file, column 3 (chunks_log) varies. */
function packageOf(name: string, signal: number, count = 12): TrainingHeads {
  const head = (unit: string, g: number): HeadGroup => {
    const files = [0, 1, 2, 3].map((i) => `${name}/${unit}/${g}/${i}.md`);
    const rows = files.map((_, i) =>
      Array.from({ length: FILE_FEATURE_COUNT }, (_, k) =>
        k === signal ? (i === g % 4 ? 1 : 0) : k === 3 ? ((g + i) % 3) / 3 : ((g * 5 + i * 7 + k) % 9) / 9,
      ),
    );
    const question = unit.startsWith('natural') ? `how do I ${name} ${g}?` : `${name} ${g}`;
    return { id: `${name}-${unit}-${g}`, question, files, rows, relevant: { [files[g % 4]!]: 2 }, ms: 0 };
  };
  const unit = (u: string) => Array.from({ length: count }, (_, g) => head(u, g));
  return {
    keyword: { section: unit('section'), page: unit('page'), faq: unit('faq') },
    natural: { faq: unit('natural-faq'), asked: unit('natural-asked'), written: unit('natural-written') },
  };
}

describe('reranker training from recorded heads', () => {
  it('combines packages unit by unit, in the order given', () => {
    const both = combineHeads([packageOf('a', 0), packageOf('b', 1)]);
    expect(both.keyword.section.map((h) => h.id.split('-')[0])).toEqual([
      ...Array(12).fill('a'),
      ...Array(12).fill('b'),
    ]);
    expect(both.natural.written).toHaveLength(24);
  });

  it('is deterministic, and a package left out of the heads leaves the fit', () => {
    const a = packageOf('a', 0);
    const b = packageOf('b', 1);
    const withB = fitReranker(combineHeads([a, b]));
    expect(fitReranker(combineHeads([a, b]))).toEqual(withB);
    const withoutB = fitReranker(combineHeads([a]));
    expect(withoutB.model.natural.weights).not.toEqual(withB.model.natural.weights);
    expect(withoutB.model.section.weights[0]).toBeGreaterThan(0);
    // Without b, nothing taught column 1: the weight it gets is no larger than with b.
    expect(withB.model.section.weights[1]!).toBeGreaterThan(withoutB.model.section.weights[1]!);
  });

  it('keeps the natural units in their shares however many heads each has', () => {
    const heads = packageOf('a', 0);
    const fewer = { ...heads, natural: { ...heads.natural, written: heads.natural.written.slice(0, 6) } };
    expect(fitReranker(heads).repeats).not.toEqual(fitReranker(fewer).repeats);
  });

  it('leaves a named column out of the natural expert only, and refuses an unknown one', () => {
    const heads = packageOf('a', FILE_FEATURE_NAMES.indexOf('translation'));
    const k = FILE_FEATURE_NAMES.indexOf('translation');
    expect(fitReranker(heads).model.natural.weights[k]).toBeGreaterThan(0);
    const left = fitReranker(heads, { ...FIT_DEFAULTS, naturalWithout: ['translation'] });
    expect(left.model.natural.weights[k]).toBe(0);
    expect(left.model.natural.weights.some((w, i) => i !== k && w !== 0)).toBe(true);
    expect(left.model.page).toEqual(fitReranker(heads).model.page);
    const error = thrown(InvalidInputError, () =>
      fitReranker(heads, { ...FIT_DEFAULTS, naturalWithout: ['nope'] }),
    );
    expect(error.message).toMatch(/no feature column "nope"/);
  });

  it('shrinks the natural expert with a larger L2, the keyword experts unchanged', () => {
    const heads = packageOf('a', 2);
    const norm = (w: number[]) => Math.hypot(...w);
    const strong = fitReranker(heads, { ...FIT_DEFAULTS, naturalL2: 1 });
    expect(norm(strong.model.natural.weights)).toBeLessThan(norm(fitReranker(heads).model.natural.weights));
    expect(strong.model.section).toEqual(fitReranker(heads).model.section);
  });

  it('counts the natural units by the shares asked for', () => {
    const heads = packageOf('a', 0);
    const shares = { faq: 0.25, asked: 0.25, written: 0.5 };
    expect(fitReranker(heads, { ...FIT_DEFAULTS, naturalShares: shares }).repeats).toEqual({
      faq: 1,
      asked: 1,
      written: 2,
    });
  });

  it('counts each answer file once per natural unit when asked to, not once per question', () => {
    // Nine questions answered by one long page (column `many` marks it) and three answered by three
    // pages that column `few` marks: per question the long page's column wins, per file the other.
    const many = FILE_FEATURE_NAMES.indexOf('chunks_log');
    const few = FILE_FEATURE_NAMES.indexOf('best_coverage');
    const head = (g: number): HeadGroup => {
      const files = [0, 1, 2, 3].map((i) => (g < 9 && i === 0 ? 'faq.md' : `p${g}-${i}.md`));
      const answer = g < 9 ? 0 : 1;
      const rows = files.map((_, i) =>
        Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => {
          if (k === many) return g < 9 ? (i === answer ? 1 : 0) : i === 2 ? 1 : 0;
          if (k === few) return g >= 9 ? (i === answer ? 1 : 0) : i === 3 ? 1 : 0;
          return 0;
        }),
      );
      return { id: `q${g}`, question: `how ${g}?`, files, rows, relevant: { [files[answer]!]: 2 }, ms: 0 };
    };
    const unit = Array.from({ length: 12 }, (_, g) => head(g));
    const base = packageOf('a', 0);
    const heads = { ...base, natural: { faq: unit, asked: unit, written: unit } };
    const perQuestion = fitReranker(heads).model.natural.weights;
    const perFile = fitReranker(heads, { ...FIT_DEFAULTS, naturalPerFile: ['faq', 'asked', 'written'] }).model
      .natural.weights;
    expect(perQuestion[many]!).toBeGreaterThan(perQuestion[few]!);
    expect(perFile[few]!).toBeGreaterThan(perFile[many]!);
    expect(
      fitReranker(heads, { ...FIT_DEFAULTS, naturalPerFile: ['faq', 'asked', 'written'] }).model.page,
    ).toEqual(fitReranker(heads).model.page);
    const sampledOnly = fitReranker(heads, { ...FIT_DEFAULTS, naturalPerFile: ['faq', 'asked'] }).model;
    expect(sampledOnly.natural.weights).not.toEqual(perQuestion);
    expect(sampledOnly.natural.weights).not.toEqual(perFile);
  });
});
