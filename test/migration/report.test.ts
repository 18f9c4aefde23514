import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from '../../src/migration/report.js';
import { PHASES, type Status } from '../../src/migration/types.js';

const STATUS: Status = {
  root: '/work/app',
  next: 'validate',
  phases: PHASES.map((phase, i) => ({
    phase,
    status: i < 4 ? 'passed' : i === 4 ? 'failed' : 'pending',
    startedAt: null,
    finishedAt: i < 5 ? '2026-11-25T10:00:00.000Z' : null,
    reason: i === 4 ? 'case a: stdout line 2: original "x|y", converted "<z>"' : null,
    artifacts: [],
    summary:
      phase === 'plan'
        ? { modules: [{ order: 1, path: 'a.py', transpiler: 'depyler', crate: 'a', risks: [] }] }
        : phase === 'transpile'
          ? { translated: ['a.py'], pending: [], tools: { python: { command: 'agent' } } }
          : phase === 'validate'
            ? { cases: [{ name: 'a', source: 'a.py', passed: false, differences: ['stdout line 2'] }] }
            : null,
  })),
};

describe('migration report', () => {
  it('counts the files of a language in the singular when there is one', () => {
    const analyzed: Status = {
      ...STATUS,
      phases: STATUS.phases.map((p) =>
        p.phase === 'analyze'
          ? {
              ...p,
              summary: {
                languages: [
                  { language: 'c', files: 1, lines: 41 },
                  { language: 'shell', files: 2, lines: 9 },
                ],
              },
            }
          : p,
      ),
    };
    const md = renderMarkdown(analyzed);
    expect(md).toContain('- c: 1 file, 41 lines\n');
    expect(md).toContain('- shell: 2 files, 9 lines\n');
  });

  it('renders phases, plan and validation as Markdown with escaped table cells', () => {
    const md = renderMarkdown(STATUS);
    expect(md).toContain('# Migration report: /work/app');
    expect(md).toContain(
      '| validate | failed | 2026-11-25T10:00:00.000Z | case a: stdout line 2: original "x\\|y", converted "<z>" |',
    );
    expect(md).toContain('| # | file | translated by | crate | state | next | risks |');
    expect(md).toContain(
      '| 1 | a.py | agent | a | different | fix its crate a (the validate reason says where), then run "batuta transpile /work/app" and run "batuta validate /work/app" | - |',
    );
    expect(md).toContain('- a: stdout line 2');
  });

  it('renders the same content as escaped HTML', () => {
    const html = renderHtml(STATUS);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(
      '<td>case a: stdout line 2: original &quot;x|y&quot;, converted &quot;&lt;z&gt;&quot;</td>',
    );
    expect(html).toContain('<ul><li>a: stdout line 2</li></ul>');
    expect(html).not.toContain('<z>');
  });
});
