/**
 * Graph queries: pure functions over a KnowledgeGraph. Names are matched the way people type them
 * (case, hyphens, plurals, filler words); an unknown name throws NotFoundError with suggestions.
 */
import { InvalidInputError, NotFoundError } from '../errors.js';
import { say } from '../fixes.js';
import { type KnowledgeGraph, nodeKey } from './graph.js';
import { coreWords, fixHint, normalizeName, suggest } from './names.js';
import type { Capability, Component, Integration, Layer, Recipe } from './schema.js';

/** One layer and its components, in the order of the data. */
export interface LayerListing {
  readonly layer: Layer;
  readonly components: readonly Component[];
}

/** Everything known about one component. */
export interface ComponentDetail {
  readonly component: Component;
  readonly layer: Layer;
  readonly capabilities: readonly Capability[];
  readonly integrationsOut: readonly Integration[];
  readonly integrationsIn: readonly Integration[];
  readonly recipes: readonly Recipe[];
}

/** The longest name, capability or tool a lookup takes (the MCP tools' limits are no longer than this). */
export const LOOKUP_MAX_CHARS = 100;

function requireText(text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidInputError(`${what} is empty (give a name, e.g. trueno)`);
  if (trimmed.length > LOOKUP_MAX_CHARS) {
    throw new InvalidInputError(
      `${what} is ${trimmed.length} characters long (keep it under ${LOOKUP_MAX_CHARS}, e.g. trueno)`,
      { length: trimmed.length },
    );
  }
  return trimmed;
}

/** The component `name` refers to (name or display name, any case); NotFoundError with suggestions. */
export function resolveComponent(kg: KnowledgeGraph, name: string): Component {
  const typed = requireText(name, 'the component name');
  const key = normalizeName(typed);
  const found = kg.componentNames.get(key) ?? kg.componentNames.get(key.replaceAll(' ', ''));
  if (found !== undefined) {
    const attributes = kg.graph.getNodeAttributes(nodeKey.component(found));
    if (attributes.kind === 'component') return attributes.component;
  }
  const suggestions = suggest(
    typed,
    kg.knowledge.components.map((c) => c.name),
  );
  const hint = fixHint(suggestions, say`see ${{ kind: 'list-components' }}`);
  throw new NotFoundError(say`no component named "${typed}"${hint}`, { name: typed, suggestions });
}

/** Components grouped by layer, lowest layer first. */
export function listComponentsByLayer(kg: KnowledgeGraph): LayerListing[] {
  return [...kg.knowledge.layers]
    .sort((a, b) => a.id - b.id)
    .map((layer) => ({ layer, components: kg.knowledge.components.filter((c) => c.layer === layer.id) }));
}

function capabilityById(kg: KnowledgeGraph, id: string): Capability {
  const attributes = kg.graph.getNodeAttributes(nodeKey.capability(id));
  if (attributes.kind !== 'capability') throw new Error(`capability node ${id} has kind ${attributes.kind}`);
  return attributes.capability;
}

/** The capabilities of one component, in the order its file lists them. */
export function capabilitiesOf(
  kg: KnowledgeGraph,
  name: string,
): { component: Component; capabilities: Capability[] } {
  const component = resolveComponent(kg, name);
  return { component, capabilities: component.capabilities.map((id) => capabilityById(kg, id)) };
}

/** One component in full: layer, capabilities, integrations in and out, and the recipes that use it. */
export function getComponentDetail(kg: KnowledgeGraph, name: string): ComponentDetail {
  const component = resolveComponent(kg, name);
  const layer = kg.knowledge.layers.find((l) => l.id === component.layer);
  if (layer === undefined) throw new Error(`layer ${component.layer} missing after validation`);
  return {
    component,
    layer,
    capabilities: component.capabilities.map((id) => capabilityById(kg, id)),
    integrationsOut: kg.knowledge.integrations.filter((i) => i.from === component.name),
    integrationsIn: kg.knowledge.integrations.filter((i) => i.to === component.name),
    recipes: kg.knowledge.recipes.filter((r) => r.components.includes(component.name)),
  };
}

/** The longest run of words in `words` that names a capability, if any. */
function capabilityInPhrase(kg: KnowledgeGraph, words: readonly string[]): string | undefined {
  for (let size = words.length; size > 0; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const id = kg.capabilityNames.get(words.slice(start, start + size).join(' '));
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

/**
 * The capability a phrase means: "wasm", "WebAssembly", "support WASM", "nearest neighbours" all
 * resolve; NotFoundError with suggestions otherwise.
 */
export function resolveCapability(kg: KnowledgeGraph, text: string): Capability {
  const typed = requireText(text, 'the capability');
  const id =
    kg.capabilityNames.get(normalizeName(typed)) ??
    kg.capabilityNames.get(coreWords(typed)) ??
    capabilityInPhrase(kg, normalizeName(typed).split(' '));
  if (id !== undefined) return capabilityById(kg, id);
  const names = kg.knowledge.capabilities.flatMap((c) => [c.id, ...c.synonyms]);
  const hint = fixHint(
    suggest(coreWords(typed) || typed, names),
    say`see ${{ kind: 'show-component', about: 'capabilities' }}`,
  );
  throw new NotFoundError(say`no capability matches "${typed}"${hint}`, {
    capability: typed,
  });
}

/** The components that have a capability, with the capability the phrase resolved to. */
export function findComponentsWithCapability(
  kg: KnowledgeGraph,
  text: string,
): { capability: Capability; components: Component[] } {
  const capability = resolveCapability(kg, text);
  const components = kg.graph
    .inNeighbors(nodeKey.capability(capability.id))
    .map((key) => kg.graph.getNodeAttributes(key))
    .flatMap((a) => (a.kind === 'component' ? [a.component] : []));
  return {
    capability,
    components: components.sort((a, b) => a.layer - b.layer || a.name.localeCompare(b.name)),
  };
}

/** The components that replace a tool ("numpy", "NumPy", "scikit learn", "sklearn"). */
export function findReplacements(
  kg: KnowledgeGraph,
  tool: string,
): { tool: string; components: Component[] } {
  const typed = requireText(tool, 'the tool name');
  const display = kg.toolNames.get(normalizeName(typed)) ?? kg.toolNames.get(coreWords(typed));
  if (display === undefined) {
    const hint = fixHint(
      suggest(typed, new Set(kg.toolNames.values())),
      say`${{ kind: 'show-component', about: 'replaces' }} lists what a component replaces`,
    );
    throw new NotFoundError(say`no component replaces "${typed}"${hint}`, {
      tool: typed,
    });
  }
  const components = kg.graph
    .inNeighbors(nodeKey.tool(display))
    .map((key) => kg.graph.getNodeAttributes(key))
    .flatMap((a) => (a.kind === 'component' ? [a.component] : []));
  return { tool: display, components };
}

/** Recipes that use a component and/or carry a tag (both optional; no filter returns every recipe). */
export function findRecipes(kg: KnowledgeGraph, filter: { component?: string; tag?: string } = {}): Recipe[] {
  const component = filter.component === undefined ? undefined : resolveComponent(kg, filter.component).name;
  const tag = filter.tag === undefined ? undefined : normalizeName(filter.tag);
  const found = kg.knowledge.recipes.filter(
    (r) =>
      (component === undefined || r.components.includes(component)) &&
      (tag === undefined || r.tags.some((t) => normalizeName(t) === tag)),
  );
  if (found.length === 0 && tag !== undefined) {
    const tags = new Set(kg.knowledge.recipes.flatMap((r) => r.tags));
    const hint = fixHint(suggest(filter.tag ?? '', tags), 'leave out the tag to see every recipe');
    throw new NotFoundError(`no recipe is tagged "${filter.tag}"${hint}`, { tag: filter.tag });
  }
  return found;
}
