/** Which Rust file an agent writes for a source file: a library or a program (agent.ts rustFileFor). */
import { describe, expect, it } from 'vitest';
import { rustFileFor } from '../../src/migration/agent.js';
import { planMigration } from '../../src/migration/plan.js';
import type { Analysis, FileAnalysis } from '../../src/migration/types.js';

function python(path: string, imports: string[] = []): FileAnalysis {
  return {
    path,
    language: 'python',
    lines: 10,
    codeLines: 8,
    functions: [],
    topLevelComplexity: 1,
    imports,
    apiUses: [],
    syntaxErrors: 0,
  };
}

const ANALYSIS: Analysis = {
  root: '/src/crcgen',
  languages: [],
  files: [
    python('__init__.py', ['crcgen.core']),
    python('core.py', ['crcgen._tables']),
    python('_tables.py'),
    python('cli.py', ['crcgen.core']),
    python('pkg/__init__.py'),
  ],
  ml: [],
  manifests: [],
  debt: { grade: 'A', score: 100, reasons: [] },
  skipped: 0,
};
const PLAN = planMigration(ANALYSIS);
const fileFor = (path: string, source = 'x = 1\n', run = false) =>
  rustFileFor(PLAN.modules.find((m) => m.path === path)!, PLAN, ANALYSIS, source, run);

describe('rustFileFor (Python)', () => {
  it('writes a library for a module the project imports, through the package named by its folder', () => {
    expect(fileFor('_tables.py')).toBe('src/lib.rs');
    expect(fileFor('core.py')).toBe('src/lib.rs');
  });

  it('writes a library for a package __init__.py, which nothing runs as a program', () => {
    expect(fileFor('__init__.py')).toBe('src/lib.rs');
    expect(fileFor('pkg/__init__.py')).toBe('src/lib.rs');
  });

  it('writes a program for a module nothing imports, or one with a __main__ guard a validation case runs', () => {
    const guarded = 'def f():\n    pass\n\nif __name__ == "__main__":\n    f()\n';
    expect(fileFor('cli.py')).toBe('src/main.rs');
    expect(fileFor('core.py', guarded, true)).toBe('src/main.rs');
    // pyparsing's fourFn.py: SimpleCalc.py imports it, and its __main__ block is a self-test no case runs.
    expect(fileFor('core.py', guarded)).toBe('src/lib.rs');
  });
});

describe('rustFileFor (shell)', () => {
  const shell = (path: string, imports: string[] = []): FileAnalysis => ({
    ...python(path, imports),
    language: 'shell',
  });
  const analysis: Analysis = {
    ...ANALYSIS,
    root: '/src/tool',
    files: [shell('bin/tool', ['"$(dirname "$0")"/../lib/words.sh']), shell('lib/words.sh')],
  };
  const plan = planMigration(analysis);
  const fileOf = (path: string) =>
    rustFileFor(plan.modules.find((m) => m.path === path)!, plan, analysis, 'shout() { echo hi; }\n', false);

  it('writes a library for a file other scripts source, a program for the script that sources it', () => {
    expect(fileOf('lib/words.sh')).toBe('src/lib.rs');
    expect(fileOf('bin/tool')).toBe('src/main.rs');
  });
});
