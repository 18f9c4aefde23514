/**
 * The stack's 2026 crate names (aprender-serve for realizar, aprender-compute for trueno …) through
 * the built CLI: every lookup accepts either name, and answers say what a component is published as.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const run = promisify(execFile);
const CACHE = tempDir('batuta-names-cache-');

async function batuta(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, XDG_CACHE_HOME: CACHE };
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('batuta oracle with the 2026 crate names (built CLI)', () => {
  it('--show aprender-serve shows realizar and what it is published as', async () => {
    const text = await batuta('oracle', '--show', 'aprender-serve');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/realizar/i);
    expect(text.stdout).toContain('aprender-serve');
    const json = await batuta('oracle', '--show', 'aprender-serve', '--json');
    const shown = JSON.parse(json.stdout);
    expect(shown.component.name).toBe('realizar');
    expect(shown.component.published.crate).toBe('aprender-serve');
    expect(shown.component.published.repository).toMatch(/aprender/);
    expect(shown.component.published.since).toMatch(/^2026/);
  });

  it('resolves new names in --capabilities, --capability results and --integrations', async () => {
    const caps = await batuta('oracle', '--capabilities', 'aprender-compute', '--json');
    expect(caps.code).toBe(0);
    expect(JSON.parse(caps.stdout).component).toBe('trueno');
    const path = await batuta('oracle', '--integrations', 'aprender-train -> aprender-serve', '--json');
    expect(path.code).toBe(0);
    const route = JSON.parse(path.stdout);
    expect([route.from, route.to]).toEqual(['entrenar', 'realizar']);
  });

  it('still knows the old crate names and says what they are now', async () => {
    const old = await batuta('oracle', '--show', 'trueno', '--json');
    expect(JSON.parse(old.stdout).component.published.crate).toBe('aprender-compute');
    const unchanged = await batuta('oracle', '--show', 'depyler', '--json');
    expect(JSON.parse(unchanged.stdout).component.published.crate).toBe('depyler');
  });

  it('understands questions that use the new names', async () => {
    const out = await batuta('oracle', '--json', 'what does aprender-serve do?');
    const r = JSON.parse(out.stdout);
    expect(r.problem.components).toEqual(['realizar']);
    expect(r.primary.component).toBe('realizar');
    expect(r.primary.published.crate).toBe('aprender-serve');
    const both = JSON.parse(
      (await batuta('oracle', '--json', 'fine-tune llama on our tickets and serve it')).stdout,
    );
    const entrenar = both.supporting.find((s: { component: string }) => s.component === 'entrenar');
    expect(entrenar?.published?.crate).toBe('aprender-train');
    const text = await batuta('oracle', 'run a job on three machines with aprender-distribute');
    expect(text.stdout).toContain('repartir');
    expect(text.stdout).toContain('aprender-distribute');
  });

  it('an unknown name is still one line with exit 1', async () => {
    const out = await batuta('oracle', '--show', 'aprender-nothing');
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});
