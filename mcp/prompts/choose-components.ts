/**
 * choose_components: a prompt that turns a problem statement into a component choice, giving the model
 * the component list up front and telling it which tools confirm the choice.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';

const argsSchema = {
  problem: z
    .string()
    .min(1)
    .describe('What the user wants to build, e.g. "train a classifier on GPU and serve it"'),
  constraints: z
    .string()
    .optional()
    .describe('Limits to respect, e.g. "must run in the browser (WASM)", "no GPU", "edge device"'),
};

/** Registers choose_components. */
export function registerChooseComponentsPrompt(server: McpServer, graph: GraphDeps): void {
  server.registerPrompt(
    'choose_components',
    {
      title: 'Choose stack components',
      description:
        'Pick the Sovereign AI Stack components for a problem, with reasons and the integration path',
      argsSchema,
    },
    (args) => {
      const list = graph
        .listComponents()
        .map((c) => `- ${c.name} (layer ${c.layer}, ${c.layerName}): ${c.summary}`)
        .join('\n');
      const constraints = args.constraints ? `\nConstraints: ${args.constraints}` : '';
      const text = `Choose the Sovereign AI Stack components for this problem.

Problem: ${args.problem}${constraints}

Components:
${list}

Steps: call oracle_query with the problem for a recommendation; check each candidate with get_component \
(and find_components for a required capability); call find_integrations between the primary and each \
supporting component. Answer with the primary component, the supporting ones with one reason each, the \
integration path, the compute backend (scalar, SIMD, GPU or distributed), and any constraint it cannot meet.`;
      return {
        description: `Component choice for: ${args.problem}`,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
}
