/**
 * Renders a project's migration status as Markdown or HTML for people (JSON callers use the Status
 * value itself). Both come from one list of sections: phases, analysis headline, files, validation.
 */
import { countOf } from './describe.js';
import { fileStates } from './file-states.js';
import type { Status } from './types.js';

interface Section {
  readonly title: string;
  readonly items?: readonly string[];
  readonly table?: { readonly head: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> };
}

function summaryOf(status: Status, phase: string): Record<string, unknown> | undefined {
  return status.phases.find((p) => p.phase === phase)?.summary ?? undefined;
}

function analysisSection(status: Status): Section[] {
  const summary = summaryOf(status, 'analyze');
  if (!summary) return [];
  const languages = (summary['languages'] ?? []) as Array<{ language: string; files: number; lines: number }>;
  const debt = summary['debt'] as { grade: string; score: number; reasons: string[] } | undefined;
  const ml = (summary['ml'] ?? []) as Array<{ api: string; component: string; replacement: string }>;
  const items = [
    ...languages.map((l) => `${l.language}: ${countOf(l.files, 'file')}, ${l.lines} lines`),
    ...(debt ? [`technical-debt grade ${debt.grade} (${debt.score}/100)`, ...debt.reasons] : []),
    ...ml.slice(0, 20).map((m) => `${m.api} → ${m.component}: ${m.replacement}`),
  ];
  return [{ title: 'Analysis', items }];
}

/**
 * The plan's files with who translated each (the agent, a transpiler, or the one planned before transpile
 * ran), where each stands and what is next for it.
 */
function filesSection(status: Status): Section[] {
  const modules = (summaryOf(status, 'plan')?.['modules'] ?? []) as Array<{ path: string; risks: string[] }>;
  const states = fileStates(status);
  if (states.length === 0) return [];
  const rows = states.map((f, i) => [
    String(i + 1),
    f.source,
    f.by,
    f.crate,
    f.state,
    f.next === undefined ? '-' : String(f.next),
    modules[i]?.risks.join('; ') || '-',
  ]);
  const head = ['#', 'file', 'translated by', 'crate', 'state', 'next', 'risks'];
  return [{ title: 'Files', table: { head, rows } }];
}

function validationSection(status: Status): Section[] {
  const cases = (summaryOf(status, 'validate')?.['cases'] ?? []) as Array<{
    name: string;
    passed: boolean;
    differences: string[];
  }>;
  if (cases.length === 0) return [];
  return [
    {
      title: 'Validation',
      items: cases.map((c) => `${c.name}: ${c.passed ? 'same behaviour' : c.differences.join('; ')}`),
    },
  ];
}

function sections(status: Status): Section[] {
  const rows = status.phases.map((p) => [p.phase, p.status, p.finishedAt ?? '-', p.reason ?? '-']);
  return [
    { title: 'Phases', items: [`next phase: ${status.next ?? 'none (all phases passed)'}`] },
    { title: '', table: { head: ['phase', 'status', 'finished', 'reason'], rows } },
    ...analysisSection(status),
    ...filesSection(status),
    ...validationSection(status),
  ];
}

/** The report as Markdown. */
export function renderMarkdown(status: Status): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const out = [`# Migration report: ${status.root}`, ''];
  for (const section of sections(status)) {
    if (section.title !== '') out.push(`## ${section.title}`, '');
    if (section.items) out.push(...section.items.map((item) => `- ${item}`), '');
    if (section.table) {
      out.push(`| ${section.table.head.join(' | ')} |`, `|${section.table.head.map(() => '---|').join('')}`);
      out.push(...section.table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`), '');
    }
  }
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The report as a standalone HTML page. */
export function renderHtml(status: Status): string {
  const out = [`<h1>Migration report: ${escapeHtml(status.root)}</h1>`];
  for (const section of sections(status)) {
    if (section.title !== '') out.push(`<h2>${escapeHtml(section.title)}</h2>`);
    if (section.items) out.push(`<ul>${section.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    if (section.table) {
      const head = section.table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const rows = section.table.rows.map(
        (r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
      );
      out.push(`<table><tr>${head}</tr>${rows.join('')}</table>`);
    }
  }
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>batuta migration report</title></head><body>\n${out.join('\n')}\n</body></html>\n`;
}
