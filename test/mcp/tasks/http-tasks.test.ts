/**
 * Tasks over Streamable HTTP, both revisions, one server process and one task store: a 2025-11-25 session
 * through the SDK client, 2026-07-28 requests written by hand (wire-client.ts). The index_collection
 * domain call is gated by the test, so progress, completion and cancellation are observed in order.
 */
import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocsDeps, MigrationDeps } from '../../../mcp/deps.js';
import { HTTP_DEFAULTS, type RunningHttpServer, serveHttp } from '../../../mcp/http.js';
import { createAllowedRoots } from '../../../mcp/roots.js';
import { createServer } from '../../../mcp/server.js';
import { createTaskStore } from '../../../mcp/tasks/store.js';
import { ERROR_CODE_META } from '../../../mcp/tool-result.js';
import { BatutaError } from '../../../src/index.js';
import { fakeDeps } from '../fakes.js';
import { clientFor } from '../harness.js';
import { modernRequest, TASKS_EXT, type WireAnswer } from './wire-client.js';

type Json = Record<string, unknown>;

/** A migration whose validate phase reports 20 % and then runs until it is cancelled. */
function endlessValidate(migration: MigrationDeps) {
  const state = { stopped: false };
  const runPhase: MigrationDeps['runPhase'] = (phase, root, control, options) => {
    if (phase !== 'validate') return migration.runPhase(phase, root, control, options);
    return new Promise((_done, fail) => {
      control.onProgress(0.2, 'comparing');
      control.signal.addEventListener('abort', () => {
        state.stopped = true;
        fail(new BatutaError('CANCELLED', 'validate: cancelled'));
      });
    });
  };
  return { migration: { ...migration, runPhase }, state };
}

/** An indexFolder that reports 10 % and then waits for the test, or for cancellation. */
function gatedIndex() {
  const state = { release: () => {}, entered: false, stopped: false };
  const indexFolder: NonNullable<DocsDeps['indexFolder']> = (_folder, name, control) =>
    new Promise((done, fail) => {
      control.onProgress(0.1, 'reading');
      state.entered = true;
      state.release = () =>
        done({ collection: name, added: 2, updated: 0, removed: 0, unchanged: 0, chunks: 2 });
      control.signal.addEventListener('abort', () => {
        state.stopped = true;
        fail(new BatutaError('CANCELLED', 'index: cancelled'));
      });
    });
  return { indexFolder, state };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((wake) => setTimeout(wake, 10));
  }
}

const ANY = z.looseObject({});
const INDEX = { name: 'index_collection', arguments: { folder: 'test/fixtures', name: 'fixture' } };

describe('tasks over Streamable HTTP', () => {
  let running: RunningHttpServer;
  let gate: ReturnType<typeof gatedIndex>;
  let validate: ReturnType<typeof endlessValidate>;
  let client: Client;
  const legacy = (method: string, params: Json) =>
    client.request({ method, params } as never, ANY as never) as Promise<Json>;

  beforeEach(async () => {
    gate = gatedIndex();
    const base = fakeDeps(createAllowedRoots([process.cwd()], process.cwd()));
    validate = endlessValidate(base.migration!);
    const deps = {
      ...base,
      docs: { ...base.docs!, indexFolder: gate.indexFolder },
      migration: validate.migration,
      tasks: createTaskStore(),
    };
    running = await serveHttp({
      ...HTTP_DEFAULTS,
      port: 0,
      token: null,
      createServer: () => createServer(deps),
      log: () => {},
    });
    client = clientFor('2025-11-25', 'task-test');
    await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
  });
  afterEach(async () => {
    await client.close();
    await running.close();
  });

  describe('revision 2025-11-25 (SDK client, session)', () => {
    it('declares tasks and marks exactly the four long tools taskSupport optional', async () => {
      expect(client.getServerCapabilities()?.tasks).toEqual({
        list: {},
        cancel: {},
        requests: { tools: { call: {} } },
      });
      const { tools } = await client.listTools();
      const optional = tools
        .filter((tool) => tool.execution?.taskSupport === 'optional')
        .map((tool) => tool.name);
      expect(optional.sort()).toEqual([
        'index_collection',
        'migration_deploy',
        'migration_transpile',
        'migration_validate',
      ]);
    });

    it('creates a task, shows its progress, completes it and hands back the result', async () => {
      const created = await legacy('tools/call', { ...INDEX, task: { ttl: 60_000 } });
      const task = created['task'] as Json;
      expect(task).toMatchObject({ status: 'working', ttl: 60_000, pollInterval: 1000 });
      const taskId = String(task['taskId']);
      const working = await until(
        () => legacy('tasks/get', { taskId }),
        (t) => t['statusMessage'] === '10%: reading',
      );
      expect(working['status']).toBe('working');
      gate.state.release();
      const result = await legacy('tasks/result', { taskId });
      expect(result['structuredContent']).toMatchObject({ collection: 'fixture', added: 2 });
      expect(result['_meta']).toEqual({ 'io.modelcontextprotocol/related-task': { taskId } });
      expect(await legacy('tasks/get', { taskId })).toMatchObject({ status: 'completed' });
      const listed = await legacy('tasks/list', {});
      expect((listed['tasks'] as Json[]).map((t) => t['taskId'])).toEqual([taskId]);
    });

    it('cancels a working task: cancelled at once, the work stops, a second cancel is refused', async () => {
      const created = await legacy('tools/call', { ...INDEX, task: {} });
      const taskId = String((created['task'] as Json)['taskId']);
      await until(
        () => legacy('tasks/get', { taskId }),
        (t) => t['statusMessage'] === '10%: reading',
      );
      expect(await legacy('tasks/cancel', { taskId })).toMatchObject({ taskId, status: 'cancelled' });
      expect(gate.state.stopped).toBe(true);
      const stopped = await until(
        () => legacy('tasks/get', { taskId }),
        (t) => /has stopped/.test(String(t['statusMessage'])),
      );
      expect(stopped['status']).toBe('cancelled');
      await expect(legacy('tasks/cancel', { taskId })).rejects.toMatchObject({ code: -32602 });
      const payload = await legacy('tasks/result', { taskId });
      expect(payload['isError']).toBe(true);
    });

    it('answers an unknown task id with -32602 naming it, and a tool that is no task with -32601', async () => {
      await expect(legacy('tasks/get', { taskId: 'no-such-task' })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('"no-such-task" not found'),
      });
      await expect(legacy('tasks/result', { taskId: 'no-such-task' })).rejects.toMatchObject({
        code: -32602,
      });
      await expect(
        legacy('tools/call', { name: 'get_component', arguments: { name: 'trueno' }, task: {} }),
      ).rejects.toMatchObject({ code: -32601 });
      expect((await legacy('tasks/list', {}))['tasks']).toEqual([]);
    });

    it('runs migration_validate as a task and cancels it while it compares', async () => {
      const created = await legacy('tools/call', {
        name: 'migration_validate',
        arguments: { path: '.' },
        task: {},
      });
      const taskId = String((created['task'] as Json)['taskId']);
      await until(
        () => legacy('tasks/get', { taskId }),
        (t) => t['statusMessage'] === '20%: comparing',
      );
      expect(await legacy('tasks/cancel', { taskId })).toMatchObject({ status: 'cancelled' });
      expect(validate.state.stopped).toBe(true);
      await until(
        () => legacy('tasks/get', { taskId }),
        (t) => /has stopped/.test(String(t['statusMessage'])),
      );
      const gated = await legacy('tools/call', {
        name: 'migration_deploy',
        arguments: { path: '.' },
        task: {},
      });
      const gatedId = String((gated['task'] as Json)['taskId']);
      const failed = await until(
        () => legacy('tasks/get', { taskId: gatedId }),
        (t) => t['status'] !== 'working',
      );
      expect(failed).toMatchObject({ status: 'failed', _meta: { [ERROR_CODE_META]: 'PHASE_GATE' } });
      expect(String(failed['statusMessage'])).toContain('call migration_validate on the same path first');
    });

    it('makes a call with refused arguments a task that fails with INVALID_INPUT', async () => {
      const created = await legacy('tools/call', {
        name: 'index_collection',
        arguments: { folder: 7 },
        task: {},
      });
      const taskId = String((created['task'] as Json)['taskId']);
      const failed = await until(
        () => legacy('tasks/get', { taskId }),
        (t) => t['status'] !== 'working',
      );
      expect(failed).toMatchObject({ status: 'failed', _meta: { [ERROR_CODE_META]: 'INVALID_INPUT' } });
      const payload = await legacy('tasks/result', { taskId });
      expect(payload).toMatchObject({ isError: true, _meta: { [ERROR_CODE_META]: 'INVALID_INPUT' } });
      expect(gate.state.entered).toBe(false);
    });

    it('reports a tool error as a failed task carrying our error code', async () => {
      const created = await legacy('tools/call', {
        name: 'index_collection',
        arguments: { folder: '/etc' },
        task: {},
      });
      const taskId = String((created['task'] as Json)['taskId']);
      const failed = await until(
        () => legacy('tasks/get', { taskId }),
        (t) => t['status'] !== 'working',
      );
      expect(failed).toMatchObject({ status: 'failed', _meta: { [ERROR_CODE_META]: 'OUTSIDE_ROOTS' } });
      const payload = await legacy('tasks/result', { taskId });
      expect(payload).toMatchObject({ isError: true, _meta: { [ERROR_CODE_META]: 'OUTSIDE_ROOTS' } });
    });
  });

  describe('revision 2026-07-28 (the tasks extension, stateless)', () => {
    const call = (method: string, params: Json, withTasks = true): Promise<WireAnswer> =>
      modernRequest(running.url, method, params, { withTasks });

    it('advertises the extension in server/discover and nothing under capabilities.tasks', async () => {
      const discovered = await call('server/discover', {});
      const capabilities = discovered.result?.['capabilities'] as Json;
      expect(capabilities['extensions']).toEqual({ [TASKS_EXT]: {} });
      expect(capabilities['tasks']).toBeUndefined();
    });

    it('creates a task, shows its progress, and inlines the result once completed', async () => {
      const created = await call('tools/call', INDEX);
      expect(created.result).toMatchObject({ resultType: 'task', status: 'working', pollIntervalMs: 1000 });
      const taskId = String(created.result?.['taskId']);
      const working = await until(
        () => call('tasks/get', { taskId }),
        (a) => a.result?.['statusMessage'] === '10%: reading',
      );
      expect(working.result).toMatchObject({ resultType: 'complete', status: 'working' });
      gate.state.release();
      const done = await until(
        () => call('tasks/get', { taskId }),
        (a) => a.result?.['status'] !== 'working',
      );
      expect(done.result).toMatchObject({
        status: 'completed',
        result: { structuredContent: { collection: 'fixture', added: 2 } },
      });
      // The same store serves 2025 sessions: the task is found by id there too.
      expect(await legacy('tasks/get', { taskId })).toMatchObject({ taskId, status: 'completed' });
    });

    it('acknowledges tasks/cancel, and the task ends cancelled with its work stopped', async () => {
      const created = await call('tools/call', INDEX);
      const taskId = String(created.result?.['taskId']);
      await until(
        () => call('tasks/get', { taskId }),
        (a) => a.result?.['statusMessage'] === '10%: reading',
      );
      const ack = await call('tasks/cancel', { taskId });
      expect(ack.error).toBeUndefined();
      expect(ack.result?.['resultType']).toBe('complete');
      expect(gate.state.stopped).toBe(true);
      const after = await call('tasks/get', { taskId });
      expect(after.result?.['status']).toBe('cancelled');
    });

    it('refuses without the extension, on unknown ids and for the methods this revision removed', async () => {
      const plain = await call('tools/call', { name: 'get_component', arguments: { name: 'trueno' } });
      expect(plain.result?.['resultType']).toBe('complete');
      const without = await call('tasks/get', { taskId: 'x' }, false);
      expect(without.error).toMatchObject({
        code: -32021,
        data: { requiredCapabilities: { extensions: { [TASKS_EXT]: {} } } },
      });
      expect((await call('tasks/cancel', { taskId: 'x' }, false)).error?.code).toBe(-32021);
      expect((await call('tasks/get', { taskId: 'no-such-task' })).error).toMatchObject({
        code: -32602,
        message: expect.stringContaining('"no-such-task" not found'),
      });
      expect((await call('tasks/result', { taskId: 'x' })).error?.code).toBe(-32601);
      expect((await call('tasks/list', {})).error?.code).toBe(-32601);
    });

    it('without the extension a long tool runs as a plain call', async () => {
      const answer = modernRequest(running.url, 'tools/call', INDEX, { withTasks: false });
      await until(
        async () => gate.state.entered,
        (entered) => entered,
      );
      gate.state.release();
      const plain = await answer;
      expect(plain.result).toMatchObject({
        resultType: 'complete',
        structuredContent: { collection: 'fixture' },
      });
    });

    it('shows a tool error as a completed task whose result carries our error code', async () => {
      const created = await call('tools/call', { name: 'index_collection', arguments: { folder: '/etc' } });
      const taskId = String(created.result?.['taskId']);
      const done = await until(
        () => call('tasks/get', { taskId }),
        (a) => a.result?.['status'] !== 'working',
      );
      expect(done.result).toMatchObject({
        status: 'completed',
        result: { isError: true, _meta: { [ERROR_CODE_META]: 'OUTSIDE_ROOTS' } },
      });
    });
  });
});
