/**
 * `batuta oracle --list | --show | --list-capabilities | --capability | --integrations | --replaces`:
 * graph lookups that need no retrieval. Each prints readable text, one JSON document (--json) or
 * markdown; exit 0 when found, 1 when a name is unknown (with "did you mean"), 2 on bad usage.
 */
// Only the knowledge layer's entry: a fresh `batuta oracle --list` then skips loading the oracle, retrieval
// and migration layers (about 70-100 ms per process).
import { InvalidInputError } from '../errors.js';
import {
  type Component,
  capabilitiesOf,
  createKnowledgeGraph,
  describePublished,
  findComponentsWithCapability,
  findIntegrationRoute,
  findReplacements,
  getComponentDetail,
  type IntegrationRoute,
  type KnowledgeGraph,
  LOOKUP_MAX_CHARS,
  listComponentsByLayer,
  loadKnowledge,
  publishedField,
} from '../knowledge/index.js';
import { type CliIo, EXIT, printJson, reportError } from './io.js';
import type { OracleFlags } from './oracle-command.js';

/** What one lookup produces: the JSON document and the lines of text and markdown. */
interface Answer {
  readonly json: unknown;
  readonly text: readonly string[];
  readonly markdown: readonly string[];
  readonly found: boolean;
}

/** Loads the knowledge graph, from $BATUTA_KNOWLEDGE_DIR when set (tests and custom data), else the shipped one. */
export function loadCliGraph(env: CliIo['env']): KnowledgeGraph {
  const dir = env['BATUTA_KNOWLEDGE_DIR'];
  return createKnowledgeGraph(loadKnowledge(dir === undefined || dir === '' ? undefined : dir));
}

const INTEGRATION_SYNTAX =
  'write "FROM -> TO", e.g. "aprender -> realizar"; FROM->TO, FROM → TO and FROM,TO also work';

/** Splits "A -> B", "A->B", "A → B" or "A,B" into two names; InvalidInputError otherwise. */
export function parseIntegrationPair(spec: string): [string, string] {
  if (spec.length > 2 * LOOKUP_MAX_CHARS + 4) {
    throw new InvalidInputError(
      `--integrations is ${spec.length} characters long (keep each name under ${LOOKUP_MAX_CHARS}; ${INTEGRATION_SYNTAX})`,
      { length: spec.length },
    );
  }
  const parts = spec.split(/\s*(?:->|→|=>|,)\s*/).map((p) => p.trim());
  const [from, to] = parts;
  if (parts.length !== 2 || !from || !to || !/^[\w. -]+$/.test(`${from}${to}`)) {
    throw new InvalidInputError(`--integrations "${spec}" is malformed (${INTEGRATION_SYNTAX})`, { spec });
  }
  return [from, to];
}

const pad = (text: string, width: number) => text.padEnd(width);
const widest = (values: readonly string[]) => Math.max(0, ...values.map((v) => v.length));
const brief = (c: Component) => ({
  name: c.name,
  version: c.version,
  layer: c.layer,
  summary: c.summary,
  ...publishedField(c),
});

/** The crate a component is published as now when it differs from its name here, else "". */
const nowAs = (c: Component) =>
  c.published !== undefined && c.published.crate !== c.name ? c.published.crate : '';
/** " (now aprender-compute)" after a component's name, or "". */
const nowSuffix = (c: Component) => (nowAs(c) === '' ? '' : ` (now ${nowAs(c)})`);
/** The "now" column of a text listing, padded to the widest, or "" when no component was renamed. */
function nowColumn(components: readonly Component[]): (c: Component) => string {
  const n = widest(components.map(nowAs));
  return n === 0 ? () => '' : (c) => `${pad(nowAs(c) === '' ? '' : `now ${nowAs(c)}`, n + 4)}  `;
}

function componentLines(components: readonly Component[]): string[] {
  const w = widest(components.map((c) => c.name));
  const v = widest(components.map((c) => c.version));
  const now = nowColumn(components);
  return components.map(
    (c) => `  ${pad(c.name, w)}  ${pad(c.version, v)}  layer ${c.layer}  ${now(c)}${c.summary}`,
  );
}

function componentTable(components: readonly Component[]): string[] {
  return [
    '| component | published as | version | layer | summary |',
    '|---|---|---|---|---|',
    ...components.map(
      (c) => `| ${c.name} | ${c.published?.crate ?? c.name} | ${c.version} | ${c.layer} | ${c.summary} |`,
    ),
  ];
}

function listAnswer(kg: KnowledgeGraph): Answer {
  const layers = listComponentsByLayer(kg);
  const all = layers.flatMap((l) => l.components);
  const [w, v] = [widest(all.map((c) => c.name)), widest(all.map((c) => c.version))];
  const now = nowColumn(all);
  return {
    found: true,
    json: {
      layers: layers.map((l) => ({
        id: l.layer.id,
        name: l.layer.name,
        components: l.components.map(brief),
      })),
    },
    text: layers.flatMap((l) => [
      `Layer ${l.layer.id}: ${l.layer.name}`,
      ...l.components.map((c) => `  ${pad(c.name, w)}  ${pad(c.version, v)}  ${now(c)}${c.summary}`),
    ]),
    markdown: layers.flatMap((l) => [
      `## Layer ${l.layer.id}: ${l.layer.name}`,
      '',
      ...l.components.map((c) => `- **${c.name}**${nowSuffix(c)} ${c.version}: ${c.summary}`),
      '',
    ]),
  };
}

function showAnswer(kg: KnowledgeGraph, name: string): Answer {
  const d = getComponentDetail(kg, name);
  const c = d.component;
  const flow = (i: { from: string; to: string; pattern: string; description: string }) =>
    `${i.from} -> ${i.to} (${i.pattern}): ${i.description}`;
  const facts: [string, string][] = [
    ['Published as', describePublished(c) ?? c.name],
    ['Capabilities', d.capabilities.map((x) => x.id).join(', ')],
    ['Domains', c.domains.join(', ')],
    ['Replaces', c.replaces.join(', ') || '-'],
    ['Platforms', c.platforms.join(', ')],
    ['Reads', c.languages.reads.join(', ') || '-'],
    ['Writes', c.languages.writes.join(', ') || '-'],
  ];
  const lists: [string, string[]][] = [
    ['Integrations out', d.integrationsOut.map(flow)],
    ['Integrations in', d.integrationsIn.map(flow)],
    ['Recipes', d.recipes.map((r) => `${r.id}: ${r.problem}`)],
  ];
  return {
    found: true,
    json: {
      component: { ...c, layerName: d.layer.name },
      capabilities: d.capabilities.map(({ id, name: n, description }) => ({ id, name: n, description })),
      integrations: { out: d.integrationsOut, in: d.integrationsIn },
      recipes: d.recipes.map(({ id, problem, components, tags }) => ({ id, problem, components, tags })),
    },
    text: [
      `${c.name} ${c.version} (${c.display}), layer ${c.layer}: ${d.layer.name}`,
      c.summary,
      '',
      c.description,
      '',
      ...facts.map(([k, v]) => `${pad(`${k}:`, 14)}${v}`),
      ...lists.flatMap(([k, items]) => [
        '',
        `${k}:`,
        ...(items.length > 0 ? items : ['-']).map((i) => `  ${i}`),
      ]),
    ],
    markdown: [
      `## ${c.display} ${c.version}`,
      '',
      `*Layer ${c.layer}: ${d.layer.name}.* ${c.summary}`,
      '',
      c.description,
      '',
      ...facts.map(([k, v]) => `- **${k}:** ${v}`),
      ...lists.flatMap(([k, items]) => [
        '',
        `### ${k}`,
        '',
        ...(items.length > 0 ? items : ['none']).map((i) => `- ${i}`),
      ]),
    ],
  };
}

function capabilitiesAnswer(kg: KnowledgeGraph, name: string): Answer {
  const { component, capabilities } = capabilitiesOf(kg, name);
  const w = widest(capabilities.map((c) => c.id));
  return {
    found: true,
    json: {
      component: component.name,
      capabilities: capabilities.map(({ id, name: n, description }) => ({ id, name: n, description })),
    },
    text: [
      `Capabilities of ${component.name}${nowSuffix(component)}:`,
      ...capabilities.map((c) => `  ${pad(c.id, w)}  ${c.description}`),
    ],
    markdown: [
      `## Capabilities of ${component.name}${nowSuffix(component)}`,
      '',
      ...capabilities.map((c) => `- **${c.id}** (${c.name}): ${c.description}`),
    ],
  };
}

function capabilityAnswer(kg: KnowledgeGraph, query: string): Answer {
  const { capability, components } = findComponentsWithCapability(kg, query);
  const head = `Capability ${capability.id} (${capability.name}): ${capability.description}`;
  return {
    found: components.length > 0,
    json: {
      query,
      capability: { id: capability.id, name: capability.name, description: capability.description },
      components: components.map(brief),
    },
    text: [head, `Components (${components.length}):`, ...componentLines(components)],
    markdown: [
      `## ${capability.name} (\`${capability.id}\`)`,
      '',
      capability.description,
      '',
      ...componentTable(components),
    ],
  };
}

function replacesAnswer(kg: KnowledgeGraph, tool: string): Answer {
  const { tool: display, components } = findReplacements(kg, tool);
  return {
    found: true,
    json: { tool: display, components: components.map(brief) },
    text: [`${display} is replaced by:`, ...componentLines(components)],
    markdown: [`## What replaces ${display}`, '', ...componentTable(components)],
  };
}

function routeLines(route: IntegrationRoute): string[] {
  if (route.mode === 'none') return [`No chain of integrations connects ${route.from} and ${route.to}.`];
  const names = [route.from, ...route.hops.map((h) => h.to)];
  const heading =
    route.mode === 'direct'
      ? `Direct integration ${route.from} -> ${route.to}:`
      : `No direct integration; shortest path (${route.hops.length} hops, ${route.mode === 'directed' ? 'along the data flow' : 'ignoring direction, as no path follows the flow'}): ${names.join(' -> ')}`;
  const direct = route.direct.flatMap((i) => [
    `  ${i.pattern}: ${i.description}`,
    ...(i.code
      ? i.code
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`)
      : []),
  ]);
  return [
    heading,
    ...(route.mode === 'direct' ? direct : route.hops.map((h, i) => `  ${i + 1}. ${h.explanation}`)),
  ];
}

function integrationsAnswer(kg: KnowledgeGraph, spec: string): Answer {
  const [from, to] = parseIntegrationPair(spec);
  const route = findIntegrationRoute(kg, from, to);
  const hops = route.hops.map((h) => ({
    from: h.from,
    to: h.to,
    pattern: h.integration.pattern,
    description: h.integration.description,
    reversed: h.reversed,
    ...(h.integration.code === undefined ? {} : { code: h.integration.code }),
  }));
  const path = route.mode === 'none' ? null : [route.from, ...route.hops.map((h) => h.to)];
  const lines = routeLines(route);
  return {
    found: route.mode !== 'none',
    json: { from: route.from, to: route.to, mode: route.mode, direct: route.direct, path, hops },
    text: lines,
    markdown: [
      `## ${route.from} -> ${route.to}`,
      '',
      ...lines.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)),
    ],
  };
}

function answer(kg: KnowledgeGraph, flags: OracleFlags): Answer {
  if (flags.list) return listAnswer(kg);
  if (flags.show !== null) return showAnswer(kg, flags.show);
  if (flags.listCapabilities !== null) return capabilitiesAnswer(kg, flags.listCapabilities);
  if (flags.capability !== null) return capabilityAnswer(kg, flags.capability);
  if (flags.integrations !== null) return integrationsAnswer(kg, flags.integrations);
  if (flags.replaces !== null) return replacesAnswer(kg, flags.replaces);
  throw new InvalidInputError('no lookup flag given (use --list, --show NAME, --capability CAP ...)');
}

/** Serves one graph lookup with flags already parsed by oracle-command.ts; errors become one line on stderr. */
export async function runGraphQuery(flags: OracleFlags, io: CliIo): Promise<number> {
  let result: Answer;
  try {
    result = answer(loadCliGraph(io.env), flags);
  } catch (error) {
    return reportError(io, 'oracle', error);
  }
  if (flags.format === 'json') printJson(io, result.json);
  else io.stdout(`${(flags.format === 'markdown' ? result.markdown : result.text).join('\n')}\n`);
  if (!result.found) io.stderr('batuta oracle: nothing found (see batuta oracle --list)\n');
  return result.found ? EXIT.ok : EXIT.none;
}
