/**
 * Where each planned file stands, read from the phases' stored summaries: who translated it (a transpiler
 * or the agent), whether it still waits, whether validation compared it, and the command that moves it on.
 * `batuta status`, `batuta report` and the partial validation of a project translated file by file say it.
 */
import { type FixWords, say, type Text } from '../fixes.js';
import { AGENT } from './agent.js';
import type { PendingFile, PlanModule, Status } from './types.js';

/** One planned file and what is next for it. */
export interface FileState {
  readonly source: string;
  readonly crate: string;
  /** What converted it: the agent, a transpiler's command, or the planned transpiler before transpile ran. */
  readonly by: string;
  /** waiting | check failed | not transpiled | translated | transpiled | not compared | different | cargo test failed | same behaviour | tests passed */
  readonly state: string;
  /** What to do next, with the command; undefined when nothing is left for this file. */
  readonly next: Text | undefined;
}

type Summary = Record<string, unknown> | null | undefined;

const summaryOf = (status: Status, phase: string): Summary =>
  status.phases.find((p) => p.phase === phase)?.summary;

const listOf = (summary: Summary, key: string): string[] => (summary?.[key] ?? []) as string[];

/** The sources transpile accepted (by a transpiler or the agent) and the ones still pending. */
export function transpiledScope(summary: Summary): { done: string[]; pending: PendingFile[] } {
  return {
    done: [...listOf(summary, 'transpiled'), ...listOf(summary, 'reused'), ...listOf(summary, 'translated')],
    pending: (summary?.['pending'] ?? []) as PendingFile[],
  };
}

/** How validation judged a source it built. */
type Judged = { same: boolean; by: 'cases' | 'tests' } | { by: 'none' };

/**
 * What validation found per source it built: whether its cases behaved the same (a file with a differing
 * case differs); for a library, which no case runs, whether `cargo test` passed; a program no case ran was
 * not compared (`uncompared`).
 */
function validated(summary: Summary): Map<string, Judged> {
  const out = new Map<string, Judged>();
  const cases = (summary?.['cases'] ?? []) as Array<{ source: string; passed: boolean }>;
  for (const c of cases) {
    const before = out.get(c.source);
    out.set(c.source, { same: (before?.by === 'cases' ? before.same : true) && c.passed, by: 'cases' });
  }
  const tests = (summary?.['cargoTest'] as { passed: boolean } | undefined)?.passed ?? false;
  const uncompared = new Set(listOf(summary, 'uncompared'));
  for (const source of listOf(summary, 'scope'))
    if (!out.has(source))
      out.set(source, uncompared.has(source) ? { by: 'none' } : { same: tests, by: 'tests' });
  return out;
}

/** Every planned file's state, in plan order; empty before the plan ran. */
export function fileStates(status: Status): FileState[] {
  const modules = (summaryOf(status, 'plan')?.['modules'] ?? []) as PlanModule[];
  const transpile = summaryOf(status, 'transpile');
  const tools = (transpile?.['tools'] ?? {}) as Record<string, { command: string }>;
  const agent = new Set(listOf(transpile, 'translated'));
  const { done, pending } = transpiledScope(transpile);
  const compared = validated(summaryOf(status, 'validate'));
  const root = status.root;
  const transpileAgain = { kind: 'phase', phase: 'transpile', path: root } as const;
  const validate = { kind: 'phase', phase: 'validate', path: root } as const;
  return modules.map((m): FileState => {
    const waiting = pending.find((p) => p.source === m.path);
    const base = { source: m.path, crate: m.crate };
    if (waiting !== undefined) {
      // A transpile before builds were its acceptance (session 24) stored "cargo check failed".
      const failed = /^cargo (build|check) failed/.test(waiting.reason);
      return {
        ...base,
        by: AGENT,
        state: failed ? 'check failed' : 'waiting',
        next: say`${{ kind: 'translate', path: root, source: m.path, file: waiting.file, ...(waiting.reason === 'translation pending' ? {} : { why: waiting.reason }) }}, then ${transpileAgain}`,
      };
    }
    if (!done.includes(m.path)) {
      return {
        ...base,
        by: `${m.transpiler} (planned)`,
        state: 'not transpiled',
        next: say`${transpileAgain}`,
      };
    }
    // The language's tool is "agent" when the agent did some of its files; the others had the planned one.
    const tool = tools[m.language]?.command;
    const by = agent.has(m.path) ? AGENT : tool !== undefined && tool !== AGENT ? tool : m.transpiler;
    const result = compared.get(m.path);
    if (result === undefined)
      return { ...base, by, state: by === AGENT ? 'translated' : 'transpiled', next: say`${validate}` };
    if (result.by === 'none')
      return {
        ...base,
        by,
        state: 'not compared',
        next: say`no validation case runs it: declare one in batuta.toml ([[validation.cases]] with source = "${m.path}"), then ${validate}`,
      };
    if (result.same)
      return {
        ...base,
        by,
        state: result.by === 'cases' ? 'same behaviour' : 'tests passed',
        next: undefined,
      };
    return {
      ...base,
      by,
      state: result.by === 'cases' ? 'different' : 'cargo test failed',
      next: say`fix its crate ${m.crate} (the validate reason says where), then ${transpileAgain} and ${validate}`,
    };
  });
}

/**
 * One line per file that has something left, in `words`; a count line first; then the dependencies each
 * agent's crate declares beyond the plan, so what the build rests on is in view.
 */
export function fileLines(status: Status, words: FixWords): string[] {
  const states = fileStates(status);
  if (states.length === 0) return [];
  const left = states.filter((s) => s.next !== undefined);
  const head = `files: ${states.length - left.length} of ${states.length} validated`;
  const declared = (summaryOf(status, 'transpile')?.['dependencies'] ?? {}) as Record<string, string[]>;
  return [
    head,
    ...left.map((s) => {
      const next = typeof s.next === 'string' ? s.next : s.next!.words(words);
      return `  ${s.source} [${s.state}, by ${s.by}]: ${next}`;
    }),
    ...Object.entries(declared).map(([source, list]) => `  ${source} declares: ${list.join('; ')}`),
  ];
}
