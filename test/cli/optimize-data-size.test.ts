/**
 * `batuta optimize` plans for the data it can see (the inputs of the validation cases) or is told
 * (`[optimization] data_elements` in batuta.toml), and never advises a GPU for a handful of elements.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatuta } from './run-batuta.js';

const SCRIPT = `import sys
import numpy

def main(path):
    with open(path) as handle:
        words = handle.read().split()
    v = numpy.array([len(w) for w in words], dtype=float)
    total = 0.0
    for i in range(len(v)):
        for j in range(len(v)):
            total += v[i] * v[j]
    print(numpy.dot(v, v), total)

main(sys.argv[1])
`;

import { tempDir } from '../temp-dirs.js';

const STAND_IN = `#!/bin/sh
set -eu
mkdir -p "$2/src"
printf '[package]\\nname = "%s"\\nversion = "0.1.0"\\nedition = "2021"\\n' "$3" > "$2/Cargo.toml"
printf 'fn main() {}\\n' > "$2/src/main.rs"
`;

let home: string;

function project(name: string, optimization: string): string {
  const root = join(home, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'dot.py'), SCRIPT);
  writeFileSync(join(root, 'words.txt'), 'the quick brown fox jumps over the lazy dog and then sleeps all\n');
  writeFileSync(
    join(root, 'batuta.toml'),
    [
      '[transpilers.python]',
      'command = "../stand-in"',
      'args = ["{input}", "{output}", "{crate}"]',
      '',
      '[[validation.cases]]',
      'name = "words"',
      'source = "dot.py"',
      'args = ["words.txt"]',
      'files = ["words.txt"]',
      '',
      optimization,
    ].join('\n'),
  );
  for (const phase of ['analyze', 'plan', 'transpile']) {
    const run = runBatuta([phase, root, '--json'], home);
    if (run.code !== 0) throw new Error(`${phase} failed: ${run.stderr}`);
  }
  return root;
}

interface Spot {
  readonly name: string;
  readonly backend: string;
}

function optimize(root: string): { dataElements: number | null; dataSource: string; hotSpots: Spot[] } {
  const run = runBatuta(['optimize', root, '--json'], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).summary;
}

beforeAll(() => {
  home = tempDir('batuta-optimize-size-');
  writeFileSync(join(home, 'stand-in'), STAND_IN);
  chmodSync(join(home, 'stand-in'), 0o755);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta optimize and the data size', () => {
  it('uses the size of the inputs it can see: a 13-word file gets no GPU', () => {
    const summary = optimize(project('small', ''));
    expect(summary.dataElements).toBe(13);
    expect(summary.dataSource).toMatch(/words\.txt/);
    expect(summary.hotSpots.length).toBeGreaterThan(0);
    expect(summary.hotSpots.some((s) => s.name === 'numpy.dot')).toBe(true);
    for (const spot of summary.hotSpots) expect(spot.backend).not.toBe('gpu');
  });

  it('uses data_elements when batuta.toml gives it', () => {
    const summary = optimize(project('told', '[optimization]\ndata_elements = 50000000'));
    expect(summary.dataElements).toBe(50_000_000);
    expect(summary.dataSource).toMatch(/batuta\.toml/);
    expect(summary.hotSpots.some((s) => s.backend === 'gpu')).toBe(true);
  });
});
