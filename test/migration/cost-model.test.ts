import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COST_DEFAULTS, chooseBackend, operationsFor } from '../../src/migration/cost-model.js';

describe('chooseBackend', () => {
  it('keeps tiny work scalar', () => {
    expect(chooseBackend(16, 'low').backend).toBe('scalar');
  });

  it('uses SIMD for large element-wise work, where PCIe transfer dominates', () => {
    const choice = chooseBackend(2_000_000, 'low');
    expect(choice.backend).toBe('simd');
    expect(choice.rationale).toMatch(/transfer/);
  });

  it('sends large matrix-style work to the GPU', () => {
    expect(chooseBackend(1_000_000, 'high').backend).toBe('gpu');
    expect(chooseBackend(1_000, 'high').backend).toBe('simd');
  });

  it('never picks the GPU unless its compute saving beats 5x the transfer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.constantFrom('low', 'medium', 'high'),
        (n, intensity) => {
          const choice = chooseBackend(n, intensity as 'low' | 'medium' | 'high');
          if (choice.backend !== 'gpu') return true;
          const gpuCompute = operationsFor(n, intensity as 'low') / COST_DEFAULTS.gpuOps;
          const cpu = Math.min(choice.seconds.scalar, choice.seconds.simd);
          return cpu - gpuCompute > COST_DEFAULTS.dispatchFactor * choice.transferSeconds;
        },
      ),
      { seed: 7 },
    );
  });

  it('never offloads element-wise work at any size on the default machine', () => {
    for (const n of [1e3, 1e6, 1e8, 1e9]) expect(chooseBackend(n, 'low').backend).not.toBe('gpu');
  });
});
