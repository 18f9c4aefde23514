import { describe, expect, it } from 'vitest';
import { encodeTranslationTable } from '../../../src/retrieval/rerank/translation-table.js';
import { TRANSLATION_DEFAULTS, trainTranslation } from '../../../src/retrieval/train/translation-model.js';

/**
 * Questions say "quick" where their answers say "fast"; "start" is on both sides; the filler words of
 * the answers vary, so only "fast" explains "quick" in every pair.
 */
const PAIRS = [
  { question: ['quick', 'start'], answer: ['fast', 'start', 'engin', 'wheel', 'fast'] },
  { question: ['quick', 'build'], answer: ['fast', 'build', 'cach', 'disk'] },
  { question: ['quick', 'test'], answer: ['fast', 'test', 'suit', 'wheel'] },
  { question: ['start', 'build'], answer: ['start', 'build', 'disk', 'engin'] },
  { question: ['test', 'start'], answer: ['test', 'start', 'suit', 'cach'] },
];

describe('IBM Model 1 translation table', () => {
  it('learns which answer word a question word translates from', () => {
    const plain = { ...TRANSLATION_DEFAULTS, selfMass: 0, minAlignments: 0.3, priorMass: 0 };
    const rows = trainTranslation(PAIRS, plain);
    const quick = rows.get('quick')!;
    expect(quick[0]![0]).toBe('fast');
    expect(quick[0]![1]).toBeGreaterThan(0.5);
    // A shared word explains itself.
    expect(rows.get('start')![0]![0]).toBe('start');
    // Pseudo-alignments (add-n smoothing) take mass from words seen in few pairs, and keep the order.
    const smoothed = trainTranslation(PAIRS, { ...plain, priorMass: 2 }).get('quick')!;
    expect(smoothed[0]![0]).toBe('fast');
    expect(smoothed[0]![1]).toBeLessThan(quick[0]![1]);
  });

  it('keeps a self-translation share for every question stem', () => {
    const rows = trainTranslation(PAIRS, { ...TRANSLATION_DEFAULTS, selfMass: 0.4, minAlignments: 0.3 });
    expect(rows.get('quick')).toContainEqual(['quick', 0.4]);
    for (const row of rows.values()) for (const [, p] of row) expect(p).toBeLessThanOrEqual(1);
  });

  it('prunes to the top entries and leaves out words seen in fewer pairs than asked', () => {
    const rows = trainTranslation(PAIRS, { ...TRANSLATION_DEFAULTS, topK: 1, selfMass: 0, minAlignments: 0 });
    for (const row of rows.values()) expect(row.length).toBeLessThanOrEqual(1);
    const strict = trainTranslation(PAIRS, { ...TRANSLATION_DEFAULTS, minPairs: 3 });
    expect([...strict.keys()]).toEqual(['quick', 'start']);
  });

  it('gives the same bytes twice', () => {
    const once = encodeTranslationTable(trainTranslation(PAIRS));
    const again = encodeTranslationTable(trainTranslation(PAIRS.map((p) => ({ ...p }))));
    expect(once.equals(again)).toBe(true);
  });
});
