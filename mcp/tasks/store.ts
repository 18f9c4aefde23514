/**
 * The task store: every task this server process runs, shared by all its MCP servers (the per-request
 * servers of 2026-07-28 clients, the session servers of 2025 clients, the stdio connection), so a task is
 * found by its id whichever request asks. A task wraps one call of a long tool: it starts `working`, reports
 * progress, and ends `completed` (the tool answered, even with a tool error), `failed` (the call broke at
 * the protocol level) or `cancelled`. The store keeps a bounded number of tasks and forgets a finished one
 * once its time to live has passed; it lives in memory, so a task exists only in the process that made it.
 */
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { LongRunControl } from '../progress.js';

export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** A JSON-RPC error a task failed with. */
export interface TaskError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** One task as the store holds it; read-only outside the store. */
export interface TaskRecord {
  readonly taskId: string;
  readonly tool: string;
  /** The 2025 session (or connection) that created it, for tasks/list; null when there is none. */
  readonly owner: string | null;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
  readonly ttlMs: number;
  /** Last progress report, a fraction from 0 to 1. */
  readonly progress?: number;
  readonly result?: CallToolResult;
  readonly error?: TaskError;
  /** Whether the tool's work has stopped (it can still be winding down after a cancel). */
  readonly settled: boolean;
}

export interface TaskStoreLimits {
  /** Tasks kept at once, finished ones included; the oldest finished task makes room first. */
  readonly maxTasks: number;
  /** Tasks working at once; one more is refused until one ends. */
  readonly maxRunning: number;
  /** Time to live when the client asks for none. */
  readonly defaultTtlMs: number;
  /** Longest time to live a client may ask for (and the shortest is minTtlMs). */
  readonly maxTtlMs: number;
  readonly minTtlMs: number;
  /** How often clients are told to poll. */
  readonly pollIntervalMs: number;
}

export const TASK_LIMITS: TaskStoreLimits = {
  maxTasks: 256,
  maxRunning: 4,
  defaultTtlMs: 3_600_000,
  maxTtlMs: 86_400_000,
  minTtlMs: 10_000,
  pollIntervalMs: 1_000,
};

/** What a task runs: the tool's work with the task's cancellation signal and progress reporter. */
export type TaskWork = (control: LongRunControl) => Promise<CallToolResult>;

/** Told of every change of a task: status, progress, end. */
export type TaskListener = (task: TaskRecord) => void;

/** Why a task could not be started. */
export class TaskRefusedError extends Error {}

export interface StartRequest {
  readonly tool: string;
  readonly owner: string | null;
  readonly ttlMs?: number;
  readonly work: TaskWork;
  readonly onChange?: TaskListener;
}

export interface TaskStore {
  readonly limits: TaskStoreLimits;
  /** Creates the task and starts its work; throws TaskRefusedError when too many are working. */
  start(request: StartRequest): TaskRecord;
  /** The task, or undefined when the id is unknown or the task expired. */
  get(taskId: string): TaskRecord | undefined;
  /** Resolves with the task once it has reached a terminal status. */
  finished(taskId: string): Promise<TaskRecord | undefined>;
  /** Marks a working task cancelled and aborts its work; returns the task as it now is. */
  cancel(taskId: string): TaskRecord | undefined;
  /** Tasks of `owner`, newest first, a page at a time. */
  list(owner: string | null, cursor: string | undefined, pageSize?: number): TaskPage;
  /** Aborts every working task (the process is shutting down). */
  close(): void;
}

export interface TaskPage {
  readonly tasks: readonly TaskRecord[];
  readonly nextCursor?: string;
  /** The cursor was not one this store gave out. */
  readonly badCursor?: boolean;
}

interface Entry {
  record: TaskRecord;
  readonly controller: AbortController;
  readonly waiters: ((task: TaskRecord) => void)[];
  readonly onChange?: TaskListener;
}

export const TERMINAL: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);

/** Creates an empty store; `now` is injectable for tests of expiry. */
export function createTaskStore(limits: TaskStoreLimits = TASK_LIMITS, now = () => Date.now()): TaskStore {
  const entries = new Map<string, Entry>();

  const update = (entry: Entry, change: Partial<TaskRecord>): void => {
    entry.record = { ...entry.record, ...change, lastUpdatedAt: now() };
    entry.onChange?.(entry.record);
    if (TERMINAL.has(entry.record.status)) {
      for (const wake of entry.waiters.splice(0)) wake(entry.record);
    }
  };

  const sweep = (): void => {
    const time = now();
    for (const [id, entry] of entries) {
      const { record } = entry;
      if (record.settled && TERMINAL.has(record.status) && time >= record.createdAt + record.ttlMs) {
        entries.delete(id);
      }
    }
  };

  const makeRoom = (): void => {
    if (entries.size < limits.maxTasks) return;
    const oldestDone = [...entries.values()]
      .filter((entry) => entry.record.settled)
      .sort((a, b) => a.record.lastUpdatedAt - b.record.lastUpdatedAt)[0];
    if (oldestDone !== undefined) entries.delete(oldestDone.record.taskId);
  };

  const run = (entry: Entry, work: TaskWork): void => {
    const onProgress = (fraction: number, message?: string) => {
      if (entry.record.status !== 'working') return;
      const progress = Math.min(1, Math.max(0, fraction));
      const percent = `${Math.round(progress * 100)}%`;
      update(entry, { progress, statusMessage: message ? `${percent}: ${message}` : percent });
    };
    const stopped = () =>
      update(entry, { settled: true, statusMessage: 'Cancelled by request; the work has stopped.' });
    Promise.resolve()
      .then(() => work({ signal: entry.controller.signal, onProgress }))
      .then(
        (result) => {
          if (entry.record.status !== 'working') return stopped();
          const summary = result.content.find((block) => block.type === 'text')?.text;
          update(entry, {
            status: 'completed',
            result,
            settled: true,
            ...(summary === undefined ? {} : { statusMessage: firstLine(summary) }),
          });
        },
        (error: unknown) => {
          if (entry.record.status !== 'working') return stopped();
          const message = error instanceof Error ? error.message : String(error);
          update(entry, {
            status: 'failed',
            error: { code: -32603, message },
            statusMessage: message,
            settled: true,
          });
        },
      );
  };

  return {
    limits,
    start(request) {
      sweep();
      const running = [...entries.values()].filter((entry) => !entry.record.settled).length;
      if (running >= limits.maxRunning) {
        throw new TaskRefusedError(
          `${running} tasks are already working, the most this server runs at once (wait for one to finish, or cancel one with tasks/cancel)`,
        );
      }
      makeRoom();
      const time = now();
      const ttlMs = Math.min(
        limits.maxTtlMs,
        Math.max(limits.minTtlMs, request.ttlMs ?? limits.defaultTtlMs),
      );
      const record: TaskRecord = {
        taskId: randomUUID(),
        tool: request.tool,
        owner: request.owner,
        status: 'working',
        statusMessage: `${request.tool} started.`,
        createdAt: time,
        lastUpdatedAt: time,
        ttlMs,
        settled: false,
      };
      const entry: Entry = {
        record,
        controller: new AbortController(),
        waiters: [],
        ...(request.onChange === undefined ? {} : { onChange: request.onChange }),
      };
      entries.set(record.taskId, entry);
      run(entry, request.work);
      return record;
    },
    get(taskId) {
      sweep();
      return entries.get(taskId)?.record;
    },
    finished(taskId) {
      sweep();
      const entry = entries.get(taskId);
      if (entry === undefined) return Promise.resolve(undefined);
      if (TERMINAL.has(entry.record.status)) return Promise.resolve(entry.record);
      return new Promise((wake) => entry.waiters.push(wake));
    },
    cancel(taskId) {
      sweep();
      const entry = entries.get(taskId);
      if (entry === undefined) return undefined;
      if (TERMINAL.has(entry.record.status)) return entry.record;
      update(entry, { status: 'cancelled', statusMessage: 'Cancelled by request; the work is stopping.' });
      entry.controller.abort(new Error('task cancelled'));
      return entry.record;
    },
    list(owner, cursor, pageSize = 50) {
      sweep();
      const mine = [...entries.values()]
        .map((entry) => entry.record)
        .filter((record) => record.owner === owner)
        .sort((a, b) => b.createdAt - a.createdAt || a.taskId.localeCompare(b.taskId));
      let from = 0;
      if (cursor !== undefined) {
        const at = mine.findIndex((record) => record.taskId === cursor);
        if (at < 0) return { tasks: [], badCursor: true };
        from = at;
      }
      const tasks = mine.slice(from, from + pageSize);
      const next = mine[from + pageSize];
      return next === undefined ? { tasks } : { tasks, nextCursor: next.taskId };
    },
    close() {
      for (const entry of entries.values()) {
        if (!entry.record.settled) entry.controller.abort(new Error('server shutting down'));
      }
    },
  };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
