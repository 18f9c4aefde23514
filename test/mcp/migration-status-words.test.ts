/**
 * A phase's stored reason names its fix in the words of whoever reads it: migration_status (and the
 * batuta://migrations resource) says the tool to call, `batuta status --json` the command line, although the
 * reason was written once, when the phase ended. Over the real migration line and the built CLI.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationDeps } from '../../mcp/migration-deps.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { MigrationState } from '../../src/store/migration-state.js';
import { runBatuta } from '../cli/run-batuta.js';
import { type Connected, connect, tempDir, textOf } from './harness.js';

interface PhaseStatus {
  readonly phase: string;
  readonly status: string;
  readonly reason: string | null;
}

const phaseOf = (structured: unknown, phase: string) =>
  (structured as { phases: PhaseStatus[] }).phases.find((p) => p.phase === phase)!;

describe("stored phase reasons in each surface's words", { timeout: 120_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  let project: string;
  let conn: Connected;
  beforeEach(async () => {
    dir = tempDir();
    cpSync(resolve(import.meta.dirname, '../fixtures/migration'), join(dir.path, 'fixture'), {
      recursive: true,
    });
    project = join(dir.path, 'fixture', 'project');
    conn = await connect({
      roots: createAllowedRoots([project], project),
      migration: createMigrationDeps(),
    });
  });
  afterEach(async () => {
    await conn.close();
    dir.remove();
  });

  it('a transpile waiting for an agent: migration_status names migration_transpile, batuta status the command', async () => {
    for (const name of ['migration_analyze', 'migration_plan'])
      await conn.client.callTool({ name, arguments: {} });
    const waiting = await conn.client.callTool({ name: 'migration_transpile', arguments: { by: 'agent' } });
    expect(waiting.structuredContent).toMatchObject({ status: 'failed' });
    const status = await conn.client.callTool({ name: 'migration_status', arguments: {} });
    const reason = phaseOf(status.structuredContent, 'transpile').reason!;
    expect(reason).toContain('call migration_transpile');
    expect(reason).not.toContain('batuta transpile');
    expect(textOf(status)).toContain(reason);
    const resource = await conn.client.readResource({ uri: 'batuta://migrations/~' });
    expect(JSON.stringify(resource.contents)).not.toContain('batuta transpile');
    const cli = runBatuta(['status', project, '--json'], dir.path);
    expect(cli.code, cli.stderr).toBe(0);
    const cliReason = phaseOf(JSON.parse(cli.stdout), 'transpile').reason!;
    expect(cliReason).toContain(`run "batuta transpile ${project}`);
  });

  it("a phase interrupted by a dead process says how to run it again in each surface's words", async () => {
    await conn.client.callTool({ name: 'migration_analyze', arguments: {} });
    const state = MigrationState.open(project, false)!;
    state.start('plan', []);
    state.close();
    const status = await conn.client.callTool({ name: 'migration_status', arguments: {} });
    const reason = phaseOf(status.structuredContent, 'plan').reason!;
    expect(reason).toContain('call migration_plan');
    const cli = runBatuta(['status', project, '--json'], dir.path);
    expect(phaseOf(JSON.parse(cli.stdout), 'plan').reason).toContain(`run "batuta plan ${project}"`);
  });
});
