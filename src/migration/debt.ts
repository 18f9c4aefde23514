/**
 * The technical-debt grade: a pure score from the analysed files. Each penalty names its cause, so a
 * user sees why a project got a C and which files to clean before transpiling.
 */
import { countOf } from './describe.js';
import type { Debt, FileAnalysis } from './types.js';

/** Complexity above which a function is hard to transpile and to test (McCabe's own limit). */
export const COMPLEX_FUNCTION = 10;
const GRADES: ReadonlyArray<[number, Debt['grade']]> = [
  [85, 'A'],
  [70, 'B'],
  [55, 'C'],
  [40, 'D'],
];

interface Penalty {
  readonly points: number;
  readonly reason: string;
}

function penalties(files: readonly FileAnalysis[]): Penalty[] {
  const functions = files.flatMap((f) => f.functions.map((fn) => ({ ...fn, path: f.path })));
  const out: Penalty[] = [];
  const complex = functions.filter((fn) => fn.complexity > COMPLEX_FUNCTION);
  if (complex.length > 0) {
    const share = complex.length / functions.length;
    const worst = complex.reduce((a, b) => (b.complexity > a.complexity ? b : a));
    out.push({
      points: Math.min(35, Math.ceil(share * 100)),
      reason: `${complex.length} of ${functions.length} functions have complexity above ${COMPLEX_FUNCTION} (worst: ${worst.path}:${worst.line} ${worst.name}, ${worst.complexity})`,
    });
  }
  const long = functions.filter((fn) => fn.endLine - fn.line + 1 > 60);
  if (long.length > 0) {
    out.push({
      points: Math.min(15, Math.ceil((long.length / functions.length) * 60)),
      reason: `${countOf(long.length, 'function')} ${long.length === 1 ? 'is' : 'are'} longer than 60 lines`,
    });
  }
  const broken = files.filter((f) => f.syntaxErrors > 0);
  if (broken.length > 0) {
    out.push({
      points: Math.min(20, 5 * broken.length),
      reason: `${countOf(broken.length, 'file')} ${broken.length === 1 ? 'does' : 'do'} not parse cleanly (first: ${broken[0]!.path})`,
    });
  }
  const big = files.filter((f) => f.lines > 1000);
  if (big.length > 0) {
    out.push({
      points: Math.min(10, 2 * big.length),
      reason: `${countOf(big.length, 'file')} ${big.length === 1 ? 'exceeds' : 'exceed'} 1000 lines`,
    });
  }
  const scripts = files.filter((f) => f.topLevelComplexity > COMPLEX_FUNCTION);
  if (scripts.length > 0) {
    out.push({
      points: Math.min(10, 3 * scripts.length),
      reason: `${countOf(scripts.length, 'file')} ${scripts.length === 1 ? 'has' : 'have'} complex code outside functions (first: ${scripts[0]!.path})`,
    });
  }
  return out;
}

/** Grades a project from A (clean) to F; an empty project gets an A with no reasons. */
export function gradeDebt(files: readonly FileAnalysis[]): Debt {
  const found = penalties(files);
  const score = Math.max(0, 100 - found.reduce((sum, p) => sum + p.points, 0));
  const grade = GRADES.find(([min]) => score >= min)?.[1] ?? 'F';
  return { grade, score, reasons: found.map((p) => `-${p.points}: ${p.reason}`) };
}
