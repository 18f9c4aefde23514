import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSectionSet, parseSectionSet } from '../../bench/lib/section-set.js';
import { answerLines, gradeShown, signTestP, snippetLine } from '../../bench/retrieval/section-grade.js';
import { BatutaError } from '../../src/errors.js';

// An HTML page as the docs resource reads it: headings written as `#` lines, numbered from 1.
const PAGE = [
  '# API', // 1
  'Intro text.', // 2
  '## Notes on Identifiers', // 3
  'Filters and tests may contain dots.', // 4
  '## Custom Filters', // 5
  'Filters are Python functions.', // 6
  'Register it in Environment.filters.', // 7
  '### Decorators', // 8
  'pass_context passes the current Context.', // 9
  '## Custom Tests', // 10
  'Tests work like filters.', // 11
].join('\n');

describe('section grades', () => {
  it('take the lines of the graded sections and their subsections, nothing else', () => {
    expect([...answerLines(PAGE, 'html', ['Custom Filters'])].sort((a, b) => a - b)).toEqual([6, 7, 9]);
    expect(answerLines(PAGE, 'html', ['Nowhere']).size).toBe(0);
  });

  it('find the line a snippet starts on within the shown range, also when cut or joined', () => {
    expect(snippetLine(PAGE, [5, 9], 'Register it in Environment.filters. pass_context')).toBe(7);
    expect(snippetLine(PAGE, [5, 9], 'Filters are Python…')).toBe(6);
    expect(snippetLine(PAGE, [5, 9], 'Tests work like filters.')).toBeNull();
  });

  it('grade a shown chunk by its lines and its snippet', () => {
    const answer = answerLines(PAGE, 'html', ['Custom Filters']);
    expect(gradeShown(answer, [3, 4], 4)).toEqual({ section: false, snippet: false });
    expect(gradeShown(answer, [4, 6], 4)).toEqual({ section: true, snippet: false });
    expect(gradeShown(answer, [5, 9], 7)).toEqual({ section: true, snippet: true });
  });

  it('give the exact two-sided sign test', () => {
    expect(signTestP(0, 0)).toBe(1);
    expect(signTestP(5, 0)).toBeCloseTo(0.0625, 10);
    expect(signTestP(6, 1)).toBeCloseTo(0.125, 10);
    expect(signTestP(2, 2)).toBe(1);
  });
});

describe('the section set', () => {
  it("is valid, with dev and test halves and about half its questions in a user's words", () => {
    const path = join(import.meta.dirname, '../../bench/retrieval/sections/sections-questions.yaml');
    const set = loadSectionSet(path);
    const dev = set.questions.filter((q) => q.split === 'dev');
    expect(set.questions.length).toBeGreaterThanOrEqual(40);
    expect(Math.abs(dev.length * 2 - set.questions.length)).toBeLessThanOrEqual(2);
    const low = set.questions.filter((q) => q.low_overlap).length;
    expect(Math.abs(low * 2 - set.questions.length)).toBeLessThanOrEqual(4);
  });

  it('refuses a question without answer headings or with a repeated id (INVALID_DATA)', () => {
    const base = {
      id: 's1',
      corpus: 'c',
      question: 'q?',
      split: 'dev',
      low_overlap: false,
      answers: { 'a.html': ['A'] },
    };
    const codeOf = (data: unknown) => {
      try {
        parseSectionSet(data, 'x');
      } catch (error) {
        return error instanceof BatutaError ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf({ questions: [base] })).toBeUndefined();
    expect(codeOf({ questions: [{ ...base, answers: { 'a.html': [] } }] })).toBe('INVALID_DATA');
    expect(codeOf({ questions: [base, base] })).toBe('INVALID_DATA');
  });
});
