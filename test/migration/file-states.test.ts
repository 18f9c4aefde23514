import { describe, expect, it } from 'vitest';
import { toolWords } from '../../mcp/fixes.js';
import { cliWords } from '../../src/fixes.js';
import { fileLines, fileStates } from '../../src/migration/file-states.js';
import { PHASES, type Status } from '../../src/migration/types.js';

const module = (path: string, crate: string) => ({
  path,
  language: 'shell',
  transpiler: 'bashrs',
  crate,
  order: 1,
  dependsOn: [],
  unresolved: [],
  crates: [],
  risks: [],
});

/** A shell project of four files: one validated, one a library tested, one waiting, one failing its cargo build. */
function status(summaries: Partial<Record<(typeof PHASES)[number], Record<string, unknown>>>): Status {
  return {
    root: '/work/tool',
    next: 'transpile',
    phases: PHASES.map((phase) => ({
      phase,
      status: summaries[phase] ? 'failed' : 'pending',
      startedAt: null,
      finishedAt: null,
      reason: null,
      artifacts: [],
      summary: summaries[phase] ?? null,
    })),
  };
}

const PLAN = {
  modules: [
    module('lib.sh', 'lib'),
    module('done.sh', 'done'),
    module('next.sh', 'next'),
    module('broken.sh', 'broken'),
  ],
};
const TRANSPILE = {
  translated: ['lib.sh', 'done.sh'],
  transpiled: [],
  reused: [],
  pending: [
    {
      source: 'next.sh',
      crate: 'next',
      file: '.batuta/workspace/next/src/main.rs',
      reason: 'translation pending',
    },
    {
      source: 'broken.sh',
      crate: 'broken',
      file: '.batuta/workspace/broken/src/main.rs',
      reason: 'cargo build failed: src/main.rs:3: cannot find value `x`',
    },
  ],
  tools: { shell: { command: 'agent', version: null } },
};

describe('fileStates', () => {
  it('says the planned transpiler before transpile ran, and that each file waits for it', () => {
    const states = fileStates(status({ plan: PLAN }));
    expect(states.map((s) => [s.source, s.by, s.state])).toEqual([
      ['lib.sh', 'bashrs (planned)', 'not transpiled'],
      ['done.sh', 'bashrs (planned)', 'not transpiled'],
      ['next.sh', 'bashrs (planned)', 'not transpiled'],
      ['broken.sh', 'bashrs (planned)', 'not transpiled'],
    ]);
  });

  it('says who translated each file, what validation found and the command that moves each on', () => {
    const validate = {
      cases: [{ name: 'd', source: 'done.sh', passed: true, differences: [] }],
      cargoTest: { passed: true, output: '' },
      scope: ['lib.sh', 'done.sh'],
      partial: true,
    };
    const states = fileStates(status({ plan: PLAN, transpile: TRANSPILE, validate }));
    expect(states.map((s) => [s.source, s.by, s.state])).toEqual([
      ['lib.sh', 'agent', 'tests passed'],
      ['done.sh', 'agent', 'same behaviour'],
      ['next.sh', 'agent', 'waiting'],
      ['broken.sh', 'agent', 'check failed'],
    ]);
    expect(fileLines(status({ plan: PLAN, transpile: TRANSPILE, validate }), cliWords)).toEqual([
      'files: 2 of 4 validated',
      '  next.sh [waiting, by agent]: write .batuta/workspace/next/src/main.rs (brief: its crate\'s TRANSLATE.md), then run "batuta transpile /work/tool"',
      '  broken.sh [check failed, by agent]: write .batuta/workspace/broken/src/main.rs (cargo build failed: src/main.rs:3: cannot find value `x`), then run "batuta transpile /work/tool"',
    ]);
    // An MCP client submits the file rather than writing it.
    expect(fileLines(status({ plan: PLAN, transpile: TRANSPILE, validate }), toolWords).slice(1)).toEqual([
      '  next.sh [waiting, by agent]: call migration_submit_translation with source "next.sh" and its Rust (brief: prompt translate_file), then call migration_transpile on the same path',
      '  broken.sh [check failed, by agent]: call migration_submit_translation with source "broken.sh" and its Rust (cargo build failed: src/main.rs:3: cannot find value `x`), then call migration_transpile on the same path',
    ]);
  });

  it('names the dependencies an agent declared for a crate, validated or not', () => {
    const transpile = {
      ...TRANSPILE,
      dependencies: { 'done.sh': ['nettle (system library, linked by build.rs)', 'libc 0.2 (crates.io)'] },
    };
    expect(fileLines(status({ plan: PLAN, transpile }), cliWords).at(-1)).toBe(
      '  done.sh declares: nettle (system library, linked by build.rs); libc 0.2 (crates.io)',
    );
  });

  it('asks for validation of files translated but not compared, and names a transpiler that converted a file', () => {
    const transpile = {
      transpiled: ['lib.sh'],
      reused: [],
      translated: ['done.sh'],
      pending: [],
      tools: { shell: { command: '/usr/bin/bashrs' } },
    };
    const states = fileStates(status({ plan: PLAN, transpile }));
    expect(states.slice(0, 2).map((s) => [s.source, s.by, s.state, String(s.next)])).toEqual([
      ['lib.sh', '/usr/bin/bashrs', 'transpiled', 'run "batuta validate /work/tool"'],
      ['done.sh', 'agent', 'translated', 'run "batuta validate /work/tool"'],
    ]);
  });
  it('does not count a program no validation case ran as validated, and says how to give it one', () => {
    const validate = {
      cases: [{ name: 'd', source: 'done.sh', passed: true, differences: [] }],
      cargoTest: { passed: true, output: '' },
      scope: ['lib.sh', 'done.sh', 'next.sh', 'broken.sh'],
      uncompared: ['next.sh', 'broken.sh'],
    };
    const transpile = { translated: ['lib.sh', 'done.sh', 'next.sh', 'broken.sh'], pending: [] };
    const states = fileStates(status({ plan: PLAN, transpile, validate }));
    expect(states.map((s) => [s.source, s.state])).toEqual([
      ['lib.sh', 'tests passed'],
      ['done.sh', 'same behaviour'],
      ['next.sh', 'not compared'],
      ['broken.sh', 'not compared'],
    ]);
    expect(fileLines(status({ plan: PLAN, transpile, validate }), cliWords).slice(0, 2)).toEqual([
      'files: 2 of 4 validated',
      '  next.sh [not compared, by agent]: no validation case runs it: declare one in batuta.toml ([[validation.cases]] with source = "next.sh"), then run "batuta validate /work/tool"',
    ]);
  });
});
