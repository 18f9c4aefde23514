import { describe, expect, it } from 'vitest';
import { countOf, describePhase } from '../../src/migration/describe.js';
import type { PhaseResult } from '../../src/migration/types.js';

function result(phase: PhaseResult['phase'], summary: Record<string, unknown>): PhaseResult {
  return { phase, status: 'passed', summary, artifacts: [], seconds: 0.1 };
}

describe('describePhase', () => {
  it('puts counts in the right number', () => {
    expect([countOf(0, 'file'), countOf(1, 'file'), countOf(2, 'use')]).toEqual([
      '0 files',
      '1 file',
      '2 uses',
    ]);
    const lines = describePhase(
      result('analyze', {
        languages: [{ language: 'python', files: 1, lines: 1, codeLines: 1, functions: 1 }],
        mostComplex: [],
        ml: [
          { library: 'numpy', api: 'numpy.dot', component: 'trueno', replacement: 'dot', uses: 1, files: [] },
        ],
        manifests: [],
        debt: { grade: 'A', score: 100, reasons: [] },
      }),
    );
    expect(lines).toContain('python: 1 file, 1 line, 1 function');
    expect(lines).toContain('numpy.dot (1 use) -> trueno: dot');
  });

  it("names each waiting file's Rust file without telling how to hand it in (the CLI writes it, MCP submits it)", () => {
    const lines = describePhase(
      result('transpile', {
        translated: ['zforce'],
        pending: [
          { source: 'znew', file: '.batuta/workspace/znew/src/main.rs', reason: 'translation pending' },
        ],
      }),
    );
    expect(lines).toEqual([
      'translated by the agent and checked: zforce',
      'waiting: znew -> .batuta/workspace/znew/src/main.rs (translation pending)',
    ]);
  });

  it('shows a failed gate without findings, and validation differences', () => {
    const gate: PhaseResult = {
      phase: 'transpile',
      status: 'failed',
      reason: 'no transpiler',
      summary: { code: 'TOOL_MISSING', details: {} },
      artifacts: [],
      seconds: 0,
    };
    expect(describePhase(gate)).toEqual([]);
    const cases = [
      {
        name: 'sample',
        passed: false,
        differences: ['sample: stdout line 4: original "a", converted "b"'],
        original: { seconds: 0.01 },
        converted: { seconds: 0.002 },
      },
    ];
    expect(describePhase({ ...gate, phase: 'validate', summary: { cases } })).toEqual([
      'sample: DIFFERENT (original 0.010 s, converted 0.002 s)',
      '  sample: stdout line 4: original "a", converted "b"',
    ]);
  });

  it('says when validation compared no program and what cargo test ran', () => {
    const output =
      'running 2 tests\ntest result: ok. 2 passed; 0 failed; 0 ignored\n\nrunning 1 test\ntest result: ok. 1 passed; 0 failed; 0 ignored\n';
    const passed = {
      phase: 'validate' as const,
      status: 'passed' as const,
      summary: { cases: [], cargoTest: { passed: true, output } },
      artifacts: [],
      seconds: 0.5,
    };
    expect(describePhase({ ...passed, status: 'failed', summary: { build: 'error[E0425]' } })).toEqual([]);
    expect(describePhase(passed)).toEqual([
      'no program compared: every crate is a library, so cargo test alone judged them',
      'cargo test: passed (3 tests passed, 0 failed)',
    ]);
  });
});
