/**
 * search_recipes: ready-made Rust code for a problem, with a test, using the stack's components.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { GraphDeps } from '../deps.js';
import { RecipeSchema } from '../schemas.js';
import { type Logger, runTool } from '../tool-result.js';

const inputSchema = {
  query: z
    .string()
    .min(1)
    .max(500)
    .describe('The problem in plain words or tags, e.g. "serve a model over HTTP" or "simd matmul"'),
  limit: z.number().int().min(1).max(20).default(5).describe('How many recipes to return, best first (1-20)'),
};

const outputSchema = {
  recipes: z.array(RecipeSchema).describe('Matching recipes, best first; empty when none matches'),
};

/** Registers search_recipes. */
export function registerSearchRecipesTool(server: McpServer, graph: GraphDeps, log: Logger): void {
  server.registerTool(
    'search_recipes',
    {
      title: 'Search code recipes',
      description:
        'Search the recipes: Rust code (with a test) that solves a common problem with the stack components. ' +
        'Returns the best matches first; an empty list means no recipe fits.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      runTool('search_recipes', log, outputSchema, () => {
        const recipes = [...graph.searchRecipes(args.query.trim(), args.limit)];
        const text =
          recipes.length === 0
            ? `No recipe matches "${args.query}".`
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
