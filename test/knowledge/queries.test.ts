/**
 * Graph queries over the shipped knowledge: names and capabilities typed the way people type them
 * resolve, unknown names fail with NOT_FOUND and a suggestion, and the answers follow the data.
 */
import { describe, expect, it } from 'vitest';
import { BatutaError } from '../../src/errors.js';
import { createKnowledgeGraph } from '../../src/knowledge/graph.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import {
  capabilitiesOf,
  findComponentsWithCapability,
  findRecipes,
  findReplacements,
  getComponentDetail,
  listComponentsByLayer,
  resolveCapability,
  resolveComponent,
} from '../../src/knowledge/queries.js';

const knowledge = loadKnowledge(undefined, { snapshot: null });
const kg = createKnowledgeGraph(knowledge);

function thrown(run: () => unknown): BatutaError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BatutaError);
    return error as BatutaError;
  }
  throw new Error('expected an error');
}

describe('the graph', () => {
  it('has a node for every component, capability, layer and domain', () => {
    for (const c of knowledge.components) expect(kg.graph.hasNode(`component:${c.name}`)).toBe(true);
    const kinds = new Map<string, number>();
    kg.graph.forEachNode((_key, a) => {
      kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    });
    expect(kinds.get('component')).toBe(20);
    expect(kinds.get('layer')).toBe(7);
    expect(kinds.get('capability')).toBe(knowledge.capabilities.length);
    expect(kinds.get('domain')).toBe(knowledge.domains.length);
    expect(kinds.get('tool')).toBeGreaterThan(20);
  });
});

describe('components', () => {
  it('lists 20 components over layers 0 to 6, each in its own layer', () => {
    const listing = listComponentsByLayer(kg);
    expect(listing.map((l) => l.layer.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(listing.flatMap((l) => l.components)).toHaveLength(20);
    for (const l of listing) for (const c of l.components) expect(c.layer).toBe(l.layer.id);
    expect(listing[0]?.components.map((c) => c.name).sort()).toEqual(
      ['trueno', 'trueno-db', 'trueno-graph', 'trueno-rag', 'trueno-viz'].sort(),
    );
  });

  it.each(['trueno-db', 'Trueno-DB', 'trueno db', 'TRUENO_DB', 'truenodb'])('resolves %s', (typed) => {
    expect(resolveComponent(kg, typed).name).toBe('trueno-db');
  });

  it('suggests the closest name for a typo', () => {
    const error = thrown(() => resolveComponent(kg, 'aprendre'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('aprender');
    expect(error.message).not.toContain('\n');
  });

  it('rejects an empty name as input, not as a missing component', () => {
    expect(thrown(() => resolveComponent(kg, '  ')).code).toBe('INVALID_INPUT');
  });

  it('shows one component with its layer, capabilities, integrations both ways and recipes', () => {
    const detail = getComponentDetail(kg, 'realizar');
    expect(detail.layer.id).toBe(2);
    expect(detail.capabilities.map((c) => c.id)).toEqual(detail.component.capabilities);
    expect(detail.integrationsIn.length).toBeGreaterThan(0);
    for (const i of detail.integrationsIn) expect(i.to).toBe('realizar');
    for (const i of detail.integrationsOut) expect(i.from).toBe('realizar');
    expect(detail.integrationsIn.map((i) => i.from)).toContain('aprender');
    for (const r of detail.recipes) expect(r.components).toContain('realizar');
  });

  it('gives the capabilities of a component in the order of its file', () => {
    const { component, capabilities } = capabilitiesOf(kg, 'Trueno');
    expect(component.name).toBe('trueno');
    expect(capabilities.map((c) => c.id)).toEqual(component.capabilities);
    expect(capabilities.map((c) => c.id)).toContain('simd');
  });
});

describe('capabilities', () => {
  it.each([
    ['wasm', 'wasm'],
    ['WebAssembly', 'wasm'],
    ['support WASM', 'wasm'],
    ['Which components support WebAssembly?', 'wasm'],
    ['in the browser', 'wasm'],
    ['GPU', 'gpu-acceleration'],
    ['graphics cards', 'gpu-acceleration'],
    ['CUDA', 'gpu-acceleration'],
    ['nearest neighbours', 'vector-search'],
    ['similarity-search', 'vector-search'],
    ['embeddings lookup', 'vector-search'],
  ])('%s means %s', (typed, id) => {
    expect(resolveCapability(kg, typed).id).toBe(id);
  });

  it('finds the components having a capability, lowest layer first', () => {
    const { capability, components } = findComponentsWithCapability(kg, 'support WASM');
    expect(capability.id).toBe('wasm');
    const names = components.map((c) => c.name);
    expect(names).toContain('trueno');
    for (const c of components) expect(c.capabilities).toContain('wasm');
    const expected = knowledge.components.filter((c) => c.capabilities.includes('wasm')).length;
    expect(components).toHaveLength(expected);
    const layers = components.map((c) => c.layer);
    expect(layers).toEqual([...layers].sort((a, b) => a - b));
  });

  it('fails with NOT_FOUND and a suggestion for an unknown capability', () => {
    const error = thrown(() => resolveCapability(kg, 'webasembly'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/did you mean/);
  });
});

describe('over-long lookups', () => {
  it.each([
    ['a capability', (text: string) => resolveCapability(kg, text)],
    ['a component', (text: string) => resolveComponent(kg, text)],
    ['a tool', (text: string) => findReplacements(kg, text)],
  ])('%s of 20,000 words is refused as INVALID_INPUT before any matching', (_what, lookup) => {
    const error = thrown(() => lookup(Array.from({ length: 20_000 }, (_, i) => `word${i}`).join(' ')));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('replaced tools', () => {
  it.each([
    ['numpy', 'trueno'],
    ['NumPy', 'trueno'],
    ['scikit learn', 'aprender'],
    ['Scikit-Learn', 'aprender'],
    ['sklearn', 'aprender'],
    ['pinecone', 'trueno-db'],
    ['LangChain', 'trueno-rag'],
    ['PyTorch', 'entrenar'],
    ['vLLM', 'realizar'],
    ['pandas', 'alimentar'],
    ['MLflow', 'pacha'],
  ])('%s is replaced by %s', (tool, component) => {
    expect(findReplacements(kg, tool).components.map((c) => c.name)).toContain(component);
  });

  it('suggests the tool for a typo', () => {
    const error = thrown(() => findReplacements(kg, 'numpi'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('NumPy');
  });
});

describe('recipes', () => {
  it('filters by component and by tag', () => {
    const byComponent = findRecipes(kg, { component: 'aprender' });
    expect(byComponent.length).toBeGreaterThan(0);
    for (const r of byComponent) expect(r.components).toContain('aprender');
    const tag = knowledge.recipes[0]?.tags[0] ?? '';
    const byTag = findRecipes(kg, { tag: tag.toUpperCase() });
    expect(byTag.map((r) => r.id)).toContain(knowledge.recipes[0]?.id);
    expect(findRecipes(kg)).toHaveLength(knowledge.recipes.length);
  });

  it('fails with NOT_FOUND for an unknown tag', () => {
    expect(thrown(() => findRecipes(kg, { tag: 'no-such-tag-anywhere' })).code).toBe('NOT_FOUND');
  });
});
