import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { modelBytes, trainOracleModel } from '../../../src/oracle/learned/model-build.js';
import { probabilities } from '../../../src/oracle/learned/softmax.js';
import { type Example, TRAIN_DEFAULTS, trainSoftmax } from '../../../src/oracle/learned/train.js';
import { openWordSpace } from '../../../src/oracle/word-space.js';

const CLASSES = ['red', 'green', 'blue'];

/** Three classes told apart by one word each, with shared noise words and a weak dense hint. */
function separable(): Example[] {
  const words = [
    ['apple', 'cherry'],
    ['leaf', 'grass'],
    ['sky', 'sea'],
  ];
  const noise = ['thing', 'stuff', 'item', 'object'];
  const out: Example[] = [];
  for (let i = 0; i < 60; i++) {
    const c = i % 3;
    const dense = new Float32Array(3);
    dense[c] = 1;
    out.push({
      sparse: [words[c]![i % 2]!, noise[i % 4]!, noise[(i + 1) % 4]!],
      dense: i % 5 === 0 ? null : dense,
      target: new Map([[c, 1]]),
      weight: 1,
    });
  }
  return out;
}

const top = (p: Float64Array) => [...p.keys()].sort((a, b) => p[b]! - p[a]!)[0];

describe('the learned model trainer (softmax regression, L2, SGD)', () => {
  it('learns a small separable set', () => {
    const examples = separable();
    const model = trainSoftmax(CLASSES, examples, 3, { ...TRAIN_DEFAULTS, minCount: 1, denseScale: 1 });
    for (const e of examples)
      expect(top(probabilities(model, e.sparse, e.dense))).toBe(e.target.keys().next().value);
    expect(top(probabilities(model, ['sky'], null))).toBe(2);
    expect(top(probabilities(model, ['unseen'], Float32Array.of(0, 1, 0)))).toBe(1);
    const p = probabilities(model, ['apple'], null);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('keeps only features seen often enough', () => {
    const model = trainSoftmax(CLASSES, separable(), 3, { ...TRAIN_DEFAULTS, minCount: 100 });
    expect(model.features).toEqual([]);
    expect(model.row('apple')).toBeNull();
  });

  it('gives the same bytes twice for the same inputs (seeded, deterministic)', () => {
    const knowledge = loadKnowledge();
    const space = openWordSpace();
    const questions = [
      {
        q: 'keep an eye on what system calls my program makes',
        expect: 'renacer',
        also: [],
        described: true,
      },
      { q: 'put these numbers on a chart', expect: 'trueno-viz', also: [], described: false },
    ];
    const options = { ...TRAIN_DEFAULTS, epochs: 2 };
    const a = modelBytes(trainOracleModel(knowledge, questions, space, options), space?.header.key ?? null);
    const b = modelBytes(trainOracleModel(knowledge, questions, space, options), space?.header.key ?? null);
    expect(a.equals(b)).toBe(true);
    const other = modelBytes(trainOracleModel(knowledge, questions, space, { ...options, seed: 7 }), null);
    expect(other.equals(a)).toBe(false);
  });
});
