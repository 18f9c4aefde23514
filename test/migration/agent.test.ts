/**
 * The agent as a transpiler, in process with real cargo: a mixed project (the stand-in transpiler for C
 * and shell, the agent for Python), briefs, acceptance by cargo build (compile and link), stale sources,
 * refusals.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitTranslation } from '../../src/migration/submit.js';
import type { PhaseResult } from '../../src/migration/types.js';
import { runPhase } from '../../src/migration/workflow.js';
import { tempDir } from '../temp-dirs.js';

/** cargo builds slow down a lot on a shared machine; a test is not meant to race the clock. */
const CARGO_TIMEOUT = 600_000;

const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');
const searchPath = process.env['PATH'] ?? '';
const WS = '.batuta/workspace';
let base: string;
let project: string;

async function transpile(by?: 'agent' | 'transpiler'): Promise<PhaseResult> {
  return runPhase(project, 'transpile', {
    searchPath,
    ...(by === undefined ? {} : { by }),
    recipes: (component) => [{ id: `${component}-recipe`, problem: 'an example', code: 'fn example() {}' }],
  });
}

beforeAll(async () => {
  base = tempDir('batuta-agent-');
  cpSync(FIXTURE, base, { recursive: true });
  project = join(base, 'project');
  const toml = join(project, 'batuta.toml');
  writeFileSync(
    toml,
    readFileSync(toml, 'utf8').replace(
      '[transpilers.python]\ncommand = "../tools/fake-transpile"\nargs = ["{input}", "{output}", "rust"]\nversion = "1.0"',
      '[transpilers.python]\ncommand = "agent"',
    ),
  );
  await runPhase(project, 'analyze');
  await runPhase(project, 'plan');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('transpile by agent in a mixed project', { timeout: CARGO_TIMEOUT }, () => {
  it('runs the transpiler for C and shell and leaves the Python files waiting with their briefs', async () => {
    const plan = JSON.parse(readFileSync(join(project, '.batuta/plan.json'), 'utf8')) as {
      transpilers: Array<{ language: string; tool: string }>;
    };
    expect(plan.transpilers.find((t) => t.language === 'python')?.tool).toBe('agent');
    const result = await transpile();
    expect(result.status).toBe('failed');
    expect(result.summary).toMatchObject({ transpiled: ['checksum.c', 'count.sh'], translated: [] });
    expect(result.pending).toEqual([
      {
        source: 'textutil.py',
        crate: 'textutil',
        file: `${WS}/textutil/src/lib.rs`,
        reason: 'translation pending',
      },
      {
        source: 'wordstats.py',
        crate: 'wordstats',
        file: `${WS}/wordstats/src/main.rs`,
        reason: 'translation pending',
      },
    ]);
    expect(result.reason).toMatch(/^2 files waiting for an agent's translation: /);
    const manifest = readFileSync(join(project, WS, 'wordstats/Cargo.toml'), 'utf8');
    expect(manifest).toContain('textutil = { path = "../textutil" }');
    const brief = readFileSync(join(project, WS, 'wordstats/TRANSLATE.md'), 'utf8');
    expect(brief).toContain('# Translate wordstats.py to Rust');
    expect(brief).toContain(
      '`wordstats-sample`: args ["sample.txt"]; files sample.txt copied into the run folder',
    );
    expect(brief).toContain('`textutil` (from textutil.py, `use textutil::…`)');
    expect(brief).toContain('def main(argv):');
    expect(brief).toContain(`run \`batuta transpile ${project}\` again`);
  });

  it('keeps waiting without a translation, then accepts translations that pass cargo build', async () => {
    expect((await transpile()).pending?.map((p) => p.source)).toEqual(['textutil.py', 'wordstats.py']);
    cpSync(join(base, 'rust/textutil/src/lib.rs'), join(project, WS, 'textutil/src/lib.rs'));
    const broken = readFileSync(join(base, 'rust/wordstats/src/main.rs'), 'utf8').replace(
      'words.len()',
      'wordz.len()',
    );
    writeFileSync(join(project, WS, 'wordstats/src/main.rs'), broken);
    const half = await transpile();
    expect(half.summary).toMatchObject({ translated: ['textutil.py'], reused: ['checksum.c', 'count.sh'] });
    expect(half.pending).toEqual([
      expect.objectContaining({
        source: 'wordstats.py',
        reason: expect.stringMatching(/^cargo build failed: src\/main\.rs:\d+: cannot find value `wordz`/),
      }),
    ]);
    expect(readFileSync(join(project, '.batuta/logs/check-wordstats.log'), 'utf8')).toContain('error[E0425]');
    // It compiles but calls a C function no library defines: the acceptance links, as a submission does.
    const unlinked = readFileSync(join(base, 'rust/wordstats/src/main.rs'), 'utf8').replace(
      'fn main() -> ExitCode {',
      'extern "C" {\n    fn batuta_nowhere() -> i32;\n}\n\nfn main() -> ExitCode {\n    let _ = unsafe { batuta_nowhere() };',
    );
    writeFileSync(join(project, WS, 'wordstats/src/main.rs'), unlinked);
    expect((await transpile()).pending).toEqual([
      expect.objectContaining({
        source: 'wordstats.py',
        reason: expect.stringMatching(
          /^cargo build failed: the linker found no definition of batuta_nowhere \(link the library/,
        ),
      }),
    ]);
    cpSync(join(base, 'rust/wordstats/src/main.rs'), join(project, WS, 'wordstats/src/main.rs'));
    const done = await transpile();
    expect(done.status).toBe('passed');
    expect(done.summary).toMatchObject({ translated: ['textutil.py', 'wordstats.py'] });
    expect(done.pending).toBeUndefined();
    // Unchanged crates are not built again: the program cargo linked stays as it was.
    const program = join(project, WS, 'target/debug/wordstats');
    const linked = statSync(program).mtimeMs;
    expect((await transpile()).status).toBe('passed');
    expect(statSync(program).mtimeMs).toBe(linked);
  });

  it('puts the marker back above the kept code when the source changes', async () => {
    const source = join(project, 'textutil.py');
    writeFileSync(source, `${readFileSync(source, 'utf8')}\n# edited\n`);
    const result = await transpile();
    expect(result.pending).toEqual([
      expect.objectContaining({
        source: 'textutil.py',
        reason: 'the source changed since its translation was written',
      }),
    ]);
    const code = readFileSync(join(project, WS, 'textutil/src/lib.rs'), 'utf8');
    expect(code.split('\n')[0]).toMatch(/^\/\/ batuta: translation pending: textutil\.py changed since/);
    expect(code).toContain('pub fn top_counts');
    expect(readFileSync(join(project, WS, 'textutil/TRANSLATE.md'), 'utf8')).toContain('**Update needed:**');
  });

  it('takes a submission for its crate only and refuses the rest with a clear error', async () => {
    const lib = readFileSync(join(base, 'rust/textutil/src/lib.rs'), 'utf8');
    const done = await submitTranslation(project, 'textutil.py', lib, { searchPath });
    expect(done).toMatchObject({ passed: true, file: `${WS}/textutil/src/lib.rs`, waiting: [] });
    const failed = await submitTranslation(project, './textutil.py', `${lib}\nfn broken( {}\n`, {
      searchPath,
    });
    expect(failed.passed).toBe(false);
    expect(failed.diagnostics[0]).toMatchObject({ level: 'error', file: 'src/lib.rs' });
    expect((await submitTranslation(project, 'textutil.py', lib, { searchPath })).passed).toBe(true);
    await expect(
      submitTranslation(project, 'count.sh', 'fn main() {}', { searchPath }),
    ).rejects.toMatchObject({
      code: 'PHASE_GATE',
      message: expect.stringContaining('count.sh is not waiting for an agent'),
    });
    await expect(submitTranslation(join(base, 'tools'), 'x.py', 'fn main() {}')).rejects.toMatchObject({
      code: 'PHASE_GATE',
      message: expect.stringContaining('has no migration yet'),
    });
    await expect(submitTranslation(project, '../x.py', 'fn main() {}', { searchPath })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(
      submitTranslation(project, 'textutil.py', '// batuta: translation pending\n', { searchPath }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const outside = join(base, 'outside');
    cpSync(join(project, WS, 'wordstats/src'), outside, { recursive: true });
    rmSync(join(project, WS, 'wordstats/src'), { recursive: true });
    symlinkSync(outside, join(project, WS, 'wordstats/src'));
    await expect(
      submitTranslation(project, 'wordstats.py', 'fn main() {}', { searchPath }),
    ).rejects.toMatchObject({
      code: 'OUTSIDE_ROOTS',
      message: expect.stringContaining('symlink'),
    });
    expect(readFileSync(join(outside, 'main.rs'), 'utf8')).toContain('fn tokenize');
    rmSync(join(project, WS, 'wordstats/src'));
    cpSync(outside, join(project, WS, 'wordstats/src'), { recursive: true });
    writeFileSync(
      join(project, 'textutil.py'),
      `${readFileSync(join(project, 'textutil.py'), 'utf8')}# again\n`,
    );
    await expect(submitTranslation(project, 'textutil.py', lib, { searchPath })).rejects.toMatchObject({
      code: 'PHASE_GATE',
      message: expect.stringContaining('changed since its brief'),
    });
  });

  it('sets an agent crate aside, not deleting it, when the transpilers take over', async () => {
    cpSync(join(FIXTURE, 'project/batuta.toml'), join(project, 'batuta.toml'));
    expect((await transpile()).pending?.map((p) => p.source)).toEqual(['textutil.py']);
    const result = await transpile('transpiler');
    expect(result.status).toBe('passed');
    expect(result.summary).toMatchObject({ transpiled: ['textutil.py', 'wordstats.py'] });
    expect(existsSync(join(project, '.batuta/replaced/textutil/TRANSLATE.md'))).toBe(true);
    expect(readFileSync(join(project, '.batuta/replaced/wordstats/src/main.rs'), 'utf8')).toContain(
      'fn tokenize',
    );
  });
});
