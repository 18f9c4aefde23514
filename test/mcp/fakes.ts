/**
 * Small hand-made domain data behind the ServerDeps interfaces, so every tool, resource and prompt can be
 * exercised in-process without the real knowledge base, indexes or transpilers.
 */
import type { GraphDeps, ServerDeps } from '../../mcp/deps.js';
import type { AllowedRoots } from '../../mcp/roots.js';
import type { ComponentDetail, IntegrationOut, RecipeOut } from '../../mcp/schemas.js';
import { NotFoundError } from '../../src/index.js';

function component(name: string, layer: number, capabilities: string[]): ComponentDetail {
  return {
    name,
    display: name.toUpperCase(),
    version: '0.1.0',
    layer,
    layerName: `Layer ${layer}`,
    summary: `${name} summary`,
    description: `${name} description`,
    capabilities,
    domains: ['testing'],
    replaces: name === 'trueno' ? ['NumPy'] : [],
    platforms: ['cpu'],
    languages: { reads: [], writes: [] },
    integrations: [],
  };
}

export const COMPONENTS: readonly ComponentDetail[] = [
  component('trueno', 0, ['simd', 'gpu']),
  component('aprender', 1, ['ml-training', 'simd']),
  component('realizar', 1, ['inference']),
];

export const INTEGRATIONS: readonly IntegrationOut[] = [
  { from: 'aprender', to: 'trueno', pattern: 'compute backend', description: 'aprender runs on trueno' },
  { from: 'aprender', to: 'realizar', pattern: 'model export', description: 'models go to realizar' },
];

export const RECIPES: readonly RecipeOut[] = [
  {
    id: 'simd-dot',
    problem: 'dot product with simd',
    components: ['trueno'],
    tags: ['simd', 'vector'],
    code: 'fn main() {}',
    test: '#[test] fn t() {}',
  },
];

function find(name: string): ComponentDetail {
  const found = COMPONENTS.find((c) => c.name === name);
  if (found === undefined) {
    throw new NotFoundError(`component "${name}" does not exist (call list_components for the names)`);
  }
  return { ...found, integrations: INTEGRATIONS.filter((i) => i.from === name || i.to === name) };
}

export const fakeGraph: GraphDeps = {
  listComponents: () => COMPONENTS,
  getComponent: find,
  findComponents(capability) {
    const components = COMPONENTS.filter((c) => c.capabilities.includes(capability));
    if (components.length === 0) throw new NotFoundError(`capability "${capability}" is not known`);
    return { capability, components };
  },
  findIntegrations(from, to) {
    find(from);
    find(to);
    const direct = INTEGRATIONS.filter((i) => i.from === from && i.to === to);
    const path = direct.length > 0 ? [from, to] : null;
    return { direct, path, steps: direct };
  },
  searchRecipes(query, limit) {
    const words = query.toLowerCase().split(/\s+/);
    return RECIPES.filter((r) => r.tags.some((tag) => words.includes(tag))).slice(0, limit);
  },
};

/** Fake deps with every domain group present. */
export function fakeDeps(roots: AllowedRoots): ServerDeps {
  return { log: () => {}, roots, graph: fakeGraph };
}
