/**
 * A Scene as a Mermaid flowchart (bottom to top, one subgraph per layer), for markdown that renders
 * Mermaid: GitHub, GitLab, many editors. Mermaid lays it out itself.
 */
import type { Scene } from './scene.js';

/** A Mermaid node id: letters, digits and underscores only, so "trueno-db" cannot read as an arrow. */
export const mermaidId = (name: string) => `c_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/** Text inside a quoted Mermaid label, with quotes and markup characters as entity codes. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '#quot;').replaceAll('<', '#lt;').replaceAll('>', '#gt;')}"`;
}

/** The Mermaid source of a scene. */
export function renderMermaid(scene: Scene): string {
  const lines = ['---', `title: ${quoted(scene.title)}`, '---', 'flowchart BT'];
  for (const layer of scene.layers) {
    lines.push(`  subgraph layer_${layer.id}[${quoted(`Layer ${layer.id}: ${layer.name}`)}]`);
    for (const c of scene.components.filter((x) => x.layer === layer.id)) {
      lines.push(`    ${mermaidId(c.name)}[${quoted(`${c.name} ${c.version}`)}]`);
    }
    lines.push('  end');
  }
  for (const i of scene.integrations) {
    lines.push(`  ${mermaidId(i.from)} -->|${quoted(i.pattern)}| ${mermaidId(i.to)}`);
  }
  const primary = scene.components.filter((c) => c.role === 'primary').map((c) => mermaidId(c.name));
  const supporting = scene.components.filter((c) => c.role === 'supporting').map((c) => mermaidId(c.name));
  if (primary.length > 0)
    lines.push(
      '  classDef primary fill:#1f4e8c,color:#fff,stroke:#10305c',
      `  class ${primary.join(',')} primary`,
    );
  if (supporting.length > 0)
    lines.push(
      '  classDef supporting fill:#d6f0dd,stroke:#2f7a45',
      `  class ${supporting.join(',')} supporting`,
    );
  return `${lines.join('\n')}\n`;
}
