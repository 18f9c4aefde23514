/**
 * Reads a picture SVG back with a real XML parser (@xmldom/xmldom, which throws on malformed XML) and
 * checks its geometry: which components and integrations it draws, and whether any two boxes or label
 * boxes overlap or an edge runs through a box that is not its own.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DrawnComponent extends Rect {
  readonly name: string;
  readonly layer: number;
  readonly role: string;
}

export interface DrawnIntegration {
  readonly from: string;
  readonly to: string;
  readonly pattern: string;
  readonly label: Rect;
  /** Polylines: source to label, label to target. */
  readonly lines: readonly (readonly { x: number; y: number }[])[];
  readonly arrowheads: number;
}

export interface DrawnPicture {
  readonly root: Element;
  readonly width: number;
  readonly height: number;
  readonly components: readonly DrawnComponent[];
  readonly integrations: readonly DrawnIntegration[];
  readonly layerBands: readonly (Rect & { layer: number; titleX: number })[];
}

const num = (e: Element, name: string) => Number(e.getAttribute(name));

function rectOf(e: Element): Rect {
  return { x: num(e, 'x'), y: num(e, 'y'), width: num(e, 'width'), height: num(e, 'height') };
}

function groups(root: Element, cls: string): Element[] {
  return Array.from(root.getElementsByTagName('g')).filter((g) => g.getAttribute('class') === cls);
}

function firstRect(g: Element): Rect {
  const rect = g.getElementsByTagName('rect')[0];
  if (rect === undefined) throw new Error(`a <g class="${g.getAttribute('class')}"> without a rect`);
  return rectOf(rect);
}

/** Parses the SVG; throws on XML that is not well formed. */
export function parsePicture(svg: string): DrawnPicture {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null || root.tagName !== 'svg') throw new Error('no <svg> root');
  const components = groups(root, 'component').map((g) => ({
    name: g.getAttribute('data-name') ?? '',
    layer: Number(g.getAttribute('data-layer')),
    role: g.getAttribute('data-role') ?? '',
    ...firstRect(g),
  }));
  const integrations = groups(root, 'integration').map((g) => {
    const polylines = Array.from(g.getElementsByTagName('polyline'));
    const label = Array.from(g.getElementsByTagName('rect')).find((r) => r.getAttribute('class') === 'label');
    if (label === undefined) throw new Error('an integration without a label box');
    return {
      from: g.getAttribute('data-from') ?? '',
      to: g.getAttribute('data-to') ?? '',
      pattern: g.getAttribute('data-pattern') ?? '',
      label: rectOf(label),
      lines: polylines.map((p) =>
        (p.getAttribute('points') ?? '')
          .trim()
          .split(/\s+/)
          .map((pair) => {
            const [x, y] = pair.split(',').map(Number);
            return { x: x ?? Number.NaN, y: y ?? Number.NaN };
          }),
      ),
      arrowheads: polylines.filter((p) => p.getAttribute('marker-end') === 'url(#arrow)').length,
    };
  });
  const layerBands = groups(root, 'layer').map((g) => {
    const tspan = g.getElementsByTagName('tspan')[0];
    return {
      layer: Number(g.getAttribute('data-layer')),
      titleX: tspan ? num(tspan, 'x') : 0,
      ...firstRect(g),
    };
  });
  return {
    root,
    width: num(root, 'width'),
    height: num(root, 'height'),
    components,
    integrations,
    layerBands,
  };
}

/** Whether two rectangles share any area (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Pairs of boxes (components and labels) that overlap, by name. */
export function overlappingBoxes(picture: DrawnPicture): string[] {
  const boxes = [
    ...picture.components.map((c) => ({ name: c.name, rect: c as Rect })),
    ...picture.integrations.map((i) => ({ name: `label ${i.from}->${i.to} ${i.pattern}`, rect: i.label })),
  ];
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i]!.rect, boxes[j]!.rect)) found.push(`${boxes[i]!.name} / ${boxes[j]!.name}`);
    }
  }
  return found;
}

/** Whether the segment p-q passes through the inside of `r` (shrunk by one pixel: ends may touch). */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, r: Rect): boolean {
  const inner = { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 };
  // Liang-Barsky clipping of the segment against the inner rectangle.
  let [t0, t1] = [0, 1];
  const [dx, dy] = [q.x - p.x, q.y - p.y];
  const edges: [number, number][] = [
    [-dx, p.x - inner.x],
    [dx, inner.x + inner.width - p.x],
    [-dy, p.y - inner.y],
    [dy, inner.y + inner.height - p.y],
  ];
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq < 0) return false;
      continue;
    }
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Edges that run through a component or label box other than their own ends and label. */
export function edgesThroughBoxes(picture: DrawnPicture): string[] {
  const found: string[] = [];
  for (const edge of picture.integrations) {
    const name = `${edge.from}->${edge.to} ${edge.pattern}`;
    const obstacles = [
      ...picture.components
        .filter((c) => c.name !== edge.from && c.name !== edge.to)
        .map((c) => ({ what: c.name, rect: c as Rect })),
      ...picture.integrations
        .filter((other) => other !== edge)
        .map((other) => ({ what: `label ${other.pattern}`, rect: other.label })),
    ];
    for (const line of edge.lines) {
      for (let i = 1; i < line.length; i++) {
        for (const o of obstacles)
          if (crosses(line[i - 1]!, line[i]!, o.rect)) found.push(`${name} crosses ${o.what}`);
      }
    }
  }
  return found;
}
