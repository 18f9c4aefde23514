/**
 * get_component: one component in full (capabilities, platforms, what it replaces, its integrations).
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { type ComponentDetail, ComponentDetailSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  name: z
    .string()
    .min(1)
    .max(64)
    .describe('Component name as listed by list_components, e.g. "trueno-db" (case-insensitive)'),
};

const outputSchema = z.object({ component: ComponentDetailSchema.describe('The component in full') });

/** Registers get_component. */
export function registerGetComponentTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'get_component',
    {
      title: 'Get one component',
      description:
        'Show one stack component in full: what it is, its capabilities, platforms, the tools it replaces ' +
        'and its integrations with other components. Unknown names fail with the list of valid ones.',
      inputSchema,
      outputSchema,
      icons: ICONS.graph,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('get_component', log, outputSchema, () => {
        const component = graph.getComponent(args.name);
        return { structured: { component }, text: describeComponent(component) };
      }),
  );
}

/** Markdown view of a component, shared with the batuta://components resource. */
export function describeComponent(c: ComponentDetail): string {
  const integrations = c.integrations.map((i) => `- ${i.from} -> ${i.to} (${i.pattern}): ${i.description}`);
  return [
    `# ${c.display} ${c.version}`,
    `Layer ${c.layer} (${c.layerName}). ${c.summary}`,
    ...(c.published === undefined
      ? []
      : [
          `Published as ${c.published.crate} (${c.published.repository}${c.published.since === undefined ? '' : `, since ${c.published.since}`}).`,
        ]),
    '',
    c.description,
    '',
    `Capabilities: ${c.capabilities.join(', ')}`,
    `Platforms: ${c.platforms.join(', ')}`,
    c.replaces.length > 0 ? `Replaces: ${c.replaces.join(', ')}` : 'Replaces: -',
    `Languages: reads ${c.languages.reads.join(', ') || '-'}; writes ${c.languages.writes.join(', ') || '-'}`,
    '',
    'Integrations:',
    ...(integrations.length > 0 ? integrations : ['- none recorded']),
    '',
    `Recipes: ${c.recipes.join(', ') || '-'}`,
  ].join('\n');
}
