/**
 * End to end over stdio with the built CLI's MCP server, playing the agent: transpile by agent, read the
 * brief through the translate_file prompt, submit Rust with migration_submit_translation (a version that
 * does not compile, then a correct one), and let migration_validate judge it; then a subtly wrong one.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARGO_TIMEOUT, RUST_ENV } from '../cli/rust-project.js';
import { errorCodeOf, tempDir, textOf } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/agent');
const CORRECT = readFileSync(join(FIXTURE, 'translations/grades.rs'), 'utf8');
const WRONG = readFileSync(join(FIXTURE, 'translations/grades-wrong.rs'), 'utf8');

describe('the agent flow over stdio (built CLI, Python fixture)', { timeout: CARGO_TIMEOUT }, () => {
  let home: ReturnType<typeof tempDir>;
  let client: Client;
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args }, { timeout: CARGO_TIMEOUT });
  beforeAll(async () => {
    home = tempDir('batuta-e2e-agent-');
    cpSync(FIXTURE, join(home.path, 'fixture'), { recursive: true });
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home.path,
      ...RUST_ENV,
      BATUTA_DB: join(home.path, 'index.db'),
    };
    client = new Client({ name: 'e2e-agent', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: join(home.path, 'fixture', 'project'),
        env,
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('prepares the file for the agent and hands over its brief', async () => {
    expect((await call('migration_analyze')).structuredContent).toMatchObject({ status: 'passed' });
    expect((await call('migration_plan')).structuredContent).toMatchObject({ status: 'passed' });
    const early = await call('migration_submit_translation', { source: 'grades.py', code: CORRECT });
    expect(errorCodeOf(early)).toBe('PHASE_GATE');
    expect(textOf(early)).toContain('call migration_transpile with by "agent" on the same path');
    const waiting = await call('migration_transpile', { by: 'agent' });
    expect(waiting.isError).toBeFalsy();
    expect(waiting.structuredContent).toMatchObject({
      status: 'failed',
      pending: [{ source: 'grades.py', crate: 'grades', file: '.batuta/workspace/grades/src/main.rs' }],
    });
    expect(textOf(waiting)).toContain('migration_submit_translation');
    const prompt = await client.getPrompt({
      name: 'translate_file',
      arguments: { path: '.', source: 'grades.py' },
    });
    const brief = (prompt.messages[0]!.content as { text: string }).text;
    expect(brief).toContain('# Translate grades.py to Rust');
    expect(brief).toContain('`sample`: args ["scores.csv"]');
    expect(brief).toContain('print(f"class mean: {total / count:.2f}")');
  });

  it('returns cargo check diagnostics for code that does not compile, and refuses other files', async () => {
    const broken = await call('migration_submit_translation', {
      source: 'grades.py',
      code: CORRECT.replace('total += sum;', 'total += summ;'),
    });
    expect(broken.isError).toBeFalsy();
    expect(broken.structuredContent).toMatchObject({
      passed: false,
      file: '.batuta/workspace/grades/src/main.rs',
      diagnostics: [expect.objectContaining({ level: 'error', code: 'E0425', file: 'src/main.rs' })],
      waiting: [],
    });
    expect(textOf(broken)).toMatch(/- src\/main\.rs:\d+:\d+: error\[E0425\]: cannot find value `summ`/);
    const unknown = await call('migration_submit_translation', { source: '../../etc/passwd', code: CORRECT });
    expect(errorCodeOf(unknown)).toBe('NOT_FOUND');
    const outside = await call('migration_submit_translation', {
      path: '..',
      source: 'grades.py',
      code: CORRECT,
    });
    expect(errorCodeOf(outside)).toBe('OUTSIDE_ROOTS');
  });

  it('accepts a correct translation and validates it, then fails a subtly wrong one at the first differing line', async () => {
    const submitted = await call('migration_submit_translation', { source: 'grades.py', code: CORRECT });
    expect(submitted.structuredContent).toMatchObject({ passed: true, diagnostics: [] });
    expect((await call('migration_transpile')).structuredContent).toMatchObject({
      status: 'passed',
      summary: { translated: ['grades.py'] },
    });
    expect((await call('migration_optimize')).structuredContent).toMatchObject({ status: 'passed' });
    const validated = await call('migration_validate');
    expect(validated.structuredContent).toMatchObject({ status: 'passed' });
    expect(textOf(validated)).toContain('- sample: same behaviour');

    expect(
      (await call('migration_submit_translation', { source: 'grades.py', code: WRONG })).structuredContent,
    ).toMatchObject({
      passed: true,
    });
    expect((await call('migration_transpile')).structuredContent).toMatchObject({ status: 'passed' });
    expect((await call('migration_optimize')).structuredContent).toMatchObject({ status: 'passed' });
    const wrong = await call('migration_validate');
    expect(wrong.structuredContent).toMatchObject({
      status: 'failed',
      reason:
        '1 difference; first: sample: stdout line 4: original "class mean: 7.33", converted "class mean: 6.83"',
    });
    expect(textOf(wrong)).toContain('- sample: DIFFERENT');
  });
});
