/** The knowledge layer's entry: the validated knowledge base, its graph and the queries over it. */
export {
  createKnowledgeGraph,
  type EdgeAttributes,
  type KnowledgeGraph,
  type NodeAttributes,
} from './graph.js';
export { defaultKnowledgeDir, loadKnowledge } from './load.js';
export {
  describePublished,
  fixHint,
  normalizeName,
  publishedField,
  publishedNames,
  suggest,
} from './names.js';
export { findIntegrationRoute, type Hop, type IntegrationRoute } from './path.js';
export {
  type ComponentDetail,
  capabilitiesOf,
  findComponentsWithCapability,
  findRecipes,
  findReplacements,
  getComponentDetail,
  type LayerListing,
  LOOKUP_MAX_CHARS,
  listComponentsByLayer,
  resolveCapability,
  resolveComponent,
} from './queries.js';
export type {
  Capability,
  Component,
  Domain,
  Integration,
  Knowledge,
  Language,
  Layer,
  Platform,
  Recipe,
} from './schema.js';
