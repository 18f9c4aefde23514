/**
 * A Scene as a Graphviz DOT digraph (bottom to top, one cluster per layer), for `dot -Tsvg` or `-Tpng`.
 */
import type { Scene } from './scene.js';

/** A DOT double-quoted string. */
function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

const STYLE = {
  member: 'fillcolor="#e3edfc", color="#3b5b8c"',
  supporting: 'fillcolor="#d6f0dd", color="#2f7a45", penwidth=2',
  primary: 'fillcolor="#1f4e8c", color="#10305c", fontcolor="white", penwidth=2',
} as const;

/**
 * The DOT source of a scene. Each layer is one rank (rank=same inside its cluster) and invisible edges
 * stack consecutive layers, so dot draws layer 0 at the bottom; integrations that run down the stack
 * are drawn without constraining the ranks.
 */
export function renderDot(scene: Scene): string {
  const lines = [
    'digraph stack {',
    `  label=${quoted(scene.title)}; labelloc=t; fontname="DejaVu Sans";`,
    '  rankdir=BT; newrank=true;',
    '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans"];',
    '  edge [fontname="DejaVu Sans", fontsize=10];',
  ];
  const layerOf = new Map(scene.components.map((c) => [c.name, c.layer]));
  for (const layer of scene.layers) {
    const members = scene.components.filter((x) => x.layer === layer.id);
    lines.push(`  subgraph cluster_layer_${layer.id} {`);
    lines.push(`    label=${quoted(`Layer ${layer.id}: ${layer.name}`)}; style=filled; color="#eef1f6";`);
    lines.push(`    { rank=same; ${members.map((c) => quoted(c.name)).join('; ')}; }`);
    for (const c of members) {
      lines.push(`    ${quoted(c.name)} [label=${quoted(`${c.name}\n${c.version}`)}, ${STYLE[c.role]}];`);
    }
    lines.push('  }');
  }
  scene.layers.slice(1).forEach((layer, i) => {
    const below = scene.components.find((c) => c.layer === scene.layers[i]?.id);
    const above = scene.components.find((c) => c.layer === layer.id);
    if (below && above) lines.push(`  ${quoted(below.name)} -> ${quoted(above.name)} [style=invis];`);
  });
  for (const i of scene.integrations) {
    const down = (layerOf.get(i.from) ?? 0) > (layerOf.get(i.to) ?? 0);
    lines.push(
      `  ${quoted(i.from)} -> ${quoted(i.to)} [label=${quoted(i.pattern)}${down ? ', constraint=false' : ''}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
