import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
      const result = await conn.client.callTool({ name: 'migration_analyze', arguments: { path } });
      expect(errorCodeOf(result), path).toBe('INVALID_INPUT');
    }
    expect(migration.calls).toEqual([]);
    const badProfile = await conn.client.callTool({
      name: 'migration_optimize',
      arguments: { profile: 'turbo' },
    });
    expect(badProfile.isError).toBe(true);
    expect(textOf(badProfile)).toContain('profile');
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
