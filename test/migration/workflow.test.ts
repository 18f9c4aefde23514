import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rustLoops } from '../../src/migration/optimize.js';
import { resetProject } from '../../src/migration/reset.js';
import { getStatus, parsePhase, runPhase } from '../../src/migration/workflow.js';
import { MigrationState } from '../../src/store/migration-state.js';
import { tempDir } from '../temp-dirs.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');
const searchPath = process.env['PATH'] ?? '';
let base: string;
let project: string;

beforeEach(() => {
  base = tempDir('batuta-workflow-');
  cpSync(FIXTURE, base, { recursive: true });
  project = join(base, 'project');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

async function through(phase: 'plan' | 'transpile'): Promise<void> {
  for (const p of ['analyze', 'plan', 'transpile'] as const) {
    expect((await runPhase(project, p, { searchPath })).status).toBe('passed');
    if (p === phase) return;
  }
}

describe('phase order and input', () => {
  it('refuses a phase whose predecessor has not passed, naming the command on the path given', async () => {
    await expect(runPhase(project, 'transpile', { searchPath })).rejects.toMatchObject({
      code: 'PHASE_GATE',
      message: expect.stringContaining(`(run "batuta plan ${project}" first)`),
    });
    const spaced = join(base, "it's here");
    cpSync(project, spaced, { recursive: true });
    await expect(runPhase(spaced, 'plan')).rejects.toMatchObject({
      message: expect.stringContaining(`(run "batuta analyze '${base}/it'\\''s here'" first)`),
    });
    await runPhase(project, 'analyze');
    await expect(runPhase(project, 'optimize')).rejects.toMatchObject({ code: 'PHASE_GATE' });
  });

  it('says so when no search path was given and a bare program name is not found', async () => {
    writeFileSync(join(project, 'batuta.toml'), '');
    await through('plan');
    const result = await runPhase(project, 'transpile');
    expect(result.reason).toMatch(/no search path was given/);
  });

  it('rejects unknown phases, missing paths and files', async () => {
    expect(() => parsePhase('compile')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    await expect(runPhase(join(base, 'nope'), 'analyze')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runPhase(join(project, 'count.sh'), 'analyze')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('rerunning a phase sends every later phase back to pending', async () => {
    await through('plan');
    await runPhase(project, 'analyze');
    const status = getStatus(project);
    expect(status.phases.map((p) => p.status)).toEqual([
      'passed',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(status.next).toBe('plan');
  });
});

describe('transpile', () => {
  it('names every missing transpiler at once with its install command, writing nothing', async () => {
    writeFileSync(join(project, 'batuta.toml'), '');
    await through('plan');
    const result = await runPhase(project, 'transpile', { searchPath: '/nonexistent' });
    expect(result.status).toBe('failed');
    // Said once, after the phase's name: not "transpile: failed: transpile: no usable transpiler".
    expect(result.reason).toMatch(/^no usable transpiler: \w+: /);
    expect(result.reason).toContain('python: depyler not found on PATH (install: cargo install depyler)');
    expect(result.reason).toContain(
      'shell: bashrs or ruchy not found on PATH (install: cargo install bashrs)',
    );
    expect(result.reason).toContain('c: decy not found on PATH (install: cargo install decy)');
    expect(result.summary).toMatchObject({ code: 'TOOL_MISSING' });
    expect(existsSync(join(project, '.batuta/workspace'))).toBe(false);
    expect(getStatus(project).phases[2]).toMatchObject({ status: 'failed', reason: result.reason });
  });

  it('reruns only files whose content changed', async () => {
    await through('transpile');
    const again = await runPhase(project, 'transpile', { searchPath });
    expect(again.summary).toMatchObject({
      transpiled: [],
      reused: ['checksum.c', 'count.sh', 'textutil.py', 'wordstats.py'],
    });
    writeFileSync(
      join(project, 'textutil.py'),
      `${readFileSync(join(project, 'textutil.py'), 'utf8')}\n# edited\n`,
    );
    const third = await runPhase(project, 'transpile', { searchPath });
    expect(third.summary).toMatchObject({
      transpiled: ['textutil.py'],
      reused: ['checksum.c', 'count.sh', 'wordstats.py'],
    });
  });

  it('clears staging folders left by a killed run', async () => {
    await through('plan');
    mkdirSync(join(project, '.batuta/staging-dead/wordstats/src'), { recursive: true });
    expect((await runPhase(project, 'transpile', { searchPath })).status).toBe('passed');
    expect(existsSync(join(project, '.batuta/staging-dead'))).toBe(false);
  });

  it('stops at a transpiler failure and leaves no half-written crate', async () => {
    rmSync(join(base, 'rust', 'wordstats'), { recursive: true });
    await through('plan');
    const result = await runPhase(project, 'transpile', { searchPath });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/wordstats\.py \(exit 3\).*transpile-wordstats\.log/);
    const left = readdirSync(join(project, '.batuta/workspace'));
    expect(left).not.toContain('wordstats');
    expect(readdirSync(join(project, '.batuta')).filter((n) => n.startsWith('staging-'))).toEqual([]);
  });

  it('reports progress per file and stops when cancelled', async () => {
    await through('plan');
    const seen: string[] = [];
    await runPhase(project, 'transpile', {
      searchPath,
      onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.message}`),
    });
    expect(seen).toEqual(['1/4 checksum.c', '2/4 count.sh', '3/4 textutil.py', '4/4 wordstats.py']);
    const controller = new AbortController();
    controller.abort();
    await expect(
      runPhase(project, 'transpile', { searchPath, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(getStatus(project).phases[2]).toMatchObject({ status: 'failed', reason: 'cancelled' });
  });

  it('checks the configured transpiler version', async () => {
    const toml = readFileSync(join(project, 'batuta.toml'), 'utf8').replace(
      'version = "1.0"',
      'version = "9.9"',
    );
    writeFileSync(join(project, 'batuta.toml'), toml);
    await through('plan');
    const result = await runPhase(project, 'transpile', { searchPath });
    expect(result).toMatchObject({ status: 'failed', summary: { code: 'TOOL_MISSING' } });
  });

  it('reports a bad batuta.toml field by name, from the plan on', async () => {
    writeFileSync(join(project, 'batuta.toml'), '[transpilers.python]\nargs = 3\n');
    await runPhase(project, 'analyze');
    const result = await runPhase(project, 'plan', { searchPath });
    expect(result.reason).toMatch(/transpilers\.python\.command/);
  });
});

describe('plan', () => {
  it('names the transpiler batuta.toml configures, not the default', async () => {
    await through('plan');
    const plan = JSON.parse(readFileSync(join(project, '.batuta/plan.json'), 'utf8')) as {
      modules: Array<{ path: string; transpiler: string }>;
      transpilers: Array<{ language: string; tool: string; install: string }>;
    };
    expect(plan.modules.map((m) => m.transpiler)).toEqual(Array(4).fill('../tools/fake-transpile'));
    expect(plan.transpilers).toContainEqual({
      language: 'python',
      tool: '../tools/fake-transpile',
      install: 'configured in batuta.toml [transpilers.python]',
    });
  });
  it('refuses a plan an earlier batuta wrote (no unresolved imports per file), naming the command that remakes it', async () => {
    await through('plan');
    const path = join(project, '.batuta/plan.json');
    const plan = JSON.parse(readFileSync(path, 'utf8')) as { modules: Array<Record<string, unknown>> };
    for (const module of plan.modules) delete module['unresolved'];
    writeFileSync(path, JSON.stringify(plan));
    const result = await runPhase(project, 'transpile', { searchPath });
    expect(result.status).toBe('failed');
    expect(result.summary['code']).toBe('INVALID_DATA');
    expect(result.reason).toContain(`written by an earlier batuta (run "batuta plan ${project}" again`);
  });
});

describe('optimize', () => {
  it('writes the chosen release profile into the workspace manifest', async () => {
    await through('transpile');
    const result = await runPhase(project, 'optimize', { profile: 'aggressive' });
    expect(result.status).toBe('passed');
    const manifest = readFileSync(join(project, '.batuta/workspace/Cargo.toml'), 'utf8');
    expect(manifest).toMatch(
      /\[profile\.release\][\s\S]*lto = "fat"[\s\S]*codegen-units = 1[\s\S]*panic = "abort"/,
    );
    expect(manifest).toMatch(/members = \[\s*"checksum",\s*"count",\s*"textutil",\s*"wordstats",/);
    const spots = result.summary['hotSpots'] as Array<{ path: string; name: string; backend: string }>;
    expect(spots.map((s) => s.name)).toContain('tokenize');
  });

  it('finds loop nests in Rust source', () => {
    const rust =
      'fn f() {\n  for i in 0..n {\n    // for comment\n    while x { y(); }\n  }\n  let s = "for";\n}\n';
    expect(rustLoops(rust)).toEqual([
      { line: 2, depth: 1, io: [] },
      { line: 4, depth: 2, io: [] },
    ]);
  });

  it('does not read the `for` of a trait impl or a higher-ranked bound as a loop', () => {
    // aptsources' deb822 translation: a loop in `impl fmt::Display for Section` was advised SIMD as a loop nest.
    const rust = [
      'impl fmt::Display for Section {',
      '  fn fmt(&self) {',
      '    for t in &self.tags {}',
      '  }',
      '}',
      'impl<T> From<T>',
      "  for Wrap<T> where for<'a> &'a T: Copy {",
      '  fn from(t: T) -> Self { loop {} }',
      '}',
    ].join('\n');
    expect(rustLoops(rust)).toEqual([
      { line: 3, depth: 1, io: [] },
      { line: 8, depth: 1, io: [] },
    ]);
  });
});

describe('validate', () => {
  it('names a validation case whose input file is missing, before building anything', async () => {
    await through('transpile');
    await runPhase(project, 'optimize');
    rmSync(join(project, 'sample.txt'));
    const result = await runPhase(project, 'validate', { searchPath });
    expect(result).toMatchObject({ status: 'failed', summary: { code: 'INVALID_DATA' } });
    expect(result.reason).toMatch(/case "wordstats-sample" lists file "sample\.txt"/);
    expect(existsSync(join(project, '.batuta/workspace/target'))).toBe(false);
  });
});

describe('state', () => {
  it('gives a second run a busy error while a live process holds the lock, and takes over a dead one', async () => {
    await runPhase(project, 'analyze');
    const holder = spawn('sleep', ['30']);
    const db = new Database(join(project, '.batuta/state.db'));
    try {
      db.prepare("INSERT OR REPLACE INTO lock (id, pid, phase, since) VALUES (1, ?, 'transpile', 'now')").run(
        holder.pid,
      );
      await expect(runPhase(project, 'plan')).rejects.toMatchObject({
        code: 'IO',
        message: expect.stringMatching(/busy/),
      });
      expect(() => resetProject(project)).toThrow(expect.objectContaining({ code: 'IO' }));
      holder.kill();
      await new Promise((done) => holder.once('exit', done));
      expect((await runPhase(project, 'plan')).status).toBe('passed');
    } finally {
      holder.kill();
      db.close();
    }
  });

  it('shows a phase left running by a crashed process as interrupted', async () => {
    await runPhase(project, 'analyze');
    const state = MigrationState.open(project, false)!;
    state.start('plan', []);
    state.close();
    expect(getStatus(project).phases[1]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/interrupted/),
    });
  });

  it('reports a state row that does not read back as damaged state', async () => {
    await runPhase(project, 'analyze');
    const db = new Database(join(project, '.batuta/state.db'));
    db.prepare("UPDATE phases SET summary = '{not json' WHERE name = 'analyze'").run();
    db.close();
    expect(() => getStatus(project)).toThrow(expect.objectContaining({ code: 'CORRUPT_STORE' }));
  });

  it('reports a damaged state database and lets reset clear it', async () => {
    await runPhase(project, 'analyze');
    writeFileSync(join(project, '.batuta/state.db'), 'this is not sqlite at all, just text'.repeat(100));
    rmSync(join(project, '.batuta/state.db-wal'), { force: true });
    rmSync(join(project, '.batuta/state.db-shm'), { force: true });
    expect(() => getStatus(project)).toThrow(expect.objectContaining({ code: 'CORRUPT_STORE' }));
    await expect(runPhase(project, 'analyze')).rejects.toMatchObject({ code: 'CORRUPT_STORE' });
    expect(resetProject(project)).toMatchObject({ removed: true });
    expect((await runPhase(project, 'analyze')).status).toBe('passed');
  });
});
