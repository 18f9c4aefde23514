import type { CallToolResult } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createTaskStore, TASK_LIMITS, TaskRefusedError, type TaskWork } from '../../../mcp/tasks/store.js';

const ok = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });

/** Work that waits until the test releases it, and fails with the abort reason when aborted. */
function gated(): {
  work: TaskWork;
  release: (text: string) => void;
  progress: (f: number, m?: string) => void;
} {
  let release: (text: string) => void = () => {};
  let progress: (f: number, m?: string) => void = () => {};
  const work: TaskWork = (control) =>
    new Promise((done, fail) => {
      progress = control.onProgress;
      release = (text) => done(ok(text));
      control.signal.addEventListener('abort', () => fail(new Error('aborted')));
    });
  return { work, release: (text) => release(text), progress: (f, m) => progress(f, m) };
}

describe('task store', () => {
  it('runs a task to completion, showing progress in its status message', async () => {
    const store = createTaskStore();
    const gate = gated();
    const task = store.start({ tool: 'index_collection', owner: null, work: gate.work });
    expect(task).toMatchObject({ status: 'working', ttlMs: TASK_LIMITS.defaultTtlMs });
    await Promise.resolve();
    gate.progress(0.25, 'read 1/4');
    expect(store.get(task.taskId)).toMatchObject({ status: 'working', statusMessage: '25%: read 1/4' });
    gate.release('done: 4 files');
    const finished = await store.finished(task.taskId);
    expect(finished).toMatchObject({ status: 'completed', statusMessage: 'done: 4 files', settled: true });
    expect(finished?.result).toEqual(ok('done: 4 files'));
  });

  it('records a thrown error as a failed task with a JSON-RPC error', async () => {
    const store = createTaskStore();
    const task = store.start({ tool: 't', owner: null, work: () => Promise.reject(new Error('disk full')) });
    expect(await store.finished(task.taskId)).toMatchObject({
      status: 'failed',
      error: { code: -32603, message: 'disk full' },
    });
  });

  it('cancels a working task at once, aborts its work, and says when the work has stopped', async () => {
    const store = createTaskStore();
    const gate = gated();
    const task = store.start({ tool: 't', owner: null, work: gate.work });
    await Promise.resolve();
    const cancelled = store.cancel(task.taskId);
    expect(cancelled).toMatchObject({ status: 'cancelled', settled: false });
    expect(cancelled?.statusMessage).toMatch(/stopping/);
    const statuses: string[] = [];
    for (let i = 0; i < 10 && store.get(task.taskId)?.settled !== true; i++) await Promise.resolve();
    statuses.push(store.get(task.taskId)!.status);
    expect(statuses).toEqual(['cancelled']);
    expect(store.get(task.taskId)?.statusMessage).toMatch(/has stopped/);
    gate.release('too late');
    expect(store.cancel(task.taskId)?.status).toBe('cancelled');
  });

  it('forgets a finished task once its ttl has passed, never a working one', async () => {
    let now = 1_000_000;
    const store = createTaskStore(TASK_LIMITS, () => now);
    const gate = gated();
    const done = store.start({ tool: 't', owner: null, ttlMs: 60_000, work: () => Promise.resolve(ok('x')) });
    const working = store.start({ tool: 't', owner: null, ttlMs: 1, work: gate.work });
    expect(working.ttlMs).toBe(TASK_LIMITS.minTtlMs);
    await store.finished(done.taskId);
    now += 59_999;
    expect(store.get(done.taskId)).toBeDefined();
    now += 1;
    expect(store.get(done.taskId)).toBeUndefined();
    expect(store.get(working.taskId)?.status).toBe('working');
    expect(store.start({ tool: 't', owner: null, ttlMs: 1e12, work: gate.work }).ttlMs).toBe(
      TASK_LIMITS.maxTtlMs,
    );
  });

  it('refuses a task beyond the running limit and drops the oldest finished task beyond the stored limit', async () => {
    const store = createTaskStore({ ...TASK_LIMITS, maxRunning: 2, maxTasks: 3 });
    const first = store.start({ tool: 't', owner: null, work: () => Promise.resolve(ok('1')) });
    await store.finished(first.taskId);
    const gate = gated();
    store.start({ tool: 't', owner: null, work: gate.work });
    store.start({ tool: 't', owner: null, work: gated().work });
    expect(() => store.start({ tool: 't', owner: null, work: gated().work })).toThrow(TaskRefusedError);
    await Promise.resolve();
    gate.release('2');
    await new Promise((done) => setTimeout(done, 0));
    const fourth = store.start({ tool: 't', owner: null, work: gated().work });
    expect(store.get(first.taskId)).toBeUndefined();
    expect(store.get(fourth.taskId)?.status).toBe('working');
    store.close();
  });

  it('lists the tasks of one owner, newest first, a page at a time', async () => {
    let now = 0;
    const store = createTaskStore(TASK_LIMITS, () => now);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      now += 1;
      ids.push(store.start({ tool: 't', owner: 'session-a', work: () => Promise.resolve(ok('x')) }).taskId);
    }
    store.start({ tool: 't', owner: 'session-b', work: () => Promise.resolve(ok('x')) });
    const first = store.list('session-a', undefined, 2);
    expect(first.tasks.map((task) => task.taskId)).toEqual([ids[2], ids[1]]);
    const second = store.list('session-a', first.nextCursor, 2);
    expect(second.tasks.map((task) => task.taskId)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeUndefined();
    expect(store.list('session-a', 'not-a-cursor').badCursor).toBe(true);
  });
});
