/**
 * Registers every tool whose domain group is present in `deps`, one file per tool.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../deps.js';
import { registerFindComponentsTool } from './find-components.js';
import { registerFindIntegrationsTool } from './find-integrations.js';
import { registerGetComponentTool } from './get-component.js';
import { registerListComponentsTool } from './list-components.js';
import { registerSearchRecipesTool } from './search-recipes.js';

/** Adds the tools to `server`. */
export function registerTools(server: McpServer, deps: ServerDeps): void {
  const { graph, log } = deps;
  if (graph !== undefined) {
    registerListComponentsTool(server, graph, log);
    registerGetComponentTool(server, graph, log);
    registerFindComponentsTool(server, graph, log);
    registerFindIntegrationsTool(server, graph, log);
    registerSearchRecipesTool(server, graph, log);
  }
}
