import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationDeps } from '../../mcp/migration-deps.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { createFakeMigration, fakeGraph } from './fakes.js';
import { type Connected, connect, errorCodeOf, tempDir, textOf } from './harness.js';

const LINE = ['migration_analyze', 'migration_plan', 'migration_transpile', 'migration_optimize'];

describe('migration tools, resource and prompt', () => {
  let conn: Connected;
  let dir: ReturnType<typeof tempDir>;
  let migration: ReturnType<typeof createFakeMigration>;
  let project: string;
  beforeEach(async () => {
    dir = tempDir();
    project = join(dir.path, 'project');
    mkdirSync(join(project, 'app'), { recursive: true });
    writeFileSync(join(project, 'app', 'main.py'), 'print(1)\n');
    mkdirSync(join(dir.path, 'elsewhere'));
    symlinkSync(join(dir.path, 'elsewhere'), join(project, 'link'));
    migration = createFakeMigration();
    conn = await connect({ roots: createAllowedRoots([project], dir.path), migration, graph: fakeGraph });
  });
  afterEach(async () => {
    await conn.close();
    dir.remove();
  });

  it('runs the phases in order on a folder inside the root, passing the optimize profile', async () => {
    for (const name of LINE) {
      const result = await conn.client.callTool({ name, arguments: { path: 'app', profile: 'aggressive' } });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ status: 'passed' });
    }
    expect(migration.calls).toEqual([
      `analyze ${join(project, 'app')}`,
      `plan ${join(project, 'app')}`,
      `transpile ${join(project, 'app')}`,
      `optimize ${join(project, 'app')} aggressive`,
    ]);
    const status = await conn.client.callTool({ name: 'migration_status', arguments: { path: 'app' } });
    expect(status.structuredContent).toMatchObject({ next: 'validate' });
    expect(textOf(status)).toContain('Next: migration_validate.');
  });

  it('leaves the profile to batuta.toml when optimize is not given one, as batuta optimize does', async () => {
    for (const name of LINE) await conn.client.callTool({ name, arguments: { path: 'app' } });
    expect(migration.calls.at(-1)).toBe(`optimize ${join(project, 'app')}`);
  });

  it('reports a phase run out of order as a PHASE_GATE tool error', async () => {
    const result = await conn.client.callTool({ name: 'migration_transpile', arguments: {} });
    expect(errorCodeOf(result)).toBe('PHASE_GATE');
    expect(textOf(result)).toContain('run plan first');
    expect(textOf(result)).toContain('call migration_plan on the same path first');
  });

  it('returns a failed gate as a result (not an error) with its reason', async () => {
    writeFileSync(join(project, 'mismatch.txt'), '');
    for (const name of LINE) await conn.client.callTool({ name, arguments: {} });
    const result = await conn.client.callTool({ name: 'migration_validate', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      status: 'failed',
      reason: 'output of main differs on input 1',
    });
    expect(textOf(result)).toContain('FAILED its gate');
  });

  it('sends progress when asked and stops on cancellation', async () => {
    const progress: Progress[] = [];
    await conn.client.callTool(
      { name: 'migration_analyze', arguments: {} },
      {
        onprogress: (p) => progress.push(p),
      },
    );
    expect(progress.map((p) => p.progress)).toEqual([33, 67, 100]);
    const controller = new AbortController();
    const call = conn.client.callTool(
      { name: 'migration_plan', arguments: {} },
      {
        signal: controller.signal,
        onprogress: () => controller.abort('stop'),
      },
    );
    await expect(call).rejects.toThrow();
    const status = await conn.client.callTool({ name: 'migration_status', arguments: {} });
    expect(status.structuredContent).toMatchObject({ next: 'plan' });
  });

  it('refuses paths outside the roots, through .. or a symlink, without running anything', async () => {
    for (const path of ['..', '../elsewhere', 'link', '/etc']) {
      for (const name of ['migration_analyze', 'migration_reset']) {
        const result = await conn.client.callTool({ name, arguments: { path } });
        expect(errorCodeOf(result), `${name} ${path}`).toBe('OUTSIDE_ROOTS');
      }
    }
    expect(migration.calls).toEqual([]);
    const badProfile = await conn.client.callTool({
      name: 'migration_optimize',
      arguments: { profile: 'turbo' },
    });
    expect(badProfile.isError).toBe(true);
    expect(textOf(badProfile)).toContain('profile');
  });

  it('resets a project: its phases start over', async () => {
    for (const name of LINE) await conn.client.callTool({ name, arguments: { path: 'app' } });
    const reset = await conn.client.callTool({ name: 'migration_reset', arguments: { path: 'app' } });
    expect(reset.isError, textOf(reset)).toBeFalsy();
    expect(reset.structuredContent).toEqual({
      root: join(project, 'app'),
      removed: true,
      deleted: ['state.db'],
      kept: [],
    });
    const status = await conn.client.callTool({ name: 'migration_status', arguments: { path: 'app' } });
    expect(status.structuredContent).toMatchObject({ next: 'analyze' });
  });

  it('serves batuta://migrations/{id} and lists started migrations', async () => {
    expect(
      (await conn.client.listResources()).resources.filter((r) => r.uri.startsWith('batuta://migrations/')),
    ).toEqual([]);
    await conn.client.callTool({ name: 'migration_analyze', arguments: {} });
    const { resources } = await conn.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('batuta://migrations/~');
    const read = await conn.client.readResource({ uri: 'batuta://migrations/~' });
    const state = JSON.parse((read.contents[0] as { text: string }).text) as { root: string; next: string };
    expect(state).toMatchObject({ root: project, next: 'plan' });
    const app = await conn.client.readResource({ uri: 'batuta://migrations/app' });
    expect(JSON.parse((app.contents[0] as { text: string }).text)).toMatchObject({ next: 'analyze' });
    await expect(
      conn.client.readResource({ uri: 'batuta://migrations/..%2Felsewhere' }),
    ).rejects.toMatchObject({
      code: -32602,
    });
  });

  it('passes by "agent" to transpile, submits a translation with its diagnostics and serves the brief', async () => {
    for (const name of LINE.slice(0, 2)) await conn.client.callTool({ name, arguments: { path: 'app' } });
    const transpiled = await conn.client.callTool({
      name: 'migration_transpile',
      arguments: { path: 'app', by: 'agent' },
    });
    expect(transpiled.isError, textOf(transpiled)).toBeFalsy();
    expect(migration.calls.at(-1)).toBe(`transpile ${join(project, 'app')} agent`);
    const bad = await conn.client.callTool({
      name: 'migration_submit_translation',
      arguments: { path: 'app', source: 'app/main.py', code: 'fn main() broken' },
    });
    expect(bad.isError).toBeFalsy();
    expect(bad.structuredContent).toMatchObject({
      passed: false,
      diagnostics: [{ level: 'error', line: 1, column: 9 }],
    });
    expect(textOf(bad)).toContain('- src/main.rs:1:9: error: expected `;`');
    const good = await conn.client.callTool({
      name: 'migration_submit_translation',
      arguments: { path: 'app', source: 'app/main.py', code: 'fn main() {}' },
    });
    expect(good.structuredContent).toMatchObject({ passed: true, waiting: [] });
    expect(textOf(good)).toContain('call migration_transpile');
    const prompt = await conn.client.getPrompt({
      name: 'translate_file',
      arguments: { path: 'app', source: 'app/main.py' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain(`# Translate app/main.py in ${join(project, 'app')}`);
    expect(text).toContain('call migration_submit_translation with path "app", source "app/main.py"');
    await expect(
      conn.client.getPrompt({ name: 'translate_file', arguments: { path: 'app', source: 'nope.py' } }),
    ).rejects.toThrow(/not a file of the plan/);
  });

  it('refuses a submission outside the roots or with a bad argument, writing nothing', async () => {
    const outside = await conn.client.callTool({
      name: 'migration_submit_translation',
      arguments: { path: '../elsewhere', source: 'main.py', code: 'fn main() {}' },
    });
    expect(errorCodeOf(outside)).toBe('OUTSIDE_ROOTS');
    const empty = await conn.client.callTool({
      name: 'migration_submit_translation',
      arguments: { path: 'app', source: 'app/main.py', code: '' },
    });
    expect(empty.isError).toBe(true);
    const by = await conn.client.callTool({ name: 'migration_transpile', arguments: { by: 'human' } });
    expect(by.isError).toBe(true);
    expect(migration.calls).toEqual([]);
  });

  it('plan_migration prompt names the path, the goal and the current state', async () => {
    await conn.client.callTool({ name: 'migration_analyze', arguments: { path: 'app' } });
    const prompt = await conn.client.getPrompt({
      name: 'plan_migration',
      arguments: { path: 'app', goal: 'identical numbers' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('"app"');
    expect(text).toContain('Goal: identical numbers');
    expect(text).toContain('- analyze: passed');
    const outside = await conn.client.getPrompt({
      name: 'plan_migration',
      arguments: { path: '../elsewhere' },
    });
    expect((outside.messages[0]!.content as { text: string }).text).toContain('Current state: unknown');
  });
});

describe('migration_plan over the real migration line', () => {
  it('returns a plan that its output schema describes, and a gate stopped early as its error code', async () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'main.py'), 'import numpy\nprint(numpy.zeros(3))\n');
    const conn = await connect({
      roots: createAllowedRoots([dir.path], dir.path),
      migration: createMigrationDeps(),
    });
    try {
      await conn.client.callTool({ name: 'migration_analyze', arguments: {} });
      const planned = await conn.client.callTool({ name: 'migration_plan', arguments: {} });
      expect(planned.isError, textOf(planned)).toBeFalsy();
      expect(planned.structuredContent).toMatchObject({ status: 'passed', summary: { notes: [] } });
      rmSync(join(dir.path, '.batuta', 'analysis.json'));
      const stopped = await conn.client.callTool({ name: 'migration_plan', arguments: {} });
      expect(stopped.isError, textOf(stopped)).toBeFalsy();
      expect(stopped.structuredContent).toMatchObject({
        status: 'failed',
        summary: { code: 'INVALID_DATA' },
      });
    } finally {
      await conn.close();
      dir.remove();
    }
  });
});
