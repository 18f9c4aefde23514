/**
 * Readable lines for a phase result, shared by the CLI's text output and the MCP tools' text blocks, so
 * a person and a model read the same summary. Structured callers use the PhaseResult itself.
 */
import type { Analysis, PhaseResult, Plan } from './types.js';

/** "1 file", "3 files": a count with its noun in the right number (regular plurals only). */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** A file waiting for a translation by an agent (see transpile by agent). */
export interface PendingLine {
  readonly source: string;
  readonly file: string;
  readonly reason?: string;
}

type Summary = Record<string, unknown>;
type Complex = { path: string; name: string; line: number; complexity: number };
type CaseResult = {
  name: string;
  passed: boolean;
  differences: string[];
  original: { seconds: number };
  converted: { seconds: number };
};

function analysisLines(s: Summary): string[] {
  const a = s as unknown as Omit<Analysis, 'files'> & { mostComplex?: Complex[] };
  if (!Array.isArray(a.languages)) return [];
  return [
    ...a.languages.map(
      (l) =>
        `${l.language}: ${countOf(l.files, 'file')}, ${countOf(l.lines, 'line')}, ${countOf(l.functions, 'function')}`,
    ),
    ...(a.mostComplex ?? [])
      .slice(0, 5)
      .map((f) => `complexity ${f.complexity}: ${f.path}:${f.line} ${f.name}`),
    ...a.ml.map((m) => `${m.api} (${countOf(m.uses, 'use')}) -> ${m.component}: ${m.replacement}`),
    ...a.manifests.map((m) => `manifest ${m.path}: ${m.dependencies.join(', ') || '(none)'}`),
    ...(a.stackComponents ?? []).map(
      (u) => `stack component ${u.component} (published as ${u.crate}), named ${u.as} in ${u.where}`,
    ),
    `technical-debt grade ${a.debt.grade} (${a.debt.score}/100)`,
    ...a.debt.reasons.map((r) => `  ${r}`),
  ];
}

function planLines(s: Summary): string[] {
  const plan = s as unknown as Plan;
  if (!Array.isArray(plan.modules)) return [];
  return [
    ...plan.modules.map((m) => {
      const crates = m.crates.length ? ` [${m.crates.join(', ')}]` : '';
      const after = m.dependsOn.length ? ` after ${m.dependsOn.join(', ')}` : '';
      return `${m.order}. ${m.path} -> ${m.crate} via ${m.transpiler}${crates}${after}${m.risks.map((r) => `\n   risk: ${r}`).join('')}`;
    }),
    ...plan.recommendations.map((r) => `use ${r.component} (${r.source}): ${r.reason}`),
    ...(plan.notes ?? []).map((note) => `note: ${note}`),
    ...plan.transpilers.map((t) => `${t.language}: ${t.tool} (${t.install})`),
  ];
}

function transpileLines(s: Summary): string[] {
  const list = (key: string): string => ((s[key] ?? []) as string[]).join(', ') || '-';
  const pending = (s['pending'] ?? []) as PendingLine[];
  const count = (key: string): number => ((s[key] ?? []) as string[]).length;
  const byTool = count('transpiled') + count('reused') > 0 || count('translated') + pending.length === 0;
  const lines = byTool ? [`transpiled: ${list('transpiled')}`, `unchanged: ${list('reused')}`] : [];
  if (count('translated') > 0) lines.push(`translated by the agent and checked: ${list('translated')}`);
  for (const p of pending) {
    lines.push(`waiting: ${p.source} -> ${p.file}${p.reason ? ` (${p.reason})` : ''}`);
  }
  return lines;
}

function validateLines(s: Summary): string[] {
  const cases = s['cases'] as CaseResult[] | undefined;
  if (cases === undefined) return [];
  const lines = cases.flatMap((c) => [
    `${c.name}: ${c.passed ? 'same behaviour' : 'DIFFERENT'} (original ${c.original.seconds.toFixed(3)} s, converted ${c.converted.seconds.toFixed(3)} s)`,
    ...c.differences.map((d) => `  ${d}`),
  ]);
  const partial = s['partial'] === true;
  const uncompared = (s['uncompared'] ?? []) as string[];
  if (cases.length === 0) {
    lines.push(
      partial
        ? 'no program compared: no program translated so far has a case, so cargo test alone judged them'
        : uncompared.length > 0
          ? 'no program compared: no validation case runs one, so cargo test alone judged them'
          : 'no program compared: every crate is a library, so cargo test alone judged them',
    );
  }
  if (uncompared.length > 0) {
    lines.push(
      `not compared (no validation case runs them; declare cases in batuta.toml): ${uncompared.join(', ')}`,
    );
  }
  if (partial) {
    const scope = (s['scope'] ?? []) as string[];
    const waiting = (s['waiting'] ?? []) as PendingLine[];
    lines.push(`partial: built, ran and tested the files translated so far: ${scope.join(', ')}`);
    lines.push(
      `not validated yet (waiting for their translation): ${waiting.map((w) => w.source).join(', ')}`,
    );
    const skipped = (s['skipped'] ?? []) as string[];
    if (skipped.length > 0) lines.push(`cases not run (their program waits): ${skipped.join(', ')}`);
  }
  const test = s['cargoTest'] as { passed: boolean; output: string } | undefined;
  if (test !== undefined) {
    const results = [...test.output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)];
    const total = (group: 1 | 2): number => results.reduce((n, m) => n + Number(m[group]), 0);
    lines.push(
      `cargo test: ${test.passed ? 'passed' : 'FAILED'} (${countOf(total(1), 'test')} passed, ${total(2)} failed)`,
    );
  }
  return lines;
}

const LINES: Record<PhaseResult['phase'], (s: Summary) => string[]> = {
  analyze: analysisLines,
  plan: planLines,
  transpile: transpileLines,
  optimize: (s) => [
    `profile ${String(s['profile'])}`,
    ...(
      (s['hotSpots'] ?? []) as Array<{
        path: string;
        line: number;
        name: string;
        backend: string;
        ioCalls?: string[];
      }>
    ).map(
      (h) =>
        `${h.path}:${h.line} ${h.name}: ${h.ioCalls?.length ? `I/O-bound: ${h.backend} (each pass calls ${h.ioCalls.join(', ')})` : h.backend}`,
    ),
  ],
  validate: validateLines,
  deploy: (s) =>
    ((s['artifacts'] ?? []) as Array<{ path: string; bytes: number; sha256: string }>).map(
      (a) => `${a.path} ${a.bytes} bytes sha256 ${a.sha256}`,
    ),
};

/**
 * The details of a phase result, one finding per line. A gate that failed before producing anything
 * (a missing tool, a bad config) has only its reason, so it gets no lines; the caller prints the reason.
 */
export function describePhase(result: PhaseResult): string[] {
  if (result.status === 'failed' && typeof result.summary['code'] === 'string') return [];
  if (result.status === 'failed' && result.phase !== 'validate' && result.phase !== 'transpile') return [];
  return LINES[result.phase](result.summary);
}
