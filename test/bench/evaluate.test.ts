import { describe, expect, it } from 'vitest';
import type { QuestionSet } from '../../bench/lib/question-set.js';
import { defaultPairs, evaluate } from '../../bench/retrieval/evaluate.js';
import type { Ranker } from '../../bench/retrieval/rankers.js';
import { formatReport } from '../../bench/retrieval/report.js';

const SET: QuestionSet = {
  corpus: 'fake',
  questions: [
    { id: 'q1', question: 'alpha', split: 'dev', low_overlap: false, relevant: { 'a.md': 2 } },
    { id: 'q2', question: 'beta', split: 'test', low_overlap: true, relevant: { 'b.md': 2, 'c.md': 1 } },
    { id: 'q3', question: 'gamma', split: 'test', low_overlap: false, relevant: { 'c.md': 2 } },
  ],
};

/** A ranker that answers from a fixed table and records that it was prepared and closed. */
function fakeRanker(name: string, answers: Record<string, string[]>, log: string[]): Ranker {
  return {
    name,
    async prepare(root, files) {
      log.push(`${name} prepare ${root} ${files.length}`);
    },
    async rank(question) {
      return answers[question] ?? [];
    },
    close() {
      log.push(`${name} close`);
    },
  };
}

describe('evaluate', () => {
  it('scores every ranker per subset and tests the chosen pairs', async () => {
    const log: string[] = [];
    const perfect = fakeRanker('bm25-or', { alpha: ['a.md'], beta: ['b.md', 'c.md'], gamma: ['c.md'] }, log);
    const weak = fakeRanker(
      'hybrid',
      { alpha: ['_sources/x.rst.txt', 'a.md'], beta: [], gamma: ['c.md', 'genindex.html'] },
      log,
    );
    const report = await evaluate({
      set: SET,
      corpusRoot: '/corpus',
      files: ['a.md', 'b.md', 'c.md'],
      rankers: [perfect, weak],
      pairs: defaultPairs(['bm25-or', 'hybrid']),
      rounds: 500,
    });
    expect(log).toEqual([
      'bm25-or prepare /corpus 3',
      'bm25-or close',
      'hybrid prepare /corpus 3',
      'hybrid close',
    ]);
    expect(report.counts).toEqual({ all: 3, dev: 1, test: 2, 'low-overlap': 1 });
    expect(report.summary.all['bm25-or']).toEqual({ ndcg: 1, mrr: 1, recall: 1 });
    expect(report.summary['low-overlap'].hybrid).toEqual({ ndcg: 0, mrr: 0, recall: 0 });
    expect(report.summary.dev.hybrid?.mrr).toBe(0.5);
    expect(report.summary.test.hybrid?.ndcg).toBeCloseTo(0.5, 12);
    expect(report.comparisons.map((c) => [c.a, c.b, c.subset])).toEqual([
      ['hybrid', 'bm25-or', 'all'],
      ['hybrid', 'bm25-or', 'test'],
    ]);
    expect(report.comparisons[0]?.difference).toBeLessThan(0);
    expect(report.generatedInTop).toEqual({ 'bm25-or': 0, hybrid: 2 });
    const text = formatReport(report, {
      set: 'fake',
      corpusRoot: '/corpus',
      documents: 3,
      split: 'all',
      command: 'node dist/bench/retrieval/eval.js --set fake',
    });
    expect(text).toContain('| bm25-or | 1.000 / 1.000 / 1.000 | 1.000 / 1.000 / 1.000 |');
    expect(text).toContain('| hybrid | bm25-or | all | 3 |');
    expect(text).toMatch(/\| hybrid \| [\d.]+ \| [\d.]+ \| [\d.]+ \| 2 of 3 \| 0 of 3 \|/);
  });

  it('counts the questions not about changes that have a release-history file in their top 3', async () => {
    const set: QuestionSet = {
      corpus: 'fake',
      questions: [
        ...SET.questions,
        { ...SET.questions[0]!, id: 'q4', question: 'delta', about_changes: true },
      ],
    };
    const answers = {
      alpha: ['a.md', 'x.md', 'releases/v1.2.html'],
      beta: ['b.md', 'c.md', 'x.md', 'CHANGELOG.md'],
      gamma: ['changes.html'],
      delta: ['releases/v1.2.html'],
    };
    const report = await evaluate({
      set,
      corpusRoot: '/corpus',
      files: [],
      rankers: [fakeRanker('r', answers, [])],
      pairs: [],
    });
    expect(report.ordinaryQuestions).toBe(3);
    expect(report.historyInTop3).toEqual({ r: 2 });
  });

  it('cuts rankings at 10 files', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `f${i}.md`);
    const ranker = fakeRanker('long', { alpha: [...many, 'a.md'] }, []);
    const report = await evaluate({
      set: { corpus: 'fake', questions: [SET.questions[0]!] },
      corpusRoot: '/corpus',
      files: [],
      rankers: [ranker],
      pairs: [],
    });
    expect(report.questions[0]?.ranked.long).toHaveLength(10);
    expect(report.summary.all.long?.ndcg).toBe(0);
  });
});

describe('defaultPairs', () => {
  it('pairs every ranker with bm25-or and adds the steps the models must prove', () => {
    expect(defaultPairs(['fts5-and', 'bm25-or', 'bm25', 'hybrid', 'hybrid+rerank'])).toEqual([
      ['fts5-and', 'bm25-or'],
      ['bm25', 'bm25-or'],
      ['hybrid', 'bm25-or'],
      ['hybrid+rerank', 'bm25-or'],
      ['hybrid', 'bm25'],
      ['hybrid+rerank', 'hybrid'],
    ]);
    expect(defaultPairs(['bm25', 'hybrid', 'rrf(k=60)'])).toEqual([
      ['hybrid', 'bm25'],
      ['rrf(k=60)', 'hybrid'],
    ]);
    expect(defaultPairs(['bm25'])).toEqual([]);
  });
});
