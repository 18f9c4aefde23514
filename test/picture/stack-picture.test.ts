import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { drawScene, drawStack, stackScene, writeStackPicture } from '../../src/picture/index.js';
import { tempDir } from '../mcp/harness.js';

describe('the stack picture drawn at build time', () => {
  const knowledge = loadKnowledge();
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeAll(async () => {
    dir = tempDir('batuta-stack-picture-');
    path = await writeStackPicture(join(dir.path, 'stack-picture.json'));
  });
  afterAll(() => dir.remove());

  it('holds the same SVG as drawing the stack now', async () => {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { svg: string };
    expect(stored.svg).toBe(await drawScene(stackScene(knowledge), 'svg'));
    expect(await drawStack(knowledge, 'svg', path)).toBe(stored.svg);
  });

  it('is used only while its key matches the scene, and only for SVG', async () => {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { key: string; svg: string };
    const marked = join(dir.path, 'marked.json');
    writeFileSync(marked, JSON.stringify({ key: stored.key, svg: '<svg id="from-build"/>' }));
    expect(await drawStack(knowledge, 'svg', marked)).toBe('<svg id="from-build"/>');
    expect(await drawStack(knowledge, 'mermaid', marked)).toBe(
      await drawScene(stackScene(knowledge), 'mermaid'),
    );
    const stale = join(dir.path, 'stale.json');
    writeFileSync(stale, JSON.stringify({ key: 'another scene', svg: '<svg id="stale"/>' }));
    expect(await drawStack(knowledge, 'svg', stale)).toBe(stored.svg);
    expect(await drawStack(knowledge, 'svg', join(dir.path, 'absent.json'))).toBe(stored.svg);
  });
});
