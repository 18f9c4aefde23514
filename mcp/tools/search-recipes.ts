/**
 * search_recipes: ready-made Rust code for a problem, with a test, using the stack's components.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { ICONS } from '../icons.js';
import { RecipeSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  query: z
    .string()
    .max(500)
    .optional()
    .describe('The problem in plain words, e.g. "serve a model over HTTP"; ranks recipes by shared words'),
  component: z.string().max(64).optional().describe('Only recipes that use this component, e.g. "trueno"'),
  tag: z.string().max(64).optional().describe('Only recipes with this tag, e.g. "simd"'),
  limit: z.number().int().min(1).max(20).default(5).describe('How many recipes to return, best first (1-20)'),
};

const outputSchema = z.object({
  recipes: z.array(RecipeSchema).describe('Matching recipes, best first; empty when none matches'),
});

/** Registers search_recipes. */
export function registerSearchRecipesTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'search_recipes',
    {
      title: 'Search code recipes',
      description:
        'Search the recipes: Rust code (with a test) that solves a common problem with the stack components. ' +
        'Filter by component and/or tag, rank by the words of a query; an empty list means no recipe fits.',
      inputSchema,
      outputSchema,
      icons: ICONS.graph,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('search_recipes', log, outputSchema, () => {
        const filter = {
          ...(args.query === undefined ? {} : { query: args.query }),
          ...(args.component === undefined ? {} : { component: args.component }),
          ...(args.tag === undefined ? {} : { tag: args.tag }),
        };
        const recipes = [...graph.searchRecipes(filter, args.limit)];
        const text =
          recipes.length === 0
            ? 'No recipe matches (try fewer filters or other words).'
            : recipes
                .map(
                  (r) =>
                    `## ${r.id}: ${r.problem}\nComponents: ${r.components.join(', ')}\n\n\`\`\`rust\n${r.code}\n\`\`\``,
                )
                .join('\n\n');
        return { structured: { recipes }, text };
      }),
  );
}
