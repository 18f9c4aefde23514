/**
 * The SVG pictures, drawn in-process from the shipped knowledge base and read back with a real XML
 * parser: every component and integration is there, layers stack from 0 at the bottom, nothing
 * overlaps, no edge runs through a box, and the document is self-contained and fits 1200 px.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeGraph } from '../../src/knowledge/graph.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { findIntegrationRoute } from '../../src/knowledge/path.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { drawScene } from '../../src/picture/draw.js';
import { routeScene, stackScene } from '../../src/picture/scene.js';
import { textWidth } from '../../src/picture/text-width.js';
import { type DrawnPicture, edgesThroughBoxes, overlappingBoxes, parsePicture } from './svg-check.js';

let knowledge: Knowledge;
let svg: string;
let picture: DrawnPicture;

beforeAll(async () => {
  knowledge = loadKnowledge();
  svg = await drawScene(stackScene(knowledge), 'svg');
  picture = parsePicture(svg);
});

const key = (i: { from: string; to: string; pattern: string }) => `${i.from} -> ${i.to}: ${i.pattern}`;

describe('the stack as SVG', () => {
  it('draws every component once, in its layer', () => {
    const drawn = picture.components.map((c) => `${c.name}@${c.layer}`).sort();
    expect(drawn).toEqual(knowledge.components.map((c) => `${c.name}@${c.layer}`).sort());
  });

  it('draws every integration once, as a line into its label and an arrow out of it', () => {
    expect(picture.integrations.map(key).sort()).toEqual(knowledge.integrations.map(key).sort());
    for (const i of picture.integrations) {
      expect(i.lines).toHaveLength(2);
      expect(i.arrowheads).toBe(1);
      for (const line of i.lines) expect(line.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('starts each line at its source box and ends each arrow at its target box', () => {
    const box = new Map(picture.components.map((c) => [c.name, c]));
    const onBorder = (
      p: { x: number; y: number },
      r: { x: number; y: number; width: number; height: number },
    ) => p.x >= r.x - 1 && p.x <= r.x + r.width + 1 && p.y >= r.y - 1 && p.y <= r.y + r.height + 1;
    for (const i of picture.integrations) {
      const [toLabel, fromLabel] = i.lines;
      expect(onBorder(toLabel![0]!, box.get(i.from)!), key(i)).toBe(true);
      expect(onBorder(toLabel!.at(-1)!, i.label), key(i)).toBe(true);
      expect(onBorder(fromLabel![0]!, i.label), key(i)).toBe(true);
      expect(onBorder(fromLabel!.at(-1)!, box.get(i.to)!), key(i)).toBe(true);
    }
  });

  it('puts layer 0 at the bottom: every box lies below every box of a higher layer', () => {
    for (const a of picture.components) {
      for (const b of picture.components) {
        if (a.layer < b.layer) expect(a.y, `${a.name} below ${b.name}`).toBeGreaterThan(b.y + b.height);
      }
    }
  });

  it('has no two boxes or labels that overlap, and no edge through a box that is not its own', () => {
    expect(overlappingBoxes(picture)).toEqual([]);
    expect(edgesThroughBoxes(picture)).toEqual([]);
  });

  it('titles each layer in a column left of every box', () => {
    expect(picture.layerBands.map((b) => b.layer)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const left = Math.min(
      ...picture.components.map((c) => c.x),
      ...picture.integrations.map((i) => i.label.x),
    );
    for (const band of picture.layerBands) {
      const texts = Array.from(picture.root.getElementsByTagName('g'))
        .filter(
          (g) => g.getAttribute('data-layer') === String(band.layer) && g.getAttribute('class') === 'layer',
        )
        .flatMap((g) => Array.from(g.getElementsByTagName('tspan')).map((t) => t.textContent ?? ''));
      const widest = Math.max(...texts.map((t) => textWidth(t, 10, true)));
      expect(band.titleX + widest, `layer ${band.layer} title`).toBeLessThan(left);
    }
  });

  it('fits 1200 px wide and sizes each box to its text', () => {
    expect(picture.width).toBeLessThanOrEqual(1200);
    for (const c of picture.components) expect(textWidth(c.name, 13, true)).toBeLessThan(c.width);
    for (const i of picture.integrations) {
      const longest = Math.max(...i.pattern.split(' ').map((word) => textWidth(word, 10)));
      expect(longest).toBeLessThan(i.label.width);
    }
  });

  it('is self-contained: no script, link, image, external font or stylesheet', () => {
    const names = new Set(Array.from(picture.root.getElementsByTagName('*')).map((e) => e.tagName));
    for (const banned of ['script', 'a', 'image', 'foreignObject', 'style', 'use', 'font-face']) {
      expect(names.has(banned), banned).toBe(false);
    }
    expect(svg).not.toMatch(/href|@import|url\((?!#arrow\))/);
    expect(svg.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('draws the same document for the same knowledge', async () => {
    expect(await drawScene(stackScene(knowledge), 'svg')).toBe(svg);
  });
});

describe('a route as SVG', () => {
  it('draws the components of the path and the integrations it walks, in their own direction', async () => {
    const route = findIntegrationRoute(createKnowledgeGraph(knowledge), 'alimentar', 'pforge');
    const drawn = parsePicture(await drawScene(routeScene(knowledge, route), 'svg'));
    const path = [route.from, ...route.hops.map((h) => h.to)];
    expect(drawn.components.map((c) => c.name).sort()).toEqual([...path].sort());
    expect(drawn.integrations.map(key).sort()).toEqual(route.hops.map((h) => key(h.integration)).sort());
    expect(
      drawn.components
        .filter((c) => c.role === 'primary')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['alimentar', 'pforge'].sort());
    expect(overlappingBoxes(drawn)).toEqual([]);
    expect(edgesThroughBoxes(drawn)).toEqual([]);
  });

  it('escapes text so a title with markup characters stays well-formed XML', async () => {
    const scene = { ...stackScene(knowledge), title: 'a <b> & "c" \'d\'' };
    const drawn = parsePicture(
      await drawScene({ ...scene, integrations: scene.integrations.slice(0, 3) }, 'svg'),
    );
    const title = Array.from(drawn.root.getElementsByTagName('text')).find(
      (t) => t.getAttribute('class') === 'title',
    );
    expect(title?.textContent).toBe('a <b> & "c" \'d\'');
  });
});

describe('the geometry checks themselves', () => {
  const doc = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">${body}</svg>`;
  const component = (name: string, x: number, y: number) =>
    `<g class="component" data-name="${name}" data-layer="0" data-role="member"><rect x="${x}" y="${y}" width="50" height="30"/></g>`;
  const integration = (from: string, to: string, points: string) =>
    `<g class="integration" data-from="${from}" data-to="${to}" data-pattern="p"><polyline points="${points}"/><polyline points="100,100 100,101" marker-end="url(#arrow)"/><rect class="label" x="200" y="150" width="20" height="10"/></g>`;

  it('finds two boxes that overlap and passes boxes that only touch', () => {
    expect(overlappingBoxes(parsePicture(doc(component('a', 0, 0) + component('b', 40, 20))))).toEqual([
      'a / b',
    ]);
    expect(overlappingBoxes(parsePicture(doc(component('a', 0, 0) + component('b', 50, 0))))).toEqual([]);
  });

  it('finds an edge that runs through a box that is not its own', () => {
    const picture = parsePicture(
      doc(
        component('a', 0, 0) +
          component('b', 0, 100) +
          component('c', 100, 40) +
          integration('a', 'b', '25,30 25,50 150,50 150,100'),
      ),
    );
    expect(edgesThroughBoxes(picture)).toEqual(['a->b p crosses c']);
  });

  it('rejects XML that is not well formed', () => {
    expect(() => parsePicture('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow();
  });
});
