/**
 * A long tool called as a task with arguments its input schema refuses, through the built CLI over stdio
 * and `--http`, on revision 2025-11-25 (sessions) and 2026-07-28 (stateless): the task is created and ends
 * with the same coded tool error a plain call gets (INVALID_INPUT, one line naming the argument), never a
 * JSON-RPC error. Per revision: 2025-11-25 shows a tool error as a `failed` task whose tasks/result is the
 * call's result; 2026-07-28 shows it as a `completed` task with the error result inlined.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listeningUrl } from '../../../bench/lib/listening-url.js';
import { ERROR_CODE_META } from '../../../mcp/tool-result.js';
import { clientFor, errorCodeOf, tempDir, textOf } from '../harness.js';
import { stdioWire } from './stdio-wire.js';
import { modernRequest, type WireAnswer } from './wire-client.js';

type Json = Record<string, unknown>;
const BIN = resolve(import.meta.dirname, '../../../dist/src/cli/main.js');
const ANY = z.looseObject({});
/** index_collection with a folder that is not a string: refused by its input schema. */
const REFUSED = { name: 'index_collection', arguments: { folder: 7 } };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

/** Checks a refused-arguments tool result: our code, one line starting with the tool, naming `folder`. */
function expectRefused(result: unknown): string {
  expect(errorCodeOf(result)).toBe('INVALID_INPUT');
  const text = textOf(result);
  expect(text.startsWith('index_collection: '), text).toBe(true);
  expect(text).toContain('folder');
  expect(text).not.toContain('\n');
  return text;
}

describe('task calls with refused arguments, through the built CLI', () => {
  let project: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let url: string;
  const env = () => ({
    PATH: process.env['PATH'] ?? '',
    HOME: project.path,
    BATUTA_DB: join(project.path, 'index.db'),
  });
  beforeAll(async () => {
    project = tempDir('batuta-e2e-task-arguments-');
    child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
      cwd: project.path,
      env: env(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    url = await listeningUrl(child);
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
    project.remove();
  });

  describe.each(['stdio', 'http'] as const)('revision 2025-11-25 over %s', (transport) => {
    let client: Client;
    const request = (method: string, params: Json) =>
      client.request({ method, params } as never, ANY as never) as Promise<Json>;
    beforeAll(async () => {
      client = clientFor('2025-11-25', 'e2e-task-arguments');
      await client.connect(
        transport === 'http'
          ? new StreamableHTTPClientTransport(new URL(url))
          : new StdioClientTransport({
              command: process.execPath,
              args: [BIN, 'mcp'],
              cwd: project.path,
              env: env(),
              stderr: 'pipe',
            }),
      );
    });
    afterAll(() => client.close());

    it('creates the task, which fails with the plain call’s coded tool error', async () => {
      const created = await request('tools/call', { ...REFUSED, task: {} });
      const taskId = String((created['task'] as Json)['taskId']);
      const done = await until(
        () => request('tasks/get', { taskId }),
        (task) => task['status'] !== 'working',
      );
      expect(done).toMatchObject({ status: 'failed', _meta: { [ERROR_CODE_META]: 'INVALID_INPUT' } });
      const text = expectRefused(await request('tasks/result', { taskId }));
      const plain = await client.callTool(REFUSED);
      expect(expectRefused(plain)).toBe(text);
    });
  });

  describe.each(['stdio', 'http'] as const)('revision 2026-07-28 over %s', (transport) => {
    let call: (method: string, params: Json, withTasks?: boolean) => Promise<WireAnswer>;
    let close = () => {};
    beforeAll(() => {
      if (transport === 'http') {
        call = (method, params, withTasks) => modernRequest(url, method, params, { withTasks });
      } else {
        const wire = stdioWire(BIN, project.path, env());
        call = wire.request;
        close = wire.close;
      }
    });
    afterAll(() => close());

    it('creates the task, which completes with the plain call’s coded tool error inlined', async () => {
      const created = await call('tools/call', REFUSED);
      expect(created.error).toBeUndefined();
      expect(created.result).toMatchObject({ resultType: 'task', status: 'working' });
      const taskId = String(created.result?.['taskId']);
      const done = await until(
        () => call('tasks/get', { taskId }),
        (answer) => answer.result?.['status'] !== 'working',
      );
      expect(done.result?.['status']).toBe('completed');
      const text = expectRefused(done.result?.['result']);
      const plain = await call('tools/call', REFUSED, false);
      expect(expectRefused(plain.result)).toBe(text);
    });
  });
});
