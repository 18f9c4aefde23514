/**
 * The tasks/* methods, answered from the shared task store on every server the process builds. Revision
 * 2025-11-25: tasks/get, tasks/result (waits for the end), tasks/list (the tasks of the caller's session)
 * and tasks/cancel (answers the cancelled task). Revision 2026-07-28 (the extension): tasks/get (the result
 * inlined), tasks/cancel and tasks/update (acknowledged, as the spec says), each refused with -32021 unless
 * the request declares the extension; the SDK itself answers tasks/result and tasks/list with -32601 there,
 * since that revision removed them.
 */
import { type McpServer, ProtocolError, type ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type TaskRecord, type TaskStore, TERMINAL } from './store.js';
import {
  declaresTasksExtension,
  legacyPayload,
  legacyTask,
  MISSING_CLIENT_CAPABILITY,
  modernTask,
  TASKS_EXTENSION,
  unknownTaskMessage,
} from './wire.js';

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;

const TASK_ID = {
  params: z.looseObject({ taskId: z.string().min(1).max(200).describe('Id the server gave the task') }),
};
const LIST = {
  params: z.looseObject({
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  }),
};

/** Registers the tasks/* request handlers of `server` over `store`. */
export function registerTaskHandlers(server: McpServer, store: TaskStore): void {
  const low = server.server;
  low.setRequestHandler('tasks/get', TASK_ID, ({ taskId }, ctx) => {
    const modern = modernRequest(ctx);
    const record = find(store, taskId);
    return modern ? modernTask(record, store.limits) : legacyTask(record, store.limits);
  });
  low.setRequestHandler('tasks/cancel', TASK_ID, ({ taskId }, ctx) => {
    const modern = modernRequest(ctx);
    const before = find(store, taskId);
    if (!modern && TERMINAL.has(before.status)) {
      throw new ProtocolError(
        INVALID_PARAMS,
        `Cannot cancel task: already in terminal status '${legacyTask(before, store.limits)['status']}'`,
      );
    }
    const after = store.cancel(taskId) ?? before;
    return modern ? {} : legacyTask(after, store.limits);
  });
  low.setRequestHandler('tasks/update', TASK_ID, ({ taskId }, ctx) => {
    if (!modernRequest(ctx)) throw new ProtocolError(METHOD_NOT_FOUND, 'Method not found');
    find(store, taskId);
    return {};
  });
  low.setRequestHandler('tasks/result', TASK_ID, async ({ taskId }, ctx) => {
    modernRequest(ctx);
    find(store, taskId);
    const record = await store.finished(taskId);
    if (record === undefined) throw new ProtocolError(INVALID_PARAMS, unknownTaskMessage(taskId));
    if (record.status === 'failed' && record.error !== undefined) {
      throw new ProtocolError(record.error.code, record.error.message, record.error.data);
    }
    return legacyPayload(record);
  });
  low.setRequestHandler('tasks/list', LIST, ({ cursor }, ctx) => {
    modernRequest(ctx);
    const page = store.list(ctx.sessionId ?? null, cursor);
    if (page.badCursor === true) throw new ProtocolError(INVALID_PARAMS, `unknown cursor "${cursor}"`);
    return {
      tasks: page.tasks.map((record) => legacyTask(record, store.limits)),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    };
  });
}

/**
 * Whether the request is of revision 2026-07-28 (it carries the per-request envelope); such a request must
 * declare the tasks extension, or it is refused as the extension says.
 */
function modernRequest(ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope;
  if (envelope === undefined) return false;
  if (!declaresTasksExtension(envelope)) {
    throw new ProtocolError(
      MISSING_CLIENT_CAPABILITY,
      `Missing required client capability: declare the ${TASKS_EXTENSION} extension in the request's client capabilities`,
      { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
    );
  }
  return true;
}

function find(store: TaskStore, taskId: string): TaskRecord {
  const record = store.get(taskId);
  if (record === undefined) throw new ProtocolError(INVALID_PARAMS, unknownTaskMessage(taskId));
  return record;
}
