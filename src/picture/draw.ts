/**
 * One entry point for pictures: a Scene in, the document of the asked format out. Only SVG needs a
 * layout (and loads the layout library); Mermaid and DOT are text that their own renderers lay out.
 */
import { renderDot } from './dot.js';
import type { PictureFormat } from './formats.js';
import { renderMermaid } from './mermaid.js';
import type { Scene } from './scene.js';

/** MIME type of each picture format. */
export const PICTURE_MIME_TYPES: Readonly<Record<PictureFormat, string>> = {
  svg: 'image/svg+xml',
  mermaid: 'text/vnd.mermaid',
  dot: 'text/vnd.graphviz',
};

/** Draws a scene as SVG, Mermaid or DOT source. */
export async function drawScene(scene: Scene, format: PictureFormat): Promise<string> {
  if (format === 'mermaid') return renderMermaid(scene);
  if (format === 'dot') return renderDot(scene);
  const [{ layoutScene }, { renderSvg }] = await Promise.all([import('./layout.js'), import('./svg.js')]);
  return renderSvg(await layoutScene(scene));
}
