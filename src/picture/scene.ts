/**
 * What a picture shows, before any geometry: components in their stack layers and the integrations
 * between them. The stack, an integration route and a recommendation each become one Scene, which the
 * SVG, Mermaid and DOT writers draw the same way.
 */
import type { IntegrationRoute } from '../knowledge/path.js';
import type { Component, Knowledge, Layer } from '../knowledge/schema.js';
import type { Recommendation } from '../oracle/types.js';

/** How a component takes part in the picture: the answer's primary, a supporting pick, or just present. */
export type ComponentRole = 'primary' | 'supporting' | 'member';

export interface SceneComponent {
  readonly name: string;
  readonly version: string;
  readonly layer: number;
  readonly role: ComponentRole;
}

/** An integration drawn as an arrow from `from` to `to`, labelled with its pattern. */
export interface SceneIntegration {
  readonly from: string;
  readonly to: string;
  readonly pattern: string;
}

export interface Scene {
  /** One line saying what the picture shows. */
  readonly title: string;
  /** How to read it, or what the answer chose; may be empty. */
  readonly note: string;
  /** The layers that hold at least one component, bottom (0) first. */
  readonly layers: readonly Layer[];
  /** Components by layer, then in knowledge order. */
  readonly components: readonly SceneComponent[];
  readonly integrations: readonly SceneIntegration[];
}

function sceneOf(
  knowledge: Knowledge,
  [title, note]: readonly [string, string],
  roles: ReadonlyMap<string, ComponentRole>,
  integrations: readonly SceneIntegration[],
): Scene {
  const byName = new Map(knowledge.components.map((c) => [c.name, c]));
  const names = new Set(roles.keys());
  for (const i of integrations) names.add(i.from).add(i.to);
  const chosen = [...names]
    .map((name) => byName.get(name))
    .filter((c): c is Component => c !== undefined)
    .sort((a, b) => a.layer - b.layer || knowledge.components.indexOf(a) - knowledge.components.indexOf(b));
  const components = chosen.map((c) => ({
    name: c.name,
    version: c.version,
    layer: c.layer,
    role: roles.get(c.name) ?? 'member',
  }));
  const used = new Set(chosen.map((c) => c.layer));
  const layers = [...knowledge.layers].filter((l) => used.has(l.id)).sort((a, b) => a.id - b.id);
  const known = new Set(chosen.map((c) => c.name));
  const drawn = integrations.filter((i) => known.has(i.from) && known.has(i.to));
  return { title, note, layers, components, integrations: drawn };
}

const integrationOf = (i: SceneIntegration): SceneIntegration => ({
  from: i.from,
  to: i.to,
  pattern: i.pattern,
});

/** Every component in its layer and every integration of the knowledge base. */
export function stackScene(knowledge: Knowledge): Scene {
  const roles = new Map(knowledge.components.map((c) => [c.name, 'member' as const]));
  const title = `Sovereign AI Stack: ${knowledge.components.length} components in ${knowledge.layers.length} layers, ${knowledge.integrations.length} integrations`;
  const note =
    'Layer 0 at the bottom; each arrow runs from a component through the name of the integration to the component it feeds.';
  return sceneOf(knowledge, [title, note], roles, knowledge.integrations.map(integrationOf));
}

/** The components of a route and the integrations it walks, each drawn in the direction data flows. */
export function routeScene(knowledge: Knowledge, route: IntegrationRoute): Scene {
  const roles = new Map<string, ComponentRole>([
    [route.from, 'primary'],
    [route.to, 'primary'],
  ]);
  for (const hop of route.hops)
    for (const name of [hop.from, hop.to]) if (!roles.has(name)) roles.set(name, 'member');
  const walked = route.mode === 'direct' ? route.direct : route.hops.map((h) => h.integration);
  const how =
    route.mode === 'direct'
      ? 'direct integration'
      : route.mode === 'none'
        ? 'no chain of integrations'
        : `${route.hops.length} hops${route.mode === 'undirected' ? ', some against the flow' : ''}`;
  const note =
    route.mode === 'undirected'
      ? 'No chain follows the flow all the way, so arrows keep their own direction along the path.'
      : `Arrows point the way data or calls flow, from ${route.from} to ${route.to}.`;
  return sceneOf(knowledge, [`${route.from} -> ${route.to}: ${how}`, note], roles, walked.map(integrationOf));
}

/** What a picture of an answer reads from it. */
export interface AnswerParts {
  readonly query: Recommendation['query'];
  readonly primary: { readonly component: string } | null;
  readonly supporting: readonly { readonly component: string }[];
  readonly integrations: readonly SceneIntegration[];
  readonly compute: { readonly backend: string } | null;
}

/** The primary and supporting components of an answer and the integrations between them. */
export function recommendationScene(knowledge: Knowledge, recommendation: AnswerParts): Scene {
  const roles = new Map<string, ComponentRole>();
  if (recommendation.primary !== null) roles.set(recommendation.primary.component, 'primary');
  for (const s of recommendation.supporting)
    if (!roles.has(s.component)) roles.set(s.component, 'supporting');
  const supporting = recommendation.supporting.map((s) => s.component);
  const note =
    recommendation.primary === null
      ? 'No component of the stack fits this question.'
      : `Primary (dark): ${recommendation.primary.component}.${supporting.length > 0 ? ` Supporting (green): ${supporting.join(', ')}.` : ''}${recommendation.compute === null ? '' : ` Compute backend: ${recommendation.compute.backend}.`}`;
  return sceneOf(
    knowledge,
    [recommendation.query, note],
    roles,
    recommendation.integrations.map(integrationOf),
  );
}
