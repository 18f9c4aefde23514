/**
 * Long tools: the tools that may run as tasks (indexing a folder, the transpile, validate and deploy
 * phases). Each is registered once with the SDK as a plain tool (progress notifications, cancellation by
 * notifications/cancelled) and, when the server has a task store, also recorded here with its argument
 * schema and its work, so a task-augmented call can run the same work under the task's own signal and
 * progress reporter. On revision 2025-11-25 such a tool says `execution.taskSupport: "optional"`.
 */
import type { CallToolResult, Icon, McpServer, ToolAnnotations } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type LongRunControl, longRunControl } from '../progress.js';
import type { Logger } from '../tool-result.js';
import type { TaskStore } from './store.js';

/** What a task-capable tool does with its parsed arguments. */
export type LongToolWork = (
  args: Record<string, unknown>,
  control: LongRunControl,
) => Promise<CallToolResult>;

export interface LongTool {
  readonly input: z.ZodType<Record<string, unknown>>;
  readonly work: LongToolWork;
}

export interface LongToolConfig<S extends Record<string, z.ZodType>> {
  readonly title: string;
  readonly description: string;
  readonly inputSchema: S;
  readonly outputSchema: z.ZodType;
  readonly icons: readonly Icon[];
  readonly annotations: ToolAnnotations;
}

/** The long tools of each server and the store their tasks go to (absent: tasks are not offered). */
const registries = new WeakMap<McpServer, TaskRegistry & { readonly tools: Map<string, LongTool> }>();

/** What a server that offers tasks knows: where tasks go, which tools can be tasks, where to log. */
export interface TaskRegistry {
  readonly store: TaskStore;
  readonly tools: ReadonlyMap<string, LongTool>;
  readonly log: Logger;
}

/** Offers tasks on `server`: its long tools, registered after this, can run as tasks in `store`. */
export function enableTasks(server: McpServer, store: TaskStore, log: Logger): void {
  registries.set(server, { store, tools: new Map(), log });
}

/** The task store and long tools of `server`, when it offers tasks. */
export function tasksOf(server: McpServer): TaskRegistry | undefined {
  return registries.get(server);
}

/** Registers a long tool: a plain tool with progress and cancellation, and a task when tasks are offered. */
export function registerLongTool<S extends Record<string, z.ZodType>>(
  server: McpServer,
  name: string,
  config: LongToolConfig<S>,
  typedWork: (args: z.output<z.ZodObject<S>>, control: LongRunControl) => Promise<CallToolResult>,
): void {
  const registry = registries.get(server);
  const work = typedWork as LongToolWork;
  registry?.tools.set(name, {
    input: z.object(config.inputSchema) as z.ZodType<Record<string, unknown>>,
    work,
  });
  const shape: Record<string, z.ZodType> = config.inputSchema;
  const registered = server.registerTool(
    name,
    { ...config, inputSchema: shape, icons: [...config.icons] },
    (args: Record<string, unknown>, extra) => work(args, longRunControl(extra)),
  );
  // registerTool takes no execution field; the registered tool carries it into tools/list.
  if (registry !== undefined) registered.execution = { taskSupport: 'optional' };
}
