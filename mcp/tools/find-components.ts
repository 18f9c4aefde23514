/**
 * find_components: which components have a capability ("support WASM", "vector search").
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { ComponentSummarySchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  capability: z
    .string()
    .min(1)
    .max(100)
    .describe('Capability id, name or synonym, e.g. "wasm", "vector-search" or "GPU acceleration"'),
};

const outputSchema = z.object({
  capability: z
    .object({
      id: z.string().describe('Capability id'),
      name: z.string().describe('Capability name'),
      description: z.string().describe('What having it means'),
    })
    .describe('The capability the input resolved to'),
  components: z.array(ComponentSummarySchema).describe('Components that have it, by layer'),
});

/** Registers find_components. */
export function registerFindComponentsTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'find_components',
    {
      title: 'Find components by capability',
      description:
        'Find the stack components that have a capability, e.g. "wasm" or "vector search". Use it for ' +
        'exact "which components support X" questions; for open questions call oracle_query instead.',
      inputSchema,
      outputSchema,
      icons: ICONS.graph,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('find_components', log, outputSchema, () => {
        const found = graph.findComponents(args.capability);
        const lines = found.components.map((c) => `- ${c.name} (layer ${c.layer}): ${c.summary}`);
        const text = `Components with ${found.capability.name} (${found.capability.id}):\n${lines.join('\n') || '- none'}`;
        return { structured: { capability: found.capability, components: [...found.components] }, text };
      }),
  );
}
