/**
 * What the MCP server needs from the domain, grouped by layer. The entry code (domain-deps.ts) builds
 * these from src/index.ts; tests pass fakes. A group that is absent (its layer failed to load, or is not
 * built) leaves its tools unregistered instead of exposing tools that cannot work.
 */
import type { AllowedRoots } from './roots.js';
import type { ComponentDetail, ComponentSummary, IntegrationOut, RecipeOut } from './schemas.js';
import type { Logger } from './tool-result.js';

/** Graph facts from the knowledge base. Lookups of unknown names throw NotFoundError. */
export interface GraphDeps {
  listComponents(): readonly ComponentSummary[];
  getComponent(name: string): ComponentDetail;
  /** Components with a capability, matched by id, name or synonym (e.g. "wasm", "vector search"). */
  findComponents(capability: string): { capability: string; components: readonly ComponentSummary[] };
  /** Direct integrations between two components and the shortest path of integrations from one to the other. */
  findIntegrations(
    from: string,
    to: string,
  ): { direct: readonly IntegrationOut[]; path: readonly string[] | null; steps: readonly IntegrationOut[] };
  /** Recipes ranked by how well they match the words of `query`, best first. */
  searchRecipes(query: string, limit: number): readonly RecipeOut[];
}

/** Everything the server needs; the domain groups are optional (see above). */
export interface ServerDeps {
  readonly log: Logger;
  readonly roots: AllowedRoots;
  readonly graph?: GraphDeps;
}
