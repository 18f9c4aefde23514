/**
 * Graph lookups through the built `batuta` binary (npm test builds dist/ first): each flag in text,
 * JSON and markdown, exit codes 0 / 1 / 2, one-line errors, and a broken knowledge folder chosen with
 * BATUTA_KNOWLEDGE_DIR.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { type Run, runBatuta } from './run-batuta.js';

const home = tempDir('batuta-graph-cli-');
const BROKEN = resolve(import.meta.dirname, '../fixtures/knowledge-broken-layer');
const SMALL = resolve(import.meta.dirname, '../fixtures/knowledge-small');

const oracle = (...args: string[]): Run => runBatuta(['oracle', ...args], home);

/** Parses stdout as exactly one JSON document (JSON.parse rejects anything after it). */
function json(run: Run): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function oneLineError(run: Run, code: number): string {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
  return lines[0] ?? '';
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta oracle --list', () => {
  it('prints the 20 components grouped by layer as aligned text', () => {
    const run = oracle('--list');
    expect(run.code).toBe(0);
    for (let layer = 0; layer <= 6; layer++) expect(run.stdout).toMatch(new RegExp(`^Layer ${layer}: `, 'm'));
    expect(run.stdout).toMatch(/^ {2}trueno-db +0\.3\.11 +\S/m);
  });

  it('--json prints one document with every component', () => {
    const doc = json(oracle('--list', '--json')) as {
      layers: { id: number; components: { name: string }[] }[];
    };
    expect(doc.layers.map((l) => l.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(doc.layers.flatMap((l) => l.components.map((c) => c.name))).toHaveLength(20);
  });

  it('--format markdown prints headings', () => {
    const run = oracle('--list', '--format', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#+ .*Compute Primitives/m);
  });
});

describe('batuta oracle --show / --list-capabilities / --capability / --replaces', () => {
  it('--show gives one component in full with its integrations', () => {
    const doc = json(oracle('--show', 'Trueno-DB', '--json'));
    expect(JSON.stringify(doc)).toContain('"trueno-db"');
    expect(JSON.stringify(doc)).toContain('trueno-rag');
  });

  it('--list-capabilities and its alias --capabilities agree', () => {
    const a = json(oracle('--list-capabilities', 'trueno', '--json'));
    const b = json(oracle('--capabilities', 'trueno', '--json'));
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toContain('"simd"');
  });

  it('--capability resolves "support WASM" to the wasm capability', () => {
    const doc = json(oracle('--capability', 'support WASM', '--json')) as {
      capability: { id: string };
      components: { name: string }[];
    };
    expect(doc.capability.id).toBe('wasm');
    expect(doc.components.map((c) => c.name)).toContain('trueno');
    const text = oracle('--capability', 'WebAssembly');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('trueno');
  });

  it('--replaces "scikit learn" names aprender', () => {
    const doc = json(oracle('--replaces', 'scikit learn', '--json')) as { components: { name: string }[] };
    expect(doc.components.map((c) => c.name)).toContain('aprender');
  });
});

describe('batuta oracle --integrations', () => {
  it.each(['aprender -> realizar', 'aprender->realizar', 'aprender → realizar', 'aprender,realizar'])(
    'accepts %s',
    (spec) => {
      const doc = json(oracle('--integrations', spec, '--json'));
      expect(doc['from']).toBe('aprender');
      expect(doc['to']).toBe('realizar');
      expect(doc['mode']).toBe('direct');
    },
  );

  it('explains each hop of a path when there is no direct pattern', () => {
    const run = oracle('--integrations', 'alimentar -> trueno-rag');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/path/i);
    expect(run.stdout).toMatch(/^ +1\. alimentar -> /m);
  });

  it('rejects a malformed pair with exit 2 and the syntax', () => {
    expect(oneLineError(oracle('--integrations', 'aprender realizar'), 2)).toContain('->');
  });
});

describe('errors', () => {
  it('an unknown component exits 1 with did-you-mean on one line', () => {
    expect(oneLineError(oracle('--show', 'truneo'), 1)).toMatch(/did you mean trueno/);
  });

  it('an unknown capability or tool exits 1', () => {
    oneLineError(oracle('--capability', 'teleportation'), 1);
    expect(oneLineError(oracle('--replaces', 'numpi', '--json'), 1)).toContain('NumPy');
  });

  it('a lookup value of 100,000 characters exits 2 at once, without echoing it', () => {
    const huge = Array.from({ length: 14_000 }, (_, i) => `w${i % 997}x`).join(' ');
    for (const flag of ['--capability', '--show', '--replaces', '--list-capabilities', '--integrations']) {
      const line = oneLineError(oracle(flag, huge), 2);
      expect(line).toMatch(/characters long/);
      expect(line.length).toBeLessThan(300);
    }
  });

  it('a broken knowledge folder is one line naming file, path and value', () => {
    const run = runBatuta(['oracle', '--list'], home, { BATUTA_KNOWLEDGE_DIR: BROKEN });
    const line = oneLineError(run, 1);
    expect(line).toContain('components/trueno.yaml');
    expect(line).toContain('layer');
    expect(line).toContain('"zero"');
  });

  it('BATUTA_KNOWLEDGE_DIR selects other data', () => {
    const run = runBatuta(['oracle', '--list', '--json'], home, { BATUTA_KNOWLEDGE_DIR: SMALL });
    const doc = json(run) as { layers: { components: { name: string }[] }[] };
    expect(doc.layers.flatMap((l) => l.components.map((c) => c.name)).sort()).toEqual(['aprender', 'trueno']);
  });
});
