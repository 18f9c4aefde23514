/**
 * The SVG of the whole stack, drawn at build time (`npm run build` calls writeStackPicture after tsc):
 * laying out 20 components and their integrations takes the layout library 0.7 to 1.8 s of CPU, which a
 * server would otherwise spend on the event loop at the first read of batuta://stack.svg, holding every
 * other request. The file sits next to this module in dist/ and is used only while its key, a hash of the
 * scene it was drawn from, matches the scene of the knowledge loaded now; otherwise the stack is drawn.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knowledge } from '../knowledge/index.js';
import { drawScene } from './draw.js';
import type { PictureFormat } from './formats.js';
import { type Scene, stackScene } from './scene.js';

/** Where the build writes the stack picture. */
export function defaultStackPicturePath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'stack-picture.json');
}

function sceneKey(scene: Scene): string {
  return createHash('sha256').update(JSON.stringify(scene)).digest('hex');
}

/** Draws the stack of the shipped knowledge as SVG and writes it with its key; returns the path. */
export async function writeStackPicture(path = defaultStackPicturePath()): Promise<string> {
  // Loaded here, not imported: `batuta oracle` parses its flags with this layer's entry, and a
  // --rag search needs no knowledge.
  const { loadKnowledge } = await import('../knowledge/index.js');
  const scene = stackScene(loadKnowledge());
  writeFileSync(path, JSON.stringify({ key: sceneKey(scene), svg: await drawScene(scene, 'svg') }));
  return path;
}

/** The stack of `knowledge` in `format`: the build's SVG when it was drawn from the same scene. */
export function drawStack(
  knowledge: Knowledge,
  format: PictureFormat,
  path = defaultStackPicturePath(),
): Promise<string> {
  return drawPicture(stackScene(knowledge), format, path);
}

/** Any scene in `format`: the build's SVG when the scene is the one it was drawn from, else drawn now. */
export async function drawPicture(
  scene: Scene,
  format: PictureFormat,
  path = defaultStackPicturePath(),
): Promise<string> {
  if (format === 'svg' && existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; svg?: unknown };
    if (stored.key === sceneKey(scene) && typeof stored.svg === 'string') return stored.svg;
  }
  return drawScene(scene, format);
}
