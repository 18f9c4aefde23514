/**
 * End to end through the built `batuta` binary, playing the agent: a small Python program with three
 * validation cases is transpiled by agent; a hand-written correct translation passes validation and a
 * subtly wrong one fails it, naming the case and the first differing line.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV } from './rust-project.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/agent');
let home: string;
let project: string;
let rustFile: string;

function batuta(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return runBatuta(args, home, RUST_ENV);
}

function json(...args: string[]): { code: number | null; body: Record<string, unknown> } {
  return runBatutaJson(args, home, RUST_ENV);
}

beforeAll(() => {
  home = tempDir('batuta-agent-e2e-');
  cpSync(FIXTURE, join(home, 'fixture'), { recursive: true });
  project = join(home, 'fixture', 'project');
  rustFile = join(project, '.batuta/workspace/grades/src/main.rs');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta transpile --by agent', { timeout: CARGO_TIMEOUT }, () => {
  it('names the missing transpiler and the agent alternative, then prepares the crate and brief', () => {
    expect(batuta('analyze', project).code).toBe(0);
    expect(batuta('plan', project).code).toBe(0);
    const missing = runBatuta(['transpile', project], home, { PATH: '/nonexistent' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('python: depyler not found on PATH (install: cargo install depyler)');
    expect(missing.stdout).toContain(`run "batuta transpile ${project} --by agent"`);
    expect(batuta('transpile', project, '--by', 'human')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--by "human" is not known'),
    });
    const waiting = json('transpile', project, '--by', 'agent');
    expect(waiting.code).toBe(1);
    expect(waiting.body['pending']).toEqual([
      {
        source: 'grades.py',
        crate: 'grades',
        file: '.batuta/workspace/grades/src/main.rs',
        reason: 'translation pending',
      },
    ]);
    expect(readFileSync(rustFile, 'utf8')).toMatch(/^\/\/ batuta: translation pending/);
    const brief = readFileSync(join(project, '.batuta/workspace/grades/TRANSLATE.md'), 'utf8');
    for (const expected of [
      '`sample`: args ["scores.csv"]',
      '`bad-line`',
      'def parse(lines):',
      'function `main`',
    ]) {
      expect(brief).toContain(expected);
    }
    expect(batuta('report', project).stdout).toContain(
      `| 1 | grades.py | agent | grades | waiting | write .batuta/workspace/grades/src/main.rs (brief: its crate's TRANSLATE.md), then run "batuta transpile ${project}" | - |`,
    );
    const again = batuta('transpile', project);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('waiting: grades.py -> .batuta/workspace/grades/src/main.rs');
  });

  it('keeps a translation that does not compile waiting, with the diagnostics in the log', () => {
    const code = readFileSync(join(FIXTURE, 'translations/grades.rs'), 'utf8');
    writeFileSync(rustFile, code.replace('total += sum;', 'total += summ;'));
    const result = json('transpile', project);
    expect(result.code).toBe(1);
    expect(result.body['pending']).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/^cargo build failed: src\/main\.rs:\d+: cannot find value `summ`/),
      }),
    ]);
    expect(readFileSync(join(project, '.batuta/logs/check-grades.log'), 'utf8')).toContain('error[E0425]');
  });

  it('accepts a correct translation, which then passes validation', () => {
    cpSync(join(FIXTURE, 'translations/grades.rs'), rustFile);
    const transpiled = batuta('transpile', project);
    expect(transpiled).toMatchObject({ code: 0 });
    expect(transpiled.stdout).toContain('translated by the agent and checked: grades.py');
    expect(batuta('optimize', project).code).toBe(0);
    const validated = json('validate', project);
    expect(validated.code).toBe(0);
    const cases = (validated.body['summary'] as { cases: Array<{ name: string; passed: boolean }> }).cases;
    expect(cases.map((c) => [c.name, c.passed])).toEqual([
      ['sample', true],
      ['bad-line', true],
      ['empty', true],
    ]);
  });

  it('fails validation on a subtly wrong translation, naming the case and the first differing line', () => {
    cpSync(join(FIXTURE, 'translations/grades-wrong.rs'), rustFile);
    expect(batuta('transpile', project).code).toBe(0);
    expect(batuta('optimize', project).code).toBe(0);
    const validated = batuta('validate', project);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(
      'validate: failed: 1 difference; first: sample: stdout line 4: original "class mean: 7.33", converted "class mean: 6.83"',
    );
    expect(validated.stdout).toMatch(/bad-line: same behaviour/);
  });

  it('sends the file back to waiting when its source changes', () => {
    writeFileSync(
      join(project, 'grades.py'),
      `${readFileSync(join(project, 'grades.py'), 'utf8')}# edited\n`,
    );
    const result = json('transpile', project);
    expect(result.code).toBe(1);
    expect(result.body['pending']).toEqual([
      expect.objectContaining({ reason: 'the source changed since its translation was written' }),
    ]);
    expect(readFileSync(rustFile, 'utf8')).toContain('fn parse(text: &str)');
  });
});
