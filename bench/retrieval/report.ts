/**
 * Formats an evaluation as markdown tables, so the output of a run can be pasted into
 * bench/RESULTS.md unchanged.
 */
import { type EvaluationReport, SUBSETS, type Subset } from './evaluate.js';

export interface ReportHeader {
  readonly set: string;
  readonly corpusRoot: string;
  readonly documents: number;
  readonly split: 'dev' | 'test' | 'all';
  readonly command: string;
}

const f3 = (value: number) => value.toFixed(3);

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Subsets worth a column: non-empty, and not a repeat of "all" when one split was selected. */
function shownSubsets(report: EvaluationReport, split: ReportHeader['split']): Subset[] {
  return SUBSETS.filter((subset) => report.counts[subset] > 0 && (split === 'all' || subset !== split));
}

/** The result tables: metrics per ranker and subset, then the significance tests. */
export function formatReport(report: EvaluationReport, header: ReportHeader): string {
  const subsets = shownSubsets(report, header.split);
  const lines = [
    `Set ${header.set} (split ${header.split}): ${report.counts.all} questions ` +
      `(${report.counts.dev} dev, ${report.counts.test} test, ${report.counts['low-overlap']} low-overlap) ` +
      `over ${header.documents} documents in ${header.corpusRoot}`,
    `Command: ${header.command}`,
    '',
    'nDCG@10 / MRR@10 / Recall@10 (file level)',
    '',
    `| ranker | ${subsets.map((subset) => `${subset} (${report.counts[subset]})`).join(' | ')} |`,
    `|---|${subsets.map(() => '---|').join('')}`,
  ];
  for (const timing of report.rankers) {
    const cells = subsets.map((subset) => {
      const scores = report.summary[subset][timing.name];
      return scores ? `${f3(scores.ndcg)} / ${f3(scores.mrr)} / ${f3(scores.recall)}` : '';
    });
    lines.push(`| ${timing.name} | ${cells.join(' | ')} |`);
  }
  if (report.comparisons.length > 0) {
    lines.push('', 'Paired randomization test on per-question nDCG@10 (two-sided, seeded)', '');
    lines.push('| A | B | subset | questions | ΔnDCG@10 (A − B) | p |', '|---|---|---|---|---|---|');
    for (const c of report.comparisons) {
      if (!subsets.includes(c.subset)) continue;
      const delta = `${c.difference >= 0 ? '+' : ''}${f3(c.difference)}`;
      lines.push(`| ${c.a} | ${c.b} | ${c.subset} | ${c.questions} | ${delta} | ${formatP(c.p)} |`);
    }
  }
  lines.push(
    '',
    '| ranker | prepare (s) | rank p50 (ms) | rank p95 (ms) | questions with a generated file in the top 10 | questions not about changes with release history in the top 3 |',
    '|---|---|---|---|---|---|',
  );
  for (const t of report.rankers) {
    const generated = `${report.generatedInTop[t.name] ?? 0} of ${report.counts.all}`;
    const history = `${report.historyInTop3[t.name] ?? 0} of ${report.ordinaryQuestions}`;
    lines.push(
      `| ${t.name} | ${t.prepareSeconds.toFixed(2)} | ${t.rankMsMedian.toFixed(2)} | ${t.rankMsP95.toFixed(2)} | ${generated} | ${history} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
