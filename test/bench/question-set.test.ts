import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionSet, missingJudgedFiles, parseQuestionSet } from '../../bench/lib/question-set.js';
import { BatutaError } from '../../src/errors.js';
import { tempDir } from '../temp-dirs.js';

const valid = {
  corpus: 'specs',
  questions: [{ id: 's1', question: 'q?', split: 'dev', relevant: { 'a.md': 2, 'b.md': 1 } }],
};

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'not a BatutaError';
  }
  return undefined;
}

describe('question sets', () => {
  it('accept the shared format and default low_overlap to false', () => {
    const set = parseQuestionSet(valid, 'inline');
    expect(set.questions[0]?.low_overlap).toBe(false);
    expect(missingJudgedFiles(set, ['a.md'])).toEqual(['b.md']);
  });

  it('reject bad splits, grades, empty judgements and duplicate ids with INVALID_DATA', () => {
    const broken = (question: Record<string, unknown>) => ({ corpus: 'specs', questions: [question] });
    const base = valid.questions[0]!;
    expect(codeOf(() => parseQuestionSet(broken({ ...base, split: 'train' }), 'x'))).toBe('INVALID_DATA');
    expect(codeOf(() => parseQuestionSet(broken({ ...base, relevant: { 'a.md': 7 } }), 'x'))).toBe(
      'INVALID_DATA',
    );
    expect(codeOf(() => parseQuestionSet(broken({ ...base, relevant: { 'a.md': 0 } }), 'x'))).toBe(
      'INVALID_DATA',
    );
    const twice = { corpus: 'specs', questions: [base, base] };
    expect(codeOf(() => parseQuestionSet(twice, 'x'))).toBe('INVALID_DATA');
  });

  it('report unreadable files and broken YAML with codes', () => {
    const dir = tempDir('qset-');
    expect(codeOf(() => loadQuestionSet(join(dir, 'none.yaml')))).toBe('NOT_FOUND');
    writeFileSync(join(dir, 'bad.yaml'), 'corpus: [unclosed');
    expect(codeOf(() => loadQuestionSet(join(dir, 'bad.yaml')))).toBe('INVALID_DATA');
  });

  it('the committed batuta-docs set is valid, half dev, a third low-overlap', () => {
    const set = loadQuestionSet(
      join(import.meta.dirname, '../../bench/retrieval/batuta-docs-questions.yaml'),
    );
    const n = set.questions.length;
    expect(n).toBeGreaterThanOrEqual(70);
    const dev = set.questions.filter((q) => q.split === 'dev').length;
    expect(Math.abs(dev - n / 2)).toBeLessThanOrEqual(n * 0.1);
    expect(set.questions.filter((q) => q.low_overlap).length).toBeGreaterThanOrEqual(n / 3 - 1);
  });

  // Outside sets are read once a session by whoever measures, so a broken one would only show at the end.
  const outside = join(import.meta.dirname, '../../bench/retrieval/outside');
  it.each(readdirSync(outside).filter((name) => name.endsWith('.yaml')))(
    'the outside set %s is valid and every question has a page that answers it',
    (name) => {
      const set = loadQuestionSet(join(outside, name));
      expect(set.questions.length).toBeGreaterThanOrEqual(10);
      const unanswered = set.questions.filter((q) => !Object.values(q.relevant).includes(2));
      expect(unanswered.map((q) => q.id)).toEqual([]);
    },
  );

  // A judged path that is not in the corpus scores as a miss for every ranker, so a typo would only show as a
  // lower figure; the check reads the folder the set's header names and skips only when it is absent here.
  it.for(readdirSync(outside).filter((name) => name.endsWith('.yaml')))(
    'every page the outside set %s judges exists in the folder its header names',
    (name, context) => {
      const file = join(outside, name);
      const root = headerCorpusRoot(file);
      expect(root, 'the header names no --corpus-root').toBeDefined();
      if (root === undefined || !existsSync(root)) return context.skip();
      const judged = loadQuestionSet(file).questions.flatMap((q) => Object.keys(q.relevant));
      expect([...new Set(judged)].filter((path) => !existsSync(join(root, path)))).toEqual([]);
    },
  );
});

/** The folder an outside set's header tells its reader to pass as --corpus-root. */
function headerCorpusRoot(file: string): string | undefined {
  return /--corpus-root\s+(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
}
