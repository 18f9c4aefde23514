import { describe, expect, it } from 'vitest';
import { scoreFileHead, scoreLinear } from '../../../src/retrieval/rerank/file-model.js';
import {
  fitGate,
  trainFileReranker,
  trainLinearRanker,
} from '../../../src/retrieval/train/train-file-reranker.js';

/** Groups where column 0 tells the relevant file and column 1 is noise. */
function groups(count: number, flip = false) {
  return Array.from({ length: count }, (_, g) => ({
    rows: [0, 1, 2, 3].map((i) => [
      (i === g % 4) !== flip ? 2 + (g % 3) : (g % 5) / 5,
      ((g * 7 + i * 3) % 11) / 11,
    ]),
    grades: [0, 1, 2, 3].map((i) => (i === g % 4 ? 2 : 0)),
  }));
}

describe('file reranker training', () => {
  it('learns the feature that separates the relevant file, on raw feature scale', () => {
    const model = trainLinearRanker(groups(40), 2);
    expect(model.weights[0]).toBeGreaterThan(Math.abs(model.weights[1]!));
    for (const g of groups(8)) {
      const scores = g.rows.map((row) => scoreLinear(model, row));
      expect(scores.indexOf(Math.max(...scores))).toBe(g.grades.indexOf(2));
    }
  });

  it('counts a group of weight 2 as that group twice, and weight 1 as no weight at all', () => {
    // Two heads over the same rows with opposite answers: standardisation is the same however often
    // each is counted, so only the weights decide which row wins.
    const first = { rows: [[0], [1]], grades: [2, 0] };
    const second = { rows: [[0], [1]], grades: [0, 2] };
    const twice = trainLinearRanker([first, first, second], 1);
    expect(trainLinearRanker([{ ...first, weight: 2 }, second], 1)).toEqual(twice);
    expect(twice.weights[0]).toBeLessThan(0);
    expect(
      trainLinearRanker(
        [
          { ...first, weight: 1 },
          { ...second, weight: 1 },
        ],
        1,
      ),
    ).toEqual(trainLinearRanker([first, second], 1));
  });

  it('is deterministic', () => {
    expect(trainLinearRanker(groups(20), 2)).toEqual(trainLinearRanker(groups(20), 2));
  });

  it('fits a gate that tells section heads from page heads', () => {
    const gate = fitGate([0.1, 0.2, 0.3, 0.2], [1.4, 1.6, 1.5, 1.8]);
    const share = (x: number) => 1 / (1 + Math.exp(-(gate.a * x + gate.b)));
    expect(share(0.2)).toBeLessThan(0.3);
    expect(share(1.6)).toBeGreaterThan(0.7);
  });

  it('mixes its keyword experts by the gate and gives natural questions their own expert', () => {
    const section = { groups: groups(20), multi: Array(20).fill(0.1) };
    const page = { groups: groups(20, true), multi: Array(20).fill(1.5) };
    const model = trainFileReranker({ section, page, natural: groups(20, true) }, 2, new Set());
    const rows = [
      [3, 0.5],
      [0.2, 0.5],
    ];
    const asSection = scoreFileHead(model, rows, 0.1, false);
    const asPage = scoreFileHead(model, rows, 1.5, false);
    const asNatural = scoreFileHead(model, rows, 0.1, true);
    expect(asSection[0]).toBeGreaterThan(asSection[1]!);
    expect(asPage[0]).toBeLessThan(asPage[1]!);
    expect(asNatural[0]).toBeLessThan(asNatural[1]!);
  });

  it('keeps the soft-match columns out of the keyword experts', () => {
    const section = { groups: groups(20), multi: Array(20).fill(0.1) };
    const model = trainFileReranker({ section, page: section, natural: groups(20) }, 2, new Set([0]));
    expect(model.section.weights[0]).toBe(0);
    expect(model.page.weights[0]).toBe(0);
    expect(model.natural.weights[0]).toBeGreaterThan(0);
  });
});
