/**
 * The knowledge graph: a graphology DirectedGraph of components, capabilities, layers, domains and
 * the tools components replace, with integration edges between components. Built once per knowledge
 * base by createKnowledgeGraph; the query functions in queries.ts read it and never change it.
 */
import { DirectedGraph } from 'graphology';
import { coreWords, normalizeName, publishedNames } from './names.js';
import type { Capability, Component, Domain, Integration, Knowledge, Layer } from './schema.js';

/** Node attributes, one variant per kind of node. */
export type NodeAttributes =
  | { readonly kind: 'component'; readonly component: Component }
  | { readonly kind: 'capability'; readonly capability: Capability }
  | { readonly kind: 'layer'; readonly layer: Layer }
  | { readonly kind: 'domain'; readonly domain: Domain }
  | { readonly kind: 'tool'; readonly name: string };

/** Edge attributes: membership edges point from a component to what it has; integrations join components. */
export type EdgeAttributes =
  | { readonly kind: 'has-capability' | 'in-layer' | 'in-domain' | 'replaces' }
  | { readonly kind: 'integration'; readonly integrations: readonly Integration[] };

/** The graph plus the lookup tables that resolve what people type to node keys. */
export interface KnowledgeGraph {
  readonly knowledge: Knowledge;
  readonly graph: DirectedGraph<NodeAttributes, EdgeAttributes>;
  /** Normalised component name or display name -> component name. */
  readonly componentNames: ReadonlyMap<string, string>;
  /** Normalised capability id, name or synonym (also without filler words) -> capability id. */
  readonly capabilityNames: ReadonlyMap<string, string>;
  /** Normalised tool name -> the tool's display form. */
  readonly toolNames: ReadonlyMap<string, string>;
}

/** Node keys: one namespace per kind so a tool and a component can share a name. */
export const nodeKey = {
  component: (name: string) => `component:${name}`,
  capability: (id: string) => `capability:${id}`,
  layer: (id: number) => `layer:${id}`,
  domain: (id: string) => `domain:${id}`,
  tool: (name: string) => `tool:${normalizeName(name)}`,
};

/** Common short names of replaced tools, as people type them. */
const TOOL_ALIASES: Readonly<Record<string, string>> = {
  sklearn: 'scikit-learn',
  'sci kit learn': 'scikit-learn',
  np: 'NumPy',
  torch: 'PyTorch',
  tf: 'TensorFlow',
  pd: 'pandas',
  'hugging face': 'Hugging Face Hub',
  huggingface: 'Hugging Face Hub',
  wandb: 'Weights & Biases Artifacts',
  'llama cpp': 'llama.cpp',
  networkx: 'NetworkX',
  mpl: 'matplotlib',
  pyplot: 'matplotlib',
};

function addNodes(graph: KnowledgeGraph['graph'], k: Knowledge): void {
  for (const layer of k.layers) graph.addNode(nodeKey.layer(layer.id), { kind: 'layer', layer });
  for (const domain of k.domains) graph.addNode(nodeKey.domain(domain.id), { kind: 'domain', domain });
  for (const capability of k.capabilities) {
    graph.addNode(nodeKey.capability(capability.id), { kind: 'capability', capability });
  }
  for (const component of k.components) {
    graph.addNode(nodeKey.component(component.name), { kind: 'component', component });
    for (const tool of component.replaces) graph.mergeNode(nodeKey.tool(tool), { kind: 'tool', name: tool });
  }
}

function addEdges(graph: KnowledgeGraph['graph'], k: Knowledge): void {
  for (const c of k.components) {
    const from = nodeKey.component(c.name);
    graph.addEdge(from, nodeKey.layer(c.layer), { kind: 'in-layer' });
    for (const id of c.capabilities) graph.addEdge(from, nodeKey.capability(id), { kind: 'has-capability' });
    for (const id of c.domains) graph.addEdge(from, nodeKey.domain(id), { kind: 'in-domain' });
    for (const tool of c.replaces) graph.mergeEdge(from, nodeKey.tool(tool), { kind: 'replaces' });
  }
  for (const it of k.integrations) {
    const [from, to] = [nodeKey.component(it.from), nodeKey.component(it.to)];
    const existing = graph.hasEdge(from, to) ? graph.getEdgeAttributes(from, to) : undefined;
    const before = existing?.kind === 'integration' ? existing.integrations : [];
    graph.mergeEdge(from, to, { kind: 'integration', integrations: [...before, it] });
  }
}

function nameTables(k: Knowledge) {
  const componentNames = new Map<string, string>();
  for (const c of k.components) {
    componentNames.set(normalizeName(c.name), c.name);
    componentNames.set(normalizeName(c.display), c.name);
    componentNames.set(normalizeName(c.name).replaceAll(' ', ''), c.name);
  }
  // Crate names, current and earlier, resolve too, unless a component here already has that name.
  for (const c of k.components) {
    for (const alias of publishedNames(c)) {
      if (!componentNames.has(normalizeName(alias))) componentNames.set(normalizeName(alias), c.name);
      const joined = normalizeName(alias).replaceAll(' ', '');
      if (!componentNames.has(joined)) componentNames.set(joined, c.name);
    }
  }
  const capabilityNames = new Map<string, string>();
  for (const c of k.capabilities) {
    for (const phrase of [c.id, c.name, ...c.synonyms]) {
      capabilityNames.set(normalizeName(phrase), c.id);
      const core = coreWords(phrase);
      if (core !== '' && !capabilityNames.has(core)) capabilityNames.set(core, c.id);
    }
  }
  const toolNames = new Map<string, string>();
  for (const tool of k.components.flatMap((c) => c.replaces)) toolNames.set(normalizeName(tool), tool);
  for (const [alias, tool] of Object.entries(TOOL_ALIASES)) {
    const known = toolNames.get(normalizeName(tool));
    if (known !== undefined && !toolNames.has(normalizeName(alias)))
      toolNames.set(normalizeName(alias), known);
  }
  return { componentNames, capabilityNames, toolNames };
}

/** Builds the graph of a validated knowledge base; do it once per process and share the result. */
export function createKnowledgeGraph(knowledge: Knowledge): KnowledgeGraph {
  const graph = new DirectedGraph<NodeAttributes, EdgeAttributes>();
  addNodes(graph, knowledge);
  addEdges(graph, knowledge);
  return { knowledge, graph, ...nameTables(knowledge) };
}
