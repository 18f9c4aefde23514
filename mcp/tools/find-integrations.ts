/**
 * find_integrations: how two components connect, directly or through a chain of integrations.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { type IntegrationRoute, IntegrationRouteSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  from: z.string().min(1).max(64).describe('Component the data or call starts at, e.g. "aprender"'),
  to: z.string().min(1).max(64).describe('Component it should reach, e.g. "realizar"'),
};

const outputSchema = IntegrationRouteSchema;

/** Registers find_integrations. */
export function registerFindIntegrationsTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'find_integrations',
    {
      title: 'Find integrations between components',
      description:
        'Show how one component connects to another: the direct integration patterns between them, or the ' +
        'shortest chain of integrations (marking hops that run against the data flow) when there is none.',
      inputSchema,
      outputSchema,
      icons: ICONS.graph,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('find_integrations', log, outputSchema, () => {
        const route = graph.findIntegrations(args.from, args.to);
        return { structured: route, text: describeRoute(route) };
      }),
  );
}

function describeRoute(route: IntegrationRoute): string {
  if (route.mode === 'none') return `No chain of integrations connects ${route.from} and ${route.to}.`;
  const head =
    route.mode === 'direct'
      ? `${route.from} -> ${route.to} directly:`
      : `${route.from} reaches ${route.to} in ${route.hops.length} hops${route.mode === 'undirected' ? ' (some against the flow)' : ''}:`;
  const lines =
    route.mode === 'direct'
      ? route.direct.map((i) => `- ${i.pattern}: ${i.description}`)
      : route.hops.map((h) => `- ${h.explanation}`);
  return [head, ...lines].join('\n');
}
