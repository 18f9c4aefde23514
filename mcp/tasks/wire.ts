/**
 * How a task looks on the wire, in each protocol era. Revision 2025-11-25 (tasks in the core spec,
 * experimental): a `Task` with `ttl` and `pollInterval`, the result fetched with tasks/result, a tool
 * error shown as `failed`. Revision 2026-07-28 (the `io.modelcontextprotocol/tasks` extension): a flat
 * task with `ttlMs` and `pollIntervalMs`, the final result or JSON-RPC error inlined by tasks/get, and a
 * tool error shown as `completed` with the error result inside.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { ERROR_CODE_META } from '../tool-result.js';
import type { TaskRecord, TaskStoreLimits } from './store.js';

/** The extension's identifier (2026-07-28), in capabilities and per-request client capabilities. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
/** `_meta` key tying a message to its task (2025-11-25). */
export const RELATED_TASK = 'io.modelcontextprotocol/related-task';
/** `_meta` key of the text a host may hand the model at once when a tool call became a task (2025-11-25). */
export const MODEL_IMMEDIATE_RESPONSE = 'io.modelcontextprotocol/model-immediate-response';
/** `_meta` key of the per-request client capabilities (2026-07-28). */
export const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
/** JSON-RPC code for a request that needs a capability the client did not declare (2026-07-28). */
export const MISSING_CLIENT_CAPABILITY = -32021;

/** Server capabilities for both eras: the 2025 `tasks` block and the 2026 extension. */
export const TASK_CAPABILITIES = {
  tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
  extensions: { [TASKS_EXTENSION]: {} },
};

/** The base task fields of revision 2025-11-25. */
export function legacyTask(record: TaskRecord, limits: TaskStoreLimits): Record<string, unknown> {
  const toolError = record.status === 'completed' && record.result?.isError === true;
  const code = toolError ? record.result?._meta?.[ERROR_CODE_META] : undefined;
  return {
    taskId: record.taskId,
    status: toolError ? 'failed' : record.status,
    ...(record.statusMessage === undefined ? {} : { statusMessage: record.statusMessage }),
    createdAt: new Date(record.createdAt).toISOString(),
    lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),
    ttl: record.ttlMs,
    pollInterval: limits.pollIntervalMs,
    ...(code === undefined ? {} : { _meta: { [ERROR_CODE_META]: code } }),
  };
}

/** The flat, detailed task of revision 2026-07-28 (result or error inlined once terminal). */
export function modernTask(record: TaskRecord, limits: TaskStoreLimits): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    ...(record.statusMessage === undefined ? {} : { statusMessage: record.statusMessage }),
    createdAt: new Date(record.createdAt).toISOString(),
    lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),
    ttlMs: record.ttlMs,
    pollIntervalMs: limits.pollIntervalMs,
    ...(record.status === 'completed' && record.result !== undefined ? { result: record.result } : {}),
    ...(record.status === 'failed' && record.error !== undefined ? { error: record.error } : {}),
  };
}

/** What tasks/result answers for a finished task (2025-11-25): the call's own result, tied to the task. */
export function legacyPayload(record: TaskRecord): CallToolResult {
  const result: CallToolResult =
    record.result ??
    ({
      content: [
        { type: 'text', text: `${record.tool}: ${record.statusMessage ?? 'the task was cancelled'}` },
      ],
      isError: true,
    } as CallToolResult);
  return { ...result, _meta: { ...result._meta, [RELATED_TASK]: { taskId: record.taskId } } };
}

/** Whether per-request `_meta` declares the tasks extension (2026-07-28). */
export function declaresTasksExtension(meta: unknown): boolean {
  if (typeof meta !== 'object' || meta === null) return false;
  const capabilities = (meta as Record<string, unknown>)[CLIENT_CAPABILITIES];
  if (typeof capabilities !== 'object' || capabilities === null) return false;
  const extensions = (capabilities as { extensions?: unknown }).extensions;
  return typeof extensions === 'object' && extensions !== null && TASKS_EXTENSION in extensions;
}

/** The not-found error both eras use for an unknown or expired task id. */
export function unknownTaskMessage(taskId: string): string {
  return `task "${taskId}" not found: it never existed on this server process or expired (tasks live in the process that created them, for their ttl)`;
}
