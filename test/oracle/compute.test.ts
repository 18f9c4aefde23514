import { describe, expect, it } from 'vitest';
import { adviseCompute } from '../../src/oracle/compute.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { understand } from '../../src/oracle/understand.js';
import { FIXTURE } from './fixture.js';

const lexicon = compileLexicon(FIXTURE);
const byName = (name: string) => {
  const c = FIXTURE.components.find((x) => x.name === name);
  if (c === undefined) throw new Error(name);
  return c;
};
const backend = (question: string, primary = 'trueno') =>
  adviseCompute(understand(lexicon, question).problem, byName(primary)).backend;

describe('adviseCompute (specs/backend-cost-model.md)', () => {
  it('never sends element-wise work to a GPU, whatever the size', () => {
    expect(backend('element-wise addition of 50 million floats on GPU')).toBe('simd');
    expect(backend('vector addition of 5,000 floats')).toBe('scalar');
  });

  it('uses the reduction thresholds for dot products', () => {
    expect(backend('dot product of 5,000 floats')).toBe('scalar');
    expect(backend('dot product of 50,000 floats')).toBe('simd');
    expect(backend('dot product of 5 million floats')).toBe('gpu');
  });

  it('follows a GPU request for reductions of unknown size, not for element-wise work', () => {
    expect(backend('sum of the readings on the GPU')).toBe('gpu');
    expect(backend('add vectors on the GPU')).toBe('simd');
  });

  it('sends large matrix products to the GPU', () => {
    expect(backend('multiply two 2048 x 2048 matrices')).toBe('gpu');
  });

  it('goes distributed when the data exceeds one machine', () => {
    expect(backend('k-means over 200 million rows', 'aprender')).toBe('distributed');
    expect(backend('dot product over 2 TB of data')).toBe('distributed');
    expect(backend('spread the work over many machines')).toBe('distributed');
  });

  it('respects a GPU that is ruled out or unavailable on the target', () => {
    expect(backend('train a transformer without a GPU', 'entrenar')).toBe('simd');
    expect(backend('run a transformer in WebAssembly', 'realizar')).toBe('simd');
    expect(backend('train a transformer', 'entrenar')).toBe('gpu');
  });

  it('says scalar, with the reason, for work that is not numeric', () => {
    const advice = adviseCompute(understand(lexicon, 'convert my package').problem, byName('depyler'));
    expect(advice.backend).toBe('scalar');
    expect(advice.rationale).toMatch(/depyler/);
  });
});
