/**
 * End to end over stdio (built CLI): index_collection leaves out both all-in-one pages of a texinfo manual
 * shaped as Debian 12's ffmpeg-doc (another compilation is not a part), and batuta://docs reads a page's
 * headings without the `#` and `TOC` links its Bootstrap template hides from screen readers.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/texinfo-all-pages');

describe('a texinfo manual with two all-in-one pages over stdio (built CLI)', () => {
  let project: StdioProject;
  beforeAll(async () => {
    project = await openStdioProject('texinfo-all', (path) => {
      cpSync(FIXTURES, join(path, 'kiln-manual'), { recursive: true });
    });
  });
  afterAll(() => project.close());

  it('index_collection leaves out both all-in-one pages; the page reads with plain headings', async () => {
    const indexed = await project.client.callTool({
      name: 'index_collection',
      arguments: { folder: 'kiln-manual', name: 'kiln' },
    });
    expect(indexed.structuredContent).toMatchObject({
      collection: 'kiln',
      added: 6,
      leftOut: { compilation: 2 },
    });
    const page = await project.client.readResource({ uri: 'batuta://docs/kiln/kiln-glazes.html?lines=1-3' });
    const { text } = page.contents[0] as { text: string };
    expect(text.split('\n')).toEqual(['# Glaze recipes', '## 1 Glaze recipes', '### 1.1 Celadon']);
  });
});
