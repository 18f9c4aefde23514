/**
 * End to end through the built `batuta` binary: a real Python program and a real shell script are
 * analysed, planned, "transpiled" by the fixture's stand-in transpiler (hand-written Rust crates),
 * optimized, validated against python3/bash with strace, and deployed with cargo build --release.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV } from './rust-project.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');
let home: string;
let project: string;

function json(args: string[]): { code: number | null; body: Record<string, unknown>; stderr: string } {
  return runBatutaJson(args, home, RUST_ENV);
}

beforeAll(() => {
  home = tempDir('batuta-migration-e2e-');
  cpSync(FIXTURE, join(home, 'fixture'), { recursive: true });
  project = join(home, 'fixture', 'project');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('batuta migration commands', { timeout: CARGO_TIMEOUT }, () => {
  it('rejects bad input with one line and the right exit code', () => {
    const missing = runBatuta(['analyze'], home);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^batuta analyze: give the project folder/);
    const nowhere = runBatuta(['analyze', join(home, 'nope')], home);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr.trim().split('\n')).toHaveLength(1);
    expect(runBatuta(['transpile', project], home)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`(run "batuta plan ${project}" first)`),
    });
    expect(runBatuta(['optimize', project, '--profile', 'turbo'], home).code).toBe(2);
    expect(runBatuta(['report', project, '--format', 'pdf'], home).code).toBe(2);
    expect(runBatuta(['analyze', project, '--bogus'], home).code).toBe(2);
  });

  it('runs all phases on a Python program, a shell script and a C program', () => {
    const analysis = json(['analyze', project]);
    expect(analysis).toMatchObject({ code: 0 });
    expect(analysis.body['summary']).toMatchObject({
      languages: [
        { language: 'python', files: 2, functions: 3 },
        { language: 'shell', files: 1 },
        { language: 'c', files: 1, functions: 1 },
      ],
      manifests: [{ path: 'requirements.txt', dependencies: ['requests'] }],
    });
    const plan = json(['plan', project]);
    const modules = (plan.body['summary'] as { modules: Array<{ path: string; crate: string }> }).modules;
    expect(modules.map((m) => m.path)).toEqual(['checksum.c', 'count.sh', 'textutil.py', 'wordstats.py']);
    const picks = (plan.body['summary'] as { recommendations: Array<{ component: string; source: string }> })
      .recommendations;
    expect(picks.filter((r) => r.source === 'oracle').map((r) => r.component)).toContain('depyler');
    const planText = runBatuta(['plan', project], home).stdout;
    expect(planText).toContain(
      '  python: ../tools/fake-transpile (configured in batuta.toml [transpilers.python])',
    );
    expect(planText).not.toContain('cargo install depyler');
    expect(json(['transpile', project]).code).toBe(0);
    const optimized = json(['optimize', project]);
    expect(optimized.body['summary']).toMatchObject({ profile: 'balanced', release: { lto: 'thin' } });

    const validation = json(['validate', project]);
    expect(validation).toMatchObject({ code: 0 });
    const summary = validation.body['summary'] as {
      cases: Array<Record<string, unknown>>;
      cargoTest: { passed: boolean };
      strace: string;
    };
    expect(summary.cases.map((c) => [c['name'], c['passed']])).toEqual([
      ['wordstats-sample', true],
      ['wordstats-usage', true],
      ['count-lines', true],
      ['checksum-text', true],
      ['checksum-empty', true],
    ]);
    expect(summary.cases[0]?.['effects']).toMatchObject({
      read: ['./sample.txt'],
      written: { './summary.txt': 5 },
      processes: [],
    });
    expect(summary.cases[2]?.['effects']).toMatchObject({ written: { './count.txt': 2 } });
    expect(summary.cargoTest.passed).toBe(true);
    expect(summary.strace).toMatch(/strace$/);

    const deployed = json(['deploy', project]);
    expect(deployed).toMatchObject({ code: 0 });
    const artifacts = (
      deployed.body['summary'] as { artifacts: Array<{ path: string; bytes: number; sha256: string }> }
    ).artifacts;
    expect(artifacts.map((a) => a.path.split('/').pop())).toEqual(['checksum', 'count', 'wordstats']);
    for (const artifact of artifacts) {
      const bytes = readFileSync(join(project, artifact.path));
      expect(artifact.bytes).toBe(bytes.length);
      expect(artifact.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const status = json(['status', project]);
    expect(status.body['next']).toBeNull();
    expect(runBatuta(['report', project], home).stdout).toMatch(
      /# Migration report[\s\S]*\| deploy \| passed/,
    );
    expect(runBatuta(['report', project, '--format', 'html'], home).stdout).toMatch(
      /<table>[\s\S]*<td>validate<\/td>/,
    );
  });

  it('fails validation on a wrong Rust program and says where', () => {
    const toml = join(project, 'batuta.toml');
    writeFileSync(
      toml,
      readFileSync(toml, 'utf8').replaceAll('"{output}", "rust"]', '"{output}", "rust-wrong"]'),
    );
    expect(json(['transpile', project]).body['summary']).toMatchObject({
      transpiled: ['checksum.c', 'count.sh', 'textutil.py', 'wordstats.py'],
    });
    expect(json(['optimize', project]).code).toBe(0);
    const text = runBatuta(['validate', project], home, RUST_ENV);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('wordstats-sample: stdout line 4: original "dog 3", converted "fox 3"');
    const status = json(['status', project]);
    const phase = (status.body['phases'] as Array<{ phase: string; status: string; reason: string }>)[4]!;
    expect(phase).toMatchObject({
      phase: 'validate',
      status: 'failed',
      reason: expect.stringContaining('stdout line 4'),
    });
    expect(runBatuta(['deploy', project], home)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/validate has failed/),
    });
  });

  it('reset removes the project state', () => {
    expect(runBatuta(['reset', project], home)).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(project, '.batuta'))).toBe(false);
    expect(json(['status', project]).body['next']).toBe('analyze');
  });
});
