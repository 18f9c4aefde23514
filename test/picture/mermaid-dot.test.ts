/**
 * Mermaid and DOT pictures read back structurally: the DOT through a real DOT parser (dotparser), the
 * Mermaid line by line against the flowchart grammar we emit. Every component sits in its layer's
 * subgraph, every integration is one labelled edge, and names with hyphens or quotes stay valid.
 */
import parseDot, { type Attr, type Stmt, type Subgraph } from 'dotparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Knowledge } from '../../src/knowledge/schema.js';
import { drawScene } from '../../src/picture/draw.js';
import { type Scene, stackScene } from '../../src/picture/scene.js';

let knowledge: Knowledge;
let scene: Scene;

beforeAll(() => {
  knowledge = loadKnowledge();
  scene = stackScene(knowledge);
});

const key = (i: { from: string; to: string; pattern: string }) => `${i.from} -> ${i.to}: ${i.pattern}`;
const attr = (list: readonly Attr[], id: string) => list.find((a) => a.id === id)?.eq;

describe('DOT', () => {
  it('parses as one digraph with a cluster per layer holding its components on one rank', async () => {
    const [graph, ...rest] = parseDot(await drawScene(scene, 'dot'));
    expect(rest).toEqual([]);
    expect(graph?.type).toBe('digraph');
    const clusters = (graph?.children ?? []).filter((s): s is Subgraph => s.type === 'subgraph');
    expect(clusters.map((c) => c.id)).toEqual(knowledge.layers.map((l) => `cluster_layer_${l.id}`));
    for (const layer of knowledge.layers) {
      const cluster = clusters.find((c) => c.id === `cluster_layer_${layer.id}`)!;
      const nodes = cluster.children.flatMap((s) => (s.type === 'node_stmt' ? [String(s.node_id.id)] : []));
      const expected = knowledge.components.filter((c) => c.layer === layer.id).map((c) => c.name);
      expect(nodes.sort()).toEqual([...expected].sort());
      const rank = cluster.children.find((s): s is Subgraph => s.type === 'subgraph');
      const ranked = (rank?.children ?? []).flatMap((s) =>
        s.type === 'node_stmt' ? [String(s.node_id.id)] : [],
      );
      expect(ranked.sort()).toEqual([...expected].sort());
    }
  });

  it('has one labelled edge per integration, the ones running down the stack not constraining ranks', async () => {
    const [graph] = parseDot(await drawScene(scene, 'dot'));
    const edges = (graph?.children ?? []).filter(
      (s): s is Extract<Stmt, { type: 'edge_stmt' }> => s.type === 'edge_stmt',
    );
    const visible = edges.filter((e) => attr(e.attr_list, 'style') !== 'invis');
    const drawn = visible.map((e) => {
      const [from, to] = e.edge_list.map((n) => (n.type === 'node_id' ? String(n.id) : '?'));
      return { from: from ?? '', to: to ?? '', pattern: String(attr(e.attr_list, 'label')), e };
    });
    expect(drawn.map(key).sort()).toEqual(knowledge.integrations.map(key).sort());
    const layer = new Map(knowledge.components.map((c) => [c.name, c.layer]));
    for (const d of drawn) {
      const down = layer.get(d.from)! > layer.get(d.to)!;
      expect(attr(d.e.attr_list, 'constraint'), key(d)).toBe(down ? 'false' : undefined);
    }
    expect(edges.length - visible.length).toBe(knowledge.layers.length - 1);
  });

  it('escapes quotes and backslashes (Graphviz prints \\\\ as one backslash)', async () => {
    const odd = { ...scene, title: 'say "hi" \\ bye' };
    const [graph] = parseDot(await drawScene(odd, 'dot'));
    const label = (graph?.children ?? []).find(
      (s) => s.type === 'attr_stmt' && s.target === 'graph' && attr(s.attr_list, 'label') !== undefined,
    );
    expect(label?.type === 'attr_stmt' ? attr(label.attr_list, 'label') : undefined).toBe(
      'say "hi" \\\\ bye',
    );
  });
});

describe('Mermaid', () => {
  it('is a bottom-to-top flowchart with a subgraph per layer and every component in its own', async () => {
    const lines = (await drawScene(scene, 'mermaid')).split('\n');
    expect(lines).toContain('flowchart BT');
    let layer: number | null = null;
    const placed = new Map<string, number>();
    const ids = new Set<string>();
    for (const line of lines) {
      const open = /^ {2}subgraph layer_(\d+)\["Layer \d+: [^"]+"\]$/.exec(line);
      if (open) layer = Number(open[1]);
      else if (line === '  end') layer = null;
      const node = /^ {4}(\w+)\["([a-z0-9-]+) [\d.]+"\]$/.exec(line);
      if (node) {
        expect(layer).not.toBeNull();
        expect(ids.has(node[1]!)).toBe(false);
        ids.add(node[1]!);
        placed.set(node[2]!, layer!);
      }
    }
    expect([...placed].sort()).toEqual(knowledge.components.map((c) => [c.name, c.layer]).sort());
  });

  it('has one labelled arrow per integration between declared node ids', async () => {
    const text = await drawScene(scene, 'mermaid');
    const declared = new Map<string, string>();
    for (const m of text.matchAll(/^ {4}(\w+)\["([a-z0-9-]+) [\d.]+"\]$/gm)) declared.set(m[1]!, m[2]!);
    const arrows = [...text.matchAll(/^ {2}(\w+) -->\|"([^"]*)"\| (\w+)$/gm)].map((m) => ({
      from: declared.get(m[1]!) ?? `undeclared ${m[1]}`,
      to: declared.get(m[3]!) ?? `undeclared ${m[3]}`,
      pattern: m[2]!,
    }));
    expect(arrows.map(key).sort()).toEqual(knowledge.integrations.map(key).sort());
  });

  it('writes quotes in labels as entity codes so a label cannot end early', async () => {
    const odd = {
      ...scene,
      integrations: [{ from: 'trueno', to: 'aprender', pattern: 'the "fast" path' }],
    };
    const text = await drawScene(odd, 'mermaid');
    expect(text).toContain('c_trueno -->|"the #quot;fast#quot; path"| c_aprender');
  });
});
