import { describe, expect, it } from 'vitest';
import { mainStepTokens, questionFeatures, sparseFeatures } from '../../../src/oracle/learned/features.js';
import { tokenize } from '../../../src/text/tokenize.js';

const sparse = (q: string) => questionFeatures(tokenize(q), undefined).sparse;

describe('what the learned model reads in a question', () => {
  it('reads stems and neighbouring pairs of one clause, negated words apart', () => {
    expect(sparseFeatures(tokenize('train models, without GPUs'))).toEqual([
      'train',
      'model',
      '!gpu',
      'train model',
    ]);
  });

  it('reads the main step of a request only, as the rules do', () => {
    const words = mainStepTokens(
      tokenize('cluster our users by how they use the app, then plot the clusters'),
    );
    expect(words.map((t) => t.word)).not.toContain('plot');
    expect(sparse('cluster our users, then plot the clusters')).not.toContain('plot');
  });

  it('reads a word in the sense its context selects, and a comparison with the prior version', () => {
    const network = sparse('teach a small network to recognise handwritten digits');
    expect(network).not.toContain('network');
    expect(network).toContain('deep learn');
    const same = sparse('does the new build touch files the same way the old one did');
    expect(same).toContain('behaviour equival');
  });
});
