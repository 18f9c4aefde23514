import { describe, expect, it } from 'vitest';
import type { LearnedModel } from '../../../src/oracle/learned/model-file.js';
import { learnedTopics } from '../../../src/oracle/learned/topic.js';
import { TRAIN_DEFAULTS, trainSoftmax } from '../../../src/oracle/learned/train.js';
import { createOracle } from '../../../src/oracle/recommend.js';
import { LEARNED_THRESHOLD, WEIGHTS } from '../../../src/oracle/score.js';
import type { WordSpace } from '../../../src/oracle/word-space.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { FIXTURE } from '../fixture.js';

const NAMES = FIXTURE.components.map((c) => c.name);

/**
 * A model that learned one made-up word per fixture component ("qqword3" is the fourth), so a question
 * made of it has no evidence of any other kind.
 */
function toyModel(wordsKey: string | null = null): LearnedModel {
  const examples = NAMES.flatMap((_, c) =>
    Array.from({ length: 3 }, () => ({
      sparse: [`qqword${c}`],
      dense: Float32Array.of(c === 0 ? 1 : 0, c === 0 ? 0 : 1),
      target: new Map([[c, 1]]),
      weight: 1,
    })),
  );
  const trained = trainSoftmax(NAMES, examples, 2, {
    ...TRAIN_DEFAULTS,
    minCount: 1,
    epochs: 40,
    denseScale: 1,
  });
  const header = {
    key: 'toy',
    classes: NAMES,
    features: trained.features.length,
    dim: 2,
    denseScale: 1,
    wordsKey,
  };
  return { ...trained, header };
}

/** A word table of two dimensions that knows one word; only its header key and dims matter here. */
const space = (key: string): WordSpace => ({
  header: { key, words: 1, dims: [1, 1] },
  entry: (word) =>
    word === 'hello' ? { weights: [1, 1], vectors: [Float32Array.of(1), Float32Array.of(0)] } : null,
});

describe('the learned model read into the oracle', () => {
  it('gives every component a probability, most probable first', () => {
    const model = toyModel();
    const topics = learnedTopics(model, undefined, tokenize('qqword2 please'));
    expect(topics.map((t) => t.component).sort()).toEqual([...NAMES].sort());
    expect(topics[0]?.component).toBe(NAMES[2]);
    expect(topics.reduce((sum, t) => sum + t.probability, 0)).toBeCloseTo(1, 9);
  });

  it('reads the meaning vector only with the word vectors it was trained with', () => {
    const model = toyModel('key-a');
    const same = learnedTopics(model, space('key-a'), tokenize('hello'));
    const other = learnedTopics(model, space('key-b'), tokenize('hello'));
    expect(same[0]?.component).toBe(NAMES[0]);
    expect(same[0]?.probability).toBeGreaterThan(other.find((t) => t.component === NAMES[0])!.probability);
  });

  it('credits probable components as one more signal, never as the only evidence of a question', () => {
    const model = toyModel();
    const oracle = createOracle(FIXTURE, { soft: { model } });
    const realizar = NAMES.indexOf('realizar');
    const answer = oracle.answer(`serve the model qqword${realizar}`, true);
    const reason = answer.explain
      ?.find((s) => s.component === 'realizar')
      ?.reasons.find((r) => r.signal === 'learned');
    expect(reason).toBeDefined();
    const p = Number(reason!.matched.replace('p ', ''));
    expect(reason!.points).toBeCloseTo(WEIGHTS.learned * (p - LEARNED_THRESHOLD), 1);
    const alone = oracle.answer(`qqword${realizar}`, true);
    expect(alone.explain?.[0]?.component).toBe('realizar');
    expect(alone.primary).toBeNull();
    expect(createOracle(FIXTURE).answer(`qqword${realizar}`, true).explain).toEqual([]);
  });
});
