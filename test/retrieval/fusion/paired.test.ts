import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedGainP } from '../../../src/retrieval/fusion/paired.js';

const SEED = 20261205;
const scores = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('pairedGainP', () => {
  it('is 1 when a does not gain over b, and a probability in (0, 1] otherwise', () => {
    fc.assert(
      fc.property(scores, scores, (a, raw) => {
        const b = a.map((_, i) => raw[i % raw.length]!);
        const p = pairedGainP(a, b);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        const gain = a.reduce((sum, v, i) => sum + v - b[i]!, 0);
        if (gain <= 0) expect(p).toBe(1);
        expect(pairedGainP(a, a)).toBe(1);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('is small for a consistent gain over many questions and large for a gain on one question', () => {
    const b = Array.from({ length: 40 }, (_, i) => (i % 5) / 10);
    const everywhere = b.map((v) => v + 0.2);
    const once = b.map((v, i) => (i === 0 ? v + 0.5 : v));
    expect(pairedGainP(everywhere, b)).toBeLessThan(0.01);
    expect(pairedGainP(once, b)).toBeGreaterThan(0.3);
  });

  it('gives the same p for the same seed, and refuses unpaired scores', () => {
    const a = [0.5, 0.7, 0.2, 0.9];
    const b = [0.4, 0.6, 0.3, 0.5];
    expect(pairedGainP(a, b)).toBe(pairedGainP(a, b));
    expect(() => pairedGainP([1], [1, 2])).toThrow(RangeError);
  });
});
