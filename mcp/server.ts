/**
 * `createServer(deps)`: the one place that assembles the MCP server from its tools, resources and
 * prompts. Everything the server does goes through `deps`, built by the entry code from the real domain
 * and by tests from fakes, so the same server runs over stdio, HTTP and the in-memory transport.
 */
import type { CacheHint, McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from './deps.js';
import { ICONS } from './icons.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import { TaskAwareMcpServer } from './tasks/front.js';
import { registerTaskHandlers } from './tasks/handlers.js';
import { enableTasks } from './tasks/long-tools.js';
import { TASK_CAPABILITIES } from './tasks/wire.js';
import { registerTools } from './tools/index.js';

/** Name and version the server announces in `initialize` and `server/discover`. */
export const SERVER_INFO = {
  name: 'batuta',
  title: 'Batuta Oracle',
  version: '0.1.0',
  icons: ICONS.server,
};

/**
 * How long a 2026-07-28 client may keep a result (clients of earlier revisions get no cache fields). The
 * lists depend only on the server's build, so any cache may keep them for an hour; a document or a
 * collection can change when a folder is re-indexed, so reads are kept a minute and by this client only.
 */
const LIST_HINT: CacheHint = { ttlMs: 3_600_000, cacheScope: 'public' };
export const CACHE_HINTS = {
  'server/discover': LIST_HINT,
  'tools/list': LIST_HINT,
  'prompts/list': LIST_HINT,
  'resources/templates/list': LIST_HINT,
  'resources/list': { ttlMs: 60_000, cacheScope: 'private' },
  'resources/read': { ttlMs: 60_000, cacheScope: 'private' },
} as const satisfies Record<string, CacheHint>;

/** Read by the model at connect time: what this server is for and where to start. */
export const INSTRUCTIONS = `Batuta Oracle knows the 20 components of the Sovereign AI Stack (Rust crates for compute, ML, \
transpilation, orchestration, quality and data) and helps migrate Python, C/C++ and shell projects to Rust.

Start with oracle_query for any "which component should I use / how do I ..." question: it returns a primary \
component, supporting ones, the integration path, a compute backend and citations. Use search_docs to read the \
specs behind an answer (then read a hit in full through its batuta://docs/... resource), list_components, \
get_component, find_components (by capability) and find_integrations for exact graph facts, search_recipes \
for Rust code, and index_collection to make a folder of your own documents searchable.

To migrate a project, call migration_analyze on its folder first, then migration_plan, then run \
migration_transpile, migration_optimize, migration_validate and migration_deploy in that order; \
migration_status tells which phase is next, and migration_reset starts a project over (its state damaged or \
unwanted). When no transpiler is installed, or you want to write the Rust \
yourself, call migration_transpile with by "agent": read each pending file's brief (prompt translate_file), \
hand in the code with migration_submit_translation (it builds the crate), call migration_transpile again, \
then migration_validate judges your translation against the original program. File paths must lie inside the server's allowed roots. A failed \
call returns an error that says how to fix the arguments.`;

/**
 * Builds a server with every tool, resource and prompt whose domain dependency is present in `deps`; with a
 * task store in `deps`, its long tools can also run as tasks.
 */
export function createServer(deps: ServerDeps): McpServer {
  const server = new TaskAwareMcpServer(SERVER_INFO, {
    instructions: INSTRUCTIONS,
    capabilities: { logging: {}, ...(deps.tasks === undefined ? {} : TASK_CAPABILITIES) },
    cacheHints: CACHE_HINTS,
  });
  server.server.onerror = (error) => deps.log(`protocol: ${error.message}`);
  if (deps.tasks !== undefined) {
    enableTasks(server, deps.tasks, deps.log);
    registerTaskHandlers(server, deps.tasks);
  }
  registerTools(server, deps);
  registerResources(server, deps);
  registerPrompts(server, deps);
  return server;
}
