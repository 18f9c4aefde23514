/**
 * Task-augmented tool calls. The SDK answers every tools/call with a CallToolResult, so a call that asks
 * for a task is taken before the SDK dispatches it: after the server connects to a transport, its inbound
 * handler is chained with one that picks out tools/call requests of a long tool that ask for a task
 * (revision 2025-11-25: a `task` param; revision 2026-07-28: the tasks extension declared in the request's
 * client capabilities), starts the work in the shared task store and answers with the CreateTaskResult of
 * the request's revision. Every other message goes on to the SDK untouched.
 */
import {
  type CallToolResult,
  type JSONRPCMessage,
  McpServer,
  type MessageExtraInfo,
  PROTOCOL_VERSION_META_KEY,
  type Transport,
} from '@modelcontextprotocol/server';
import { codeSdkToolErrors, describeIssues, refusedArguments } from '../argument-errors.js';
import { type LongRunControl, PROGRESS_TOTAL } from '../progress.js';
import { type LongTool, type TaskRegistry, tasksOf } from './long-tools.js';
import { type TaskRecord, TaskRefusedError } from './store.js';
import { declaresTasksExtension, legacyTask, MODEL_IMMEDIATE_RESPONSE, modernTask } from './wire.js';

/**
 * An McpServer whose long tools can run as tasks once `enableTasks` was called on it, and whose tool errors
 * all carry an error code (see argument-errors.ts).
 */
export class TaskAwareMcpServer extends McpServer {
  override async connect(transport: Transport): Promise<void> {
    await super.connect(transport);
    codeSdkToolErrors(transport);
    const registry = tasksOf(this);
    if (registry !== undefined) interceptTaskCalls(transport, registry);
  }
}

interface TaskCall {
  readonly id: string | number;
  readonly name: string;
  readonly tool: LongTool | undefined;
  readonly args: unknown;
  readonly modern: boolean;
  readonly ttlMs?: number;
  readonly progressToken?: string | number;
}

type Send = (message: JSONRPCMessage) => void;

function interceptTaskCalls(transport: Transport, registry: TaskRegistry): void {
  const next = transport.onmessage;
  if (next === undefined) return;
  const send: Send = (message) => {
    transport.send(message).catch((error: unknown) => {
      registry.log(
        `tasks: could not send ${describe(message)}: ${error instanceof Error ? error.message : error}`,
      );
    });
  };
  transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
    const call = taskCallOf(message, registry);
    if (call === null) return next(message, extra);
    try {
      startTask(call, registry, transport.sessionId ?? null, send);
    } catch (error) {
      registry.log(`tasks: ${call.name}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      send({
        jsonrpc: '2.0',
        id: call.id,
        error: { code: -32603, message: 'Internal error (see the server log)' },
      });
    }
  };
}

/** The task-augmented long-tool call in `message`, or null when the SDK should handle it. */
function taskCallOf(message: JSONRPCMessage, registry: TaskRegistry): TaskCall | null {
  if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) return null;
  const params = (message.params ?? {}) as Record<string, unknown>;
  const meta = params['_meta'] as Record<string, unknown> | undefined;
  const modern = meta !== undefined && PROTOCOL_VERSION_META_KEY in meta;
  const task = params['task'];
  const asked = modern ? declaresTasksExtension(meta) : typeof task === 'object' && task !== null;
  const name = String(params['name'] ?? '');
  const tool = registry.tools.get(name);
  if (!asked || (modern && tool === undefined)) return null;
  const ttl = (task as { ttl?: unknown } | undefined)?.ttl;
  const token = meta?.['progressToken'];
  return {
    id: message.id,
    name,
    tool,
    args: params['arguments'] ?? {},
    modern,
    ...(typeof ttl === 'number' && Number.isFinite(ttl) ? { ttlMs: ttl } : {}),
    ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
  };
}

function startTask(call: TaskCall, registry: TaskRegistry, session: string | null, send: Send): void {
  const fail = (code: number, message: string) =>
    send({ jsonrpc: '2.0', id: call.id, error: { code, message } });
  if (call.tool === undefined) {
    fail(-32601, `tool ${call.name} does not run as a task (its execution.taskSupport is forbidden)`);
    return;
  }
  const parsed = call.tool.input.safeParse(call.args);
  const tool = call.tool;
  // Refused arguments are the call's answer, as for a plain call: a task that ends with that tool error.
  const work: (control: LongRunControl) => Promise<CallToolResult> = parsed.success
    ? (control) => tool.work(parsed.data, control)
    : async () => refusedArguments(call.name, describeIssues(parsed.error.issues));
  let record: TaskRecord;
  try {
    record = registry.store.start({
      tool: call.name,
      owner: call.modern ? null : session,
      ...(call.ttlMs === undefined ? {} : { ttlMs: call.ttlMs }),
      work,
      ...(call.modern ? {} : { onChange: legacyNotifier(call, registry, send) }),
    });
  } catch (error) {
    if (!(error instanceof TaskRefusedError)) throw error;
    fail(-32000, `${call.name}: ${error.message}`);
    return;
  }
  registry.log(`tasks: ${call.name} started as task ${record.taskId}`);
  const limits = registry.store.limits;
  const result = call.modern
    ? { resultType: 'task', ...modernTask(record, limits) }
    : {
        task: legacyTask(record, limits),
        _meta: {
          [MODEL_IMMEDIATE_RESPONSE]: `${call.name} is running as task ${record.taskId}; its result will be available when it finishes.`,
        },
      };
  send({ jsonrpc: '2.0', id: call.id, result });
}

/**
 * Revision 2025-11-25 lets a task keep the progress token of the call that created it, and offers
 * notifications/tasks/status: progress goes out as notifications/progress (strictly increasing), each
 * change of status as a status notification.
 */
function legacyNotifier(call: TaskCall, registry: TaskRegistry, send: Send): (task: TaskRecord) => void {
  let lastProgress = -1;
  let lastStatus = 'working';
  return (task) => {
    const progress = Math.round((task.progress ?? 0) * PROGRESS_TOTAL);
    if (call.progressToken !== undefined && task.status === 'working' && progress > lastProgress) {
      lastProgress = progress;
      send({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: {
          progressToken: call.progressToken,
          progress,
          total: PROGRESS_TOTAL,
          ...(task.statusMessage === undefined ? {} : { message: task.statusMessage }),
        },
      });
    }
    const wire = legacyTask(task, registry.store.limits);
    if (wire['status'] !== lastStatus) {
      lastStatus = String(wire['status']);
      send({ jsonrpc: '2.0', method: 'notifications/tasks/status', params: wire });
    }
  };
}

function describe(message: JSONRPCMessage): string {
  return 'method' in message ? message.method : `the answer to request ${'id' in message ? message.id : '?'}`;
}
