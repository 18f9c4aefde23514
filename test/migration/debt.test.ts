import { describe, expect, it } from 'vitest';
import { gradeDebt } from '../../src/migration/debt.js';
import type { FileAnalysis, FunctionInfo } from '../../src/migration/types.js';

function fn(name: string, complexity: number, length = 10): FunctionInfo {
  return { name, line: 1, endLine: length, complexity, loopDepth: 0, loopArithmetic: 0 };
}

function file(path: string, functions: FunctionInfo[], over: Partial<FileAnalysis> = {}): FileAnalysis {
  return {
    path,
    language: 'python',
    lines: 100,
    codeLines: 90,
    functions,
    topLevelComplexity: 1,
    imports: [],
    apiUses: [],
    syntaxErrors: 0,
    ...over,
  };
}

describe('gradeDebt', () => {
  it('gives clean code an A with no reasons', () => {
    expect(gradeDebt([file('a.py', [fn('f', 2), fn('g', 5)])])).toEqual({
      grade: 'A',
      score: 100,
      reasons: [],
    });
  });

  it('lowers the grade for complex and long functions, naming the worst one', () => {
    const debt = gradeDebt([file('a.py', [fn('tangle', 31, 200), fn('ok', 2)])]);
    expect(debt.score).toBeLessThan(55);
    expect(['D', 'F']).toContain(debt.grade);
    expect(debt.reasons.join('\n')).toMatch(
      /1 of 2 functions have complexity above 10 \(worst: a\.py:1 tangle, 31\)/,
    );
    expect(debt.reasons.join('\n')).toMatch(/longer than 60 lines/);
  });

  it('counts files that do not parse and scripts with complex top-level code', () => {
    const debt = gradeDebt([
      file('broken.py', [fn('f', 1)], { syntaxErrors: 2 }),
      file('run.sh', [], { language: 'shell', topLevelComplexity: 14 }),
    ]);
    expect(debt.reasons).toContain('-5: 1 file does not parse cleanly (first: broken.py)');
    expect(debt.reasons).toContain('-3: 1 file has complex code outside functions (first: run.sh)');
    expect(debt).toMatchObject({ grade: 'A', score: 92 });
  });
});
