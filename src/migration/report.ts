/**
 * Renders a project's migration status as Markdown or HTML for people (JSON callers use the Status
 * value itself). The same sections in both: phases, analysis headline, plan, validation differences.
 */
import type { Status } from './types.js';

function analysisLines(status: Status): string[] {
  const summary = status.phases.find((p) => p.phase === 'analyze')?.summary;
  if (!summary) return [];
  const languages = (summary['languages'] ?? []) as Array<{ language: string; files: number; lines: number }>;
  const debt = summary['debt'] as { grade: string; score: number; reasons: string[] } | undefined;
  const ml = (summary['ml'] ?? []) as Array<{ api: string; component: string; replacement: string }>;
  return [
    '## Analysis',
    ...languages.map((l) => `- ${l.language}: ${l.files} files, ${l.lines} lines`),
    ...(debt
      ? [`- technical-debt grade ${debt.grade} (${debt.score}/100)`, ...debt.reasons.map((r) => `  - ${r}`)]
      : []),
    ...ml.slice(0, 20).map((m) => `- \`${m.api}\` → ${m.component}: ${m.replacement}`),
    '',
  ];
}

function detailLines(status: Status): string[] {
  const out: string[] = [];
  const plan = status.phases.find((p) => p.phase === 'plan')?.summary;
  const modules = (plan?.['modules'] ?? []) as Array<{
    order: number;
    path: string;
    transpiler: string;
    crate: string;
    risks: string[];
  }>;
  if (modules.length > 0) {
    out.push('## Plan', '| # | file | transpiler | crate | risks |', '|---|---|---|---|---|');
    for (const m of modules)
      out.push(`| ${m.order} | ${m.path} | ${m.transpiler} | ${m.crate} | ${m.risks.join('; ') || '-'} |`);
    out.push('');
  }
  const validation = status.phases.find((p) => p.phase === 'validate')?.summary;
  const cases = (validation?.['cases'] ?? []) as Array<{
    name: string;
    passed: boolean;
    differences: string[];
  }>;
  if (cases.length > 0) {
    out.push('## Validation');
    for (const c of cases) out.push(`- ${c.name}: ${c.passed ? 'same behaviour' : c.differences.join('; ')}`);
    out.push('');
  }
  return out;
}

/** The report as Markdown. */
export function renderMarkdown(status: Status): string {
  const rows = status.phases.map(
    (p) =>
      `| ${p.phase} | ${p.status} | ${p.finishedAt ?? '-'} | ${(p.reason ?? '').replaceAll('|', '\\|') || '-'} |`,
  );
  return [
    `# Migration report: ${status.root}`,
    '',
    `Next phase: ${status.next ?? 'none (all phases passed)'}`,
    '',
    '| phase | status | finished | reason |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...analysisLines(status),
    ...detailLines(status),
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The report as a standalone HTML page (Markdown lines turned into simple elements). */
export function renderHtml(status: Status): string {
  const body = renderMarkdown(status)
    .split('\n')
    .filter((line) => !/^\|---/.test(line))
    .map((line) => {
      const text = escapeHtml(line);
      if (line.startsWith('# ')) return `<h1>${text.slice(2)}</h1>`;
      if (line.startsWith('## ')) return `<h2>${text.slice(3)}</h2>`;
      if (line.startsWith('|'))
        return `<tr>${line
          .slice(1, -1)
          .split(' | ')
          .map((c) => `<td>${escapeHtml(c.trim())}</td>`)
          .join('')}</tr>`;
      if (line.trimStart().startsWith('- ')) return `<li>${text.trimStart().slice(2)}</li>`;
      return line === '' ? '' : `<p>${text}</p>`;
    })
    .join('\n')
    .replace(/(<tr>[\s\S]*?<\/tr>)(?!\n<tr>)/g, '$1</table>')
    .replace(/(?<!<\/tr>\n)<tr>/g, '<table><tr>');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>batuta migration report</title></head><body>\n${body}\n</body></html>\n`;
}
