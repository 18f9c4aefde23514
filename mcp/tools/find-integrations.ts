/**
 * find_integrations: how two components connect, directly or through a chain of integrations.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { IntegrationSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  from: z.string().min(1).max(64).describe('Component the data or call starts at, e.g. "aprender"'),
  to: z.string().min(1).max(64).describe('Component it should reach, e.g. "realizar"'),
};

const outputSchema = {
  from: z.string().describe('Start component'),
  to: z.string().describe('End component'),
  direct: z.array(IntegrationSchema).describe('Integrations that connect the two directly'),
  path: z
    .array(z.string())
    .nullable()
    .describe('Shortest chain of components from start to end, or null when none exists'),
  steps: z.array(IntegrationSchema).describe('The integration used at each hop of the path'),
};

/** Registers find_integrations. */
export function registerFindIntegrationsTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'find_integrations',
    {
      title: 'Find integrations between components',
      description:
        'Show how one component connects to another: the direct integration patterns between them, and ' +
        'the shortest chain of integrations when they are not directly connected.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('find_integrations', log, outputSchema, () => {
        const from = args.from.trim().toLowerCase();
        const to = args.to.trim().toLowerCase();
        const found = graph.findIntegrations(from, to);
        const structured = {
          from,
          to,
          direct: [...found.direct],
          path: found.path === null ? null : [...found.path],
          steps: [...found.steps],
        };
        return { structured, text: describeIntegrations(structured) };
      }),
  );
}

function describeIntegrations(found: {
  from: string;
  to: string;
  direct: readonly z.infer<typeof IntegrationSchema>[];
  path: readonly string[] | null;
  steps: readonly z.infer<typeof IntegrationSchema>[];
}): string {
  const direct = found.direct.map((i) => `- ${i.pattern}: ${i.description}`);
  const path =
    found.path === null
      ? `No chain of integrations leads from ${found.from} to ${found.to}.`
      : `Path: ${found.path.join(' -> ')}\n${found.steps.map((s) => `- ${s.from} -> ${s.to} (${s.pattern})`).join('\n')}`;
  return [
    direct.length > 0
      ? `Direct integrations ${found.from} -> ${found.to}:\n${direct.join('\n')}`
      : 'No direct integration.',
    path,
  ].join('\n');
}
