import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptDataSize } from '../../src/migration/script-sizes.js';
import type { Analysis } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';

const root = tempDir('batuta-script-sizes-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sizeOf(source: string, files: Record<string, number> = {}): number | null {
  writeFileSync(join(root, 'main.py'), source);
  const analysis = { files: [{ path: 'main.py' }] } as unknown as Analysis;
  return scriptDataSize(root, analysis, (name) => files[name] ?? null)?.elements ?? null;
}

describe('scriptDataSize', () => {
  it.each([
    ['x = numpy.zeros((2000, 2000))', 4_000_000],
    ['x = np.random.rand(64, 512)', 32_768],
    ['x = torch.randn(8, 3, 224, 224)', 8 * 3 * 224 * 224],
    ['x = np.full(1000, 3.0)', 1000],
    ['x = np.eye(300)', 90_000],
    ['x = np.arange(10, 5_010)', 5000],
    ['x = np.linspace(0, 1, 2500)', 2500],
    ['x = rng.normal(0, 1, size=(100, 30))', 3000],
    ['for i in range(3_000_000): pass', 3_000_000],
    ['for i in range(10**6): pass', 1_000_000],
    ['for i in range(2, 1e3): pass', 998],
    ['double grid[512][512];', 262_144],
    ['float *v = malloc(100000 * sizeof(float));', 100_000],
  ])('%s', (source, elements) => {
    expect(sizeOf(source)).toBe(elements);
  });

  it('counts a file the source reads when it is in the project, and takes the largest size', () => {
    expect(sizeOf("df = pd.read_csv('sales.csv')\nfor i in range(10): pass", { 'sales.csv': 40_000 })).toBe(
      40_000,
    );
    expect(sizeOf("df = pd.read_csv('missing.csv')")).toBeNull();
  });

  it('finds nothing in code without sizes', () => {
    expect(sizeOf('for w in words:\n    print(len(w))\nchar buf[256];')).toBeNull();
  });
});
