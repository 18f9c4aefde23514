/**
 * Geometry for a Scene, computed by ELK's layered algorithm (Sugiyama-style: layering, crossing
 * minimisation, node placement, orthogonal edge routing). Stack layers become ELK partitions, so every
 * component of layer n sits above every component of layer n-1 (direction UP, layer 0 at the bottom).
 * Each integration's label is a node of its own that the arrow runs through, so the layout keeps labels
 * clear of boxes and of each other. elkjs is loaded on first use: pictures pay for it, queries do not.
 */
import type { ELK, ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';
import type { Layer } from '../knowledge/schema.js';
import type { Scene, SceneComponent, SceneIntegration } from './scene.js';
import { textWidth, wrapText } from './text-width.js';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedComponent extends Box {
  readonly component: SceneComponent;
}

/** An integration: a line from its source into its label box, and an arrow from the label to its target. */
export interface PlacedIntegration {
  readonly integration: SceneIntegration;
  readonly label: Box & { readonly lines: readonly string[] };
  readonly toLabel: readonly Point[];
  readonly fromLabel: readonly Point[];
}

/** A horizontal band behind the components of one layer, titled in the left column. */
export interface PlacedLayer extends Box {
  readonly layer: Layer;
  readonly titleLines: readonly string[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly titleLines: readonly string[];
  readonly noteLines: readonly string[];
  readonly layers: readonly PlacedLayer[];
  readonly components: readonly PlacedComponent[];
  readonly integrations: readonly PlacedIntegration[];
}

/** Sizes in pixels; the fonts are FONT_FAMILY (text-width.ts). */
export const SIZES = {
  title: 15,
  note: 11,
  name: 13,
  version: 10,
  label: 10,
  layerTitle: 10,
  lineGap: 3,
  labelWrap: 84,
  layerColumn: 88,
  margin: 10,
  bandPadding: 7,
} as const;

const COMPONENT_HEIGHT = SIZES.name + SIZES.version + 3 * SIZES.lineGap + 8;

const ELK_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'UP',
  'elk.partitioning.activate': 'true',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.spacing.nodeNode': '10',
  'elk.spacing.edgeEdge': '6',
  'elk.spacing.edgeNode': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '18',
  'elk.layered.spacing.edgeNodeBetweenLayers': '8',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '5',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
};

const componentId = (name: string) => `c:${name}`;
const labelId = (index: number) => `l:${index}`;

function componentNode(c: SceneComponent): ElkNode {
  const text = Math.max(textWidth(c.name, SIZES.name, true), textWidth(c.version, SIZES.version));
  return {
    id: componentId(c.name),
    width: Math.ceil(text + 20),
    height: COMPONENT_HEIGHT,
    layoutOptions: { 'elk.partitioning.partition': String(2 * c.layer) },
  };
}

/**
 * The partition of a label: inside its layer for an integration within one layer, else in the least
 * crowded gap between the two layers it joins (so no single gap collects every label and widens the
 * picture), nearest the source on a tie.
 */
function labelPartition(from: number, to: number, crowding: Map<number, number>, width: number): number {
  if (from === to) return 2 * from;
  const step = from < to ? 1 : -1;
  let best = 2 * from + step;
  for (let k = 1; k < Math.abs(to - from); k++) {
    const gap = 2 * from + step * (2 * k + 1);
    if ((crowding.get(gap) ?? 0) < (crowding.get(best) ?? 0)) best = gap;
  }
  crowding.set(best, (crowding.get(best) ?? 0) + width);
  return best;
}

function elkGraph(scene: Scene): { graph: ElkNode; lines: string[][] } {
  const layerOf = new Map(scene.components.map((c) => [c.name, c.layer]));
  const crowding = new Map<number, number>();
  const children = scene.components.map(componentNode);
  const edges: ElkExtendedEdge[] = [];
  const lines: string[][] = [];
  scene.integrations.forEach((integration, i) => {
    const wrapped = wrapText(integration.pattern, SIZES.label, SIZES.labelWrap);
    const width = Math.ceil(Math.max(...wrapped.map((l) => textWidth(l, SIZES.label))) + 10);
    const from = layerOf.get(integration.from) ?? 0;
    const to = layerOf.get(integration.to) ?? 0;
    const partition = labelPartition(from, to, crowding, width);
    lines.push(wrapped);
    children.push({
      id: labelId(i),
      width,
      height: wrapped.length * (SIZES.label + SIZES.lineGap) + 6,
      layoutOptions: { 'elk.partitioning.partition': String(partition) },
    });
    edges.push(
      { id: `in:${i}`, sources: [componentId(integration.from)], targets: [labelId(i)] },
      { id: `out:${i}`, sources: [labelId(i)], targets: [componentId(integration.to)] },
    );
  });
  return { graph: { id: 'scene', layoutOptions: ELK_OPTIONS, children, edges }, lines };
}

function pointsOf(edge: ElkExtendedEdge | undefined, dx: number, dy: number): Point[] {
  const section = edge?.sections?.[0];
  if (section === undefined) return [];
  const raw: ElkPoint[] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  return raw.map((p) => ({ x: p.x + dx, y: p.y + dy }));
}

/** The bundled ELK (layout on the calling thread), loaded on first use. */
async function loadElk(): Promise<ELK> {
  // elkjs is CommonJS: module.exports is the constructor, which the ESM import offers as `default`.
  const module = (await import('elkjs/lib/elk.bundled.js')) as unknown as {
    default: new () => ELK;
  };
  return new module.default();
}

/** Height of the heading: the title lines, then the note lines. */
export function headingHeight(titleLines: number, noteLines: number): number {
  return titleLines * (SIZES.title + 5) + noteLines * (SIZES.note + SIZES.lineGap);
}

/**
 * Lays a Scene out; resolves to boxes, label boxes, edge polylines and layer bands in pixels. The
 * heading wraps at `headingWidth` pixels; the picture is at least as wide as its longest heading line.
 */
export async function layoutScene(scene: Scene, headingWidth = 1100): Promise<Layout> {
  const { graph, lines } = elkGraph(scene);
  const result = await (await loadElk()).layout(graph);
  const nodes = new Map((result.children ?? []).map((n) => [n.id, n]));
  const edges = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const titleLines = wrapText(scene.title, SIZES.title, headingWidth);
  const noteLines = scene.note === '' ? [] : wrapText(scene.note, SIZES.note, headingWidth);
  const heading = Math.max(
    ...titleLines.map((l) => textWidth(l, SIZES.title, true)),
    ...noteLines.map((l) => textWidth(l, SIZES.note)),
  );
  const drawing = SIZES.layerColumn + (result.width ?? 0);
  const width = Math.ceil(Math.max(drawing, heading) + 2 * SIZES.margin);
  // A drawing narrower than its heading is centred under it, beside the layer titles.
  const dx = SIZES.margin + SIZES.layerColumn + Math.max(0, (heading - drawing) / 2);
  const dy = SIZES.margin + headingHeight(titleLines.length, noteLines.length) + SIZES.bandPadding + 6;
  const box = (id: string): Box => {
    const n = nodes.get(id);
    return { x: (n?.x ?? 0) + dx, y: (n?.y ?? 0) + dy, width: n?.width ?? 0, height: n?.height ?? 0 };
  };
  const components = scene.components.map((component) => ({
    component,
    ...box(componentId(component.name)),
  }));
  const integrations = scene.integrations.map((integration, i) => ({
    integration,
    label: { ...box(labelId(i)), lines: lines[i] ?? [] },
    toLabel: pointsOf(edges.get(`in:${i}`), dx, dy),
    fromLabel: pointsOf(edges.get(`out:${i}`), dx, dy),
  }));
  const height = Math.ceil(dy + (result.height ?? 0) + SIZES.bandPadding + SIZES.margin);
  const layers = scene.layers.map((layer) => band(layer, components, width));
  return { width, height, titleLines, noteLines, layers, components, integrations };
}

function band(layer: Layer, components: readonly PlacedComponent[], width: number): PlacedLayer {
  const members = components.filter((c) => c.component.layer === layer.id);
  const top = Math.min(...members.map((c) => c.y)) - SIZES.bandPadding;
  const bottom = Math.max(...members.map((c) => c.y + c.height)) + SIZES.bandPadding;
  const titleWidth = SIZES.layerColumn - 2 * SIZES.bandPadding;
  return {
    layer,
    titleLines: [`Layer ${layer.id}`, ...wrapText(layer.name, SIZES.layerTitle, titleWidth)],
    x: SIZES.margin / 2,
    y: top,
    width: width - SIZES.margin,
    height: bottom - top,
  };
}
