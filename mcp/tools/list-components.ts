/**
 * list_components: the 20 components of the stack by layer, the cheapest way for a model to learn the
 * vocabulary before asking anything else.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { ComponentSummarySchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  layer: z
    .number()
    .int()
    .min(0)
    .max(6)
    .optional()
    .describe('Only components of this layer, 0 (compute primitives) to 6 (data and MLOps); omit for all'),
};

const outputSchema = z.object({
  components: z.array(ComponentSummarySchema).describe('Components ordered by layer, then name'),
});

/** Registers list_components. */
export function registerListComponentsTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'list_components',
    {
      title: 'List stack components',
      description:
        'List the components of the Sovereign AI Stack with their layer, version and a one-line summary. ' +
        'Call it to learn which names exist; use get_component for one component in full.',
      inputSchema,
      outputSchema,
      icons: ICONS.graph,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('list_components', log, outputSchema, () => {
        const components = graph
          .listComponents()
          .filter((component) => args.layer === undefined || component.layer === args.layer);
        const lines = components.map(
          (c) =>
            `- ${c.name} ${c.version} (layer ${c.layer}, ${c.layerName}${c.published === undefined || c.published.crate === c.name ? '' : `; published as ${c.published.crate}`}): ${c.summary}`,
        );
        const text = lines.length === 0 ? `No component in layer ${args.layer}.` : lines.join('\n');
        return { structured: { components: [...components] }, text };
      }),
  );
}
