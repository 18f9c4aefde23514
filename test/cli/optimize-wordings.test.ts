/**
 * `batuta optimize` and `migration_optimize` plan for the data the script itself shows (files it reads,
 * array shapes, ranges) or they are told (`data_elements`, `--data-elements`), and never advise a GPU
 * below the cost model's thresholds; tiny inputs stay scalar or SIMD.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

const STAND_IN = `#!/bin/sh
set -eu
mkdir -p "$2/src"
printf '[package]\\nname = "%s"\\nversion = "0.1.0"\\nedition = "2021"\\n' "$3" > "$2/Cargo.toml"
printf 'fn main() {}\\n' > "$2/src/main.rs"
`;

const MATMUL_OF = (setup: string): string => `import numpy

def main():
${setup}
    total = 0.0
    for i in range(len(m)):
        for j in range(len(m)):
            total += m[i][j] * 2.0
    print(numpy.dot(m, m).sum(), total)

main()
`;

let home: string;

function project(name: string, script: string, extra: Record<string, string> = {}, toml = ''): string {
  const root = join(home, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'job.py'), script);
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(root, file), text);
  writeFileSync(
    join(root, 'batuta.toml'),
    [
      '[transpilers.python]',
      'command = "../stand-in"',
      'args = ["{input}", "{output}", "{crate}"]',
      '',
      toml,
    ].join('\n'),
  );
  for (const phase of ['analyze', 'plan', 'transpile']) {
    const run = runBatuta([phase, root, '--json'], home);
    if (run.code !== 0) throw new Error(`${phase} failed: ${run.stderr}`);
  }
  return root;
}

interface Summary {
  readonly dataElements: number | null;
  readonly dataSource: string;
  readonly hotSpots: Array<{ name: string; backend: string; intensity: string }>;
}

function optimize(root: string, ...flags: string[]): Summary {
  const run = runBatuta(['optimize', root, '--json', ...flags], home);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout).summary as Summary;
}

function backends(summary: Summary): string[] {
  return summary.hotSpots.map((s) => s.backend);
}

beforeAll(() => {
  home = tempDir('batuta-optimize-wordings-');
  writeFileSync(join(home, 'stand-in'), STAND_IN);
  chmodSync(join(home, 'stand-in'), 0o755);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta optimize reads the data size from the script', () => {
  it('an array shape in the script: 2000 x 2000', () => {
    const s = optimize(project('shape', MATMUL_OF('    m = numpy.random.rand(2000, 2000)')));
    expect(s.dataElements).toBe(4_000_000);
    expect(s.dataSource).toMatch(/job\.py/);
    expect(backends(s)).toContain('gpu');
  });

  it('a range in the script: range(8)', () => {
    const s = optimize(
      project('tiny-range', MATMUL_OF('    m = numpy.ones((8, 8))\n    n = list(range(8))')),
    );
    expect(s.dataElements).toBeLessThanOrEqual(64);
    expect(backends(s)).not.toContain('gpu');
  });

  it('a big range in the script: range(3_000_000)', () => {
    const s = optimize(project('big-range', MATMUL_OF('    m = [float(i) for i in range(3_000_000)]')));
    expect(s.dataElements).toBe(3_000_000);
  });

  it('a file the script reads, found in the project', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => String(i % 97)).join(',');
    const s = optimize(
      project('reads-file', MATMUL_OF("    m = numpy.loadtxt('data.csv', delimiter=',')"), {
        'data.csv': values,
      }),
    );
    expect(s.dataElements).toBe(300_000);
    expect(s.dataSource).toMatch(/data\.csv/);
  });

  it('a tiny file the script reads gets no GPU', () => {
    const s = optimize(
      project('reads-tiny', MATMUL_OF("    m = numpy.loadtxt(open('small.txt'))"), {
        'small.txt': '1 2\n3 4\n',
      }),
    );
    expect(s.dataElements).toBe(4);
    expect(backends(s)).not.toContain('gpu');
    for (const b of backends(s)) expect(['scalar', 'simd']).toContain(b);
  });

  it('data_elements = 50 in batuta.toml wins over what the script shows, and gets no GPU', () => {
    const root = project(
      'told-small',
      MATMUL_OF('    m = numpy.random.rand(2000, 2000)'),
      {},
      '[optimization]\ndata_elements = 50',
    );
    const s = optimize(root);
    expect(s.dataElements).toBe(50);
    expect(backends(s)).not.toContain('gpu');
  });

  it('--data-elements on the command line', () => {
    const root = project('flag', MATMUL_OF('    m = numpy.random.rand(2000, 2000)'));
    const small = optimize(root, '--data-elements', '20');
    expect(small.dataElements).toBe(20);
    expect(backends(small)).not.toContain('gpu');
    const big = optimize(root, '--data-elements', '50000000');
    expect(big.dataElements).toBe(50_000_000);
    expect(backends(big)).toContain('gpu');
  });

  it('refuses a --data-elements that is not a whole number, or on another phase, in one line with exit 2', () => {
    for (const args of [
      ['optimize', home, '--data-elements', 'lots'],
      ['optimize', home, '--data-elements', '-5'],
      ['analyze', home, '--data-elements', '100'],
    ]) {
      const run = runBatuta(args, home);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/data-elements/);
    }
  });

  it('never a GPU for element-wise work, whatever the size', () => {
    const script =
      'import numpy\n\ndef main():\n    v = numpy.zeros(90_000_000)\n    for i in range(len(v)):\n        v[i] = v[i] + 1.0\n    print(v)\n\nmain()\n';
    const s = optimize(project('elementwise', script));
    for (const spot of s.hotSpots.filter((x) => x.intensity === 'low')) expect(spot.backend).not.toBe('gpu');
  });
});

describe('migration_optimize over MCP takes data_elements (built CLI over stdio)', () => {
  let client: Client;
  let root: string;
  beforeAll(async () => {
    root = project('mcp', MATMUL_OF('    m = numpy.random.rand(2000, 2000)'));
    client = new Client({ name: 'optimize-wordings', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache') },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => client.close());

  for (const [elements, gpu] of [
    [20, false],
    [50_000_000, true],
  ] as const) {
    it(`data_elements ${elements}`, async () => {
      const result = await client.callTool({
        name: 'migration_optimize',
        arguments: { path: '.', data_elements: elements },
      });
      expect(result.isError).toBeFalsy();
      const summary = (result.structuredContent as { summary: Summary }).summary;
      expect(summary.dataElements).toBe(elements);
      expect(backends(summary).includes('gpu')).toBe(gpu);
    });
  }
});
