/**
 * GraphDeps over the knowledge layer's queries: names resolve the way people type them (with
 * suggestions on a miss), and results are reshaped into the MCP contract of schemas.ts. The only logic
 * here is ranking recipes by shared content words for search_recipes' free-text query.
 */
import {
  type Component,
  createKnowledgeGraph,
  findComponentsWithCapability,
  findIntegrationRoute,
  findRecipes,
  getComponentDetail,
  type Knowledge,
  listComponentsByLayer,
  publishedField,
  type Recipe,
} from '../src/knowledge/index.js';
import { contentStems } from '../src/text/index.js';
import type { GraphDeps } from './deps.js';
import type { ComponentSummary, RecipeOut } from './schemas.js';

/** Builds GraphDeps over one knowledge base; the graph is built once here. */
export function createGraphDeps(knowledge: Knowledge): GraphDeps {
  const kg = createKnowledgeGraph(knowledge);
  const layerName = new Map(knowledge.layers.map((layer) => [layer.id, layer.name]));
  const summary = (c: Component): ComponentSummary => ({
    name: c.name,
    display: c.display,
    version: c.version,
    layer: c.layer,
    layerName: layerName.get(c.layer) ?? `Layer ${c.layer}`,
    summary: c.summary,
    ...publishedField(c),
  });
  return {
    listComponents: () => listComponentsByLayer(kg).flatMap((listing) => listing.components.map(summary)),
    getComponent(name) {
      const d = getComponentDetail(kg, name);
      return {
        ...summary(d.component),
        description: d.component.description,
        capabilities: [...d.component.capabilities],
        domains: [...d.component.domains],
        replaces: [...d.component.replaces],
        platforms: [...d.component.platforms],
        languages: { reads: [...d.component.languages.reads], writes: [...d.component.languages.writes] },
        integrations: [...d.integrationsOut, ...d.integrationsIn].map((i) => ({ ...i })),
        recipes: d.recipes.map((r) => r.id),
      };
    },
    findComponents(text) {
      const found = findComponentsWithCapability(kg, text);
      const { id, name, description } = found.capability;
      return { capability: { id, name, description }, components: found.components.map(summary) };
    },
    findIntegrations(from, to) {
      const route = findIntegrationRoute(kg, from, to);
      return {
        from: route.from,
        to: route.to,
        mode: route.mode,
        direct: route.direct.map((i) => ({ ...i })),
        hops: route.hops.map((h) => ({
          from: h.from,
          to: h.to,
          pattern: h.integration.pattern,
          reversed: h.reversed,
          explanation: h.explanation,
        })),
      };
    },
    searchRecipes(filter, limit) {
      const recipes = findRecipes(kg, {
        ...(filter.component === undefined ? {} : { component: filter.component }),
        ...(filter.tag === undefined ? {} : { tag: filter.tag }),
      });
      return rankRecipes(recipes, filter.query).slice(0, limit).map(recipeOut);
    },
  };
}

/** Recipes sharing the most content words with `query` first; with no query, in data order. */
function rankRecipes(recipes: readonly Recipe[], query: string | undefined): Recipe[] {
  const wanted = new Set(contentStems(query ?? ''));
  if (wanted.size === 0) return [...recipes];
  const scored = recipes.map((recipe, order) => {
    const words = new Set(
      contentStems(`${recipe.problem} ${recipe.tags.join(' ')} ${recipe.components.join(' ')}`),
    );
    const shared = [...wanted].filter((word) => words.has(word)).length;
    return { recipe, shared, order };
  });
  return scored
    .filter((s) => s.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.order - b.order)
    .map((s) => s.recipe);
}

function recipeOut(r: Recipe): RecipeOut {
  return {
    id: r.id,
    problem: r.problem,
    components: [...r.components],
    tags: [...r.tags],
    code: r.code,
    test: r.test,
  };
}
