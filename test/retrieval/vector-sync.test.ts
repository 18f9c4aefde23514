import { describe, expect, it } from 'vitest';
import { indexedText, sampleForAdaptation } from '../../src/retrieval/vector-sync.js';

describe('sampleForAdaptation', () => {
  it('keeps everything under the cap and an even spread over it', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `t${String(i).padStart(9, '0')}`);
    expect(sampleForAdaptation(texts, 5000)).toEqual(texts);
    const sample = sampleForAdaptation(texts, 250);
    expect(sample).toHaveLength(25);
    expect(sample[0]).toBe(texts[0]);
    expect(sample.at(-1)).toBe(texts[96]);
    expect(sample.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(250);
  });
});

describe('indexedText', () => {
  it('puts the heading path before the body', () => {
    expect(indexedText(['A', 'B'], 'body')).toBe('A > B\nbody');
    expect(indexedText([], 'body')).toBe('body');
  });
});
