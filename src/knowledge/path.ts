/**
 * Integrations between two components: the direct patterns if any, else the shortest chain of
 * integration edges found by breadth-first search, first along the direction data flows and, when no
 * such chain exists, ignoring direction (each hop then says it runs against the flow).
 */
import { InvalidInputError } from '../errors.js';
import { say } from '../fixes.js';
import { type KnowledgeGraph, nodeKey } from './graph.js';
import { resolveComponent } from './queries.js';
import type { Integration } from './schema.js';

/** One step of a route: the integration used and whether the route walks it against its direction. */
export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly integration: Integration;
  readonly reversed: boolean;
  /** One sentence a person can read: what flows over this hop. */
  readonly explanation: string;
}

/** The answer to "how do A and B integrate?". */
export interface IntegrationRoute {
  readonly from: string;
  readonly to: string;
  /** Patterns straight from `from` to `to`. */
  readonly direct: readonly Integration[];
  /** 'direct', 'directed' (a chain along the flow), 'undirected' (some hop goes against it) or 'none'. */
  readonly mode: 'direct' | 'directed' | 'undirected' | 'none';
  readonly hops: readonly Hop[];
}

function integrationsOn(kg: KnowledgeGraph, from: string, to: string): readonly Integration[] {
  const [a, b] = [nodeKey.component(from), nodeKey.component(to)];
  if (!kg.graph.hasDirectedEdge(a, b)) return [];
  const attributes = kg.graph.getEdgeAttributes(a, b);
  return attributes.kind === 'integration' ? attributes.integrations : [];
}

function componentNeighbours(kg: KnowledgeGraph, name: string, undirected: boolean): string[] {
  const key = nodeKey.component(name);
  const next = new Set<string>();
  const visit = (neighbour: string, attributes: { kind: string }) => {
    if (attributes.kind === 'integration') next.add(neighbour.slice('component:'.length));
  };
  kg.graph.forEachOutNeighbor(key, (n) => visit(n, kg.graph.getEdgeAttributes(key, n)));
  if (undirected) kg.graph.forEachInNeighbor(key, (n) => visit(n, kg.graph.getEdgeAttributes(n, key)));
  return [...next].sort();
}

/** Breadth-first search over integration edges; neighbours in name order so answers are repeatable. */
function shortestChain(kg: KnowledgeGraph, from: string, to: string, undirected: boolean): string[] | null {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] as string;
    for (const next of componentNeighbours(kg, current, undirected)) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      if (next === to) {
        const chain = [to];
        while (chain[0] !== from) chain.unshift(previous.get(chain[0] as string) as string);
        return chain;
      }
      queue.push(next);
    }
  }
  return null;
}

function hop(kg: KnowledgeGraph, from: string, to: string): Hop {
  const forward = integrationsOn(kg, from, to)[0];
  const integration = forward ?? integrationsOn(kg, to, from)[0];
  if (integration === undefined) throw new Error(`no integration edge between ${from} and ${to}`);
  const reversed = forward === undefined;
  const flow = `${integration.from} -> ${integration.to} (${integration.pattern}): ${integration.description}`;
  return { from, to, integration, reversed, explanation: reversed ? `${flow} [against the flow]` : flow };
}

/** How two components integrate; names are matched as people type them. */
export function findIntegrationRoute(kg: KnowledgeGraph, fromName: string, toName: string): IntegrationRoute {
  const from = resolveComponent(kg, fromName).name;
  const to = resolveComponent(kg, toName).name;
  if (from === to)
    throw new InvalidInputError(
      say`${{ kind: 'argument', name: 'integrations' }} must name two different components, got "${from}" twice`,
    );
  const direct = integrationsOn(kg, from, to);
  if (direct.length > 0) return { from, to, direct, mode: 'direct', hops: [hop(kg, from, to)] };
  const directed = shortestChain(kg, from, to, false);
  const chain = directed ?? shortestChain(kg, from, to, true);
  if (chain === null) return { from, to, direct, mode: 'none', hops: [] };
  const hops = chain.slice(1).map((name, i) => hop(kg, chain[i] as string, name));
  return { from, to, direct, mode: directed === null ? 'undirected' : 'directed', hops };
}
