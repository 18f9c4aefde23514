/**
 * End to end: the built CLI's MCP server driving the real migration line on the fixture project (a
 * stand-in transpiler configured in its batuta.toml), over stdio. Validation and deployment need cargo
 * builds and are covered by the migration layer's own end-to-end test; here the phases up to optimize,
 * the gate, progress, status and the migration resource go through the MCP surface.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, tempDir, textOf } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');

describe('migration tools over stdio (built CLI, fixture project)', () => {
  let home: ReturnType<typeof tempDir>;
  let project: string;
  let client: Client;
  beforeAll(async () => {
    home = tempDir('batuta-e2e-migration-');
    cpSync(FIXTURE, join(home.path, 'fixture'), { recursive: true });
    project = join(home.path, 'fixture', 'project');
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home.path,
      CARGO_HOME: process.env['CARGO_HOME'] ?? join(homedir(), '.cargo'),
      BATUTA_DB: join(home.path, 'index.db'),
    };
    client = new Client({ name: 'e2e-migration', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: project,
        env,
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('refuses a phase whose predecessor has not passed, naming the tool to call', async () => {
    const result = await client.callTool({ name: 'migration_transpile', arguments: {} });
    expect(errorCodeOf(result)).toBe('PHASE_GATE');
    expect(textOf(result)).toContain('call migration_plan');
  });

  it('runs analyze, plan, transpile (with progress) and optimize, then reports status and state', async () => {
    const analyzed = await client.callTool({ name: 'migration_analyze', arguments: { path: '.' } });
    expect(analyzed.structuredContent).toMatchObject({ phase: 'analyze', status: 'passed' });
    expect(textOf(analyzed)).toContain('analyze: passed');
    expect(textOf(analyzed)).toContain('- python: 2 files, 43 lines, 3 functions');
    const planned = await client.callTool({ name: 'migration_plan', arguments: {} });
    expect(planned.structuredContent).toMatchObject({ status: 'passed' });
    expect(textOf(planned)).toContain('- 1. checksum.c -> checksum via ../tools/fake-transpile');
    const progress: Progress[] = [];
    const transpiled = await client.callTool(
      { name: 'migration_transpile', arguments: {} },
      {
        onprogress: (p) => progress.push(p),
      },
    );
    expect(transpiled.structuredContent).toMatchObject({ status: 'passed' });
    expect((transpiled.structuredContent as { artifacts: string[] }).artifacts).toContain(
      '.batuta/workspace/Cargo.toml',
    );
    // The fixture's modules report 25, 50, 75 and 100 of 100. The SDK client handles a notification one
    // microtask after the response that shares its read chunk, and by then the progress handler is gone, so
    // the last report can be lost: only what arrived is checked.
    const values = progress.map((p) => p.progress);
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.every((value) => value > 0 && value <= 100 && Number.isInteger(value))).toBe(true);
    expect(progress.every((p) => p.total === 100)).toBe(true);
    expect(textOf(transpiled)).toContain('- transpiled: checksum.c, count.sh, textutil.py, wordstats.py');
    const optimized = await client.callTool({
      name: 'migration_optimize',
      arguments: { profile: 'aggressive' },
    });
    expect(optimized.structuredContent).toMatchObject({
      status: 'passed',
      summary: { profile: 'aggressive' },
    });
    expect(textOf(optimized)).toMatch(/^- textutil\.py:\d+ tokenize: \w+$/m);
    for (const result of [analyzed, planned, transpiled, optimized])
      expect(textOf(result)).not.toContain('{"');
    const status = await client.callTool({ name: 'migration_status', arguments: {} });
    expect(status.structuredContent).toMatchObject({ root: project, next: 'validate' });
    const state = await client.readResource({ uri: 'batuta://migrations/~' });
    expect(JSON.parse((state.contents[0] as { text: string }).text)).toMatchObject({ next: 'validate' });
  });

  it('optimizes with the profile of batuta.toml when the call names none', async () => {
    const config = join(project, 'batuta.toml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('profile = "balanced"', 'profile = "fast"'));
    const optimized = await client.callTool({ name: 'migration_optimize', arguments: {} });
    expect(optimized.structuredContent).toMatchObject({ status: 'passed', summary: { profile: 'fast' } });
  });

  it('keeps file-system tools inside the project', async () => {
    const outside = await client.callTool({ name: 'migration_analyze', arguments: { path: '../rust' } });
    expect(errorCodeOf(outside)).toBe('OUTSIDE_ROOTS');
  });
});
