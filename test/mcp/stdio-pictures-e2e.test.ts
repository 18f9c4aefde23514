/**
 * End to end: the built CLI's MCP server over stdio, on every protocol revision, serves the stack
 * pictures from the shipped knowledge base and links each oracle_query answer to its own picture.
 */
import { join, resolve } from 'node:path';
import type { Client, ResourceLink } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlappingBoxes, parsePicture } from '../picture/svg-check.js';
import { clientFor, REVISIONS, tempDir } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

describe.each(REVISIONS)('pictures over stdio (built CLI), revision %s', (revision) => {
  let folder: ReturnType<typeof tempDir>;
  let client: Client;
  beforeAll(async () => {
    folder = tempDir('batuta-pictures-e2e-');
    client = clientFor(revision, 'pictures-e2e');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: folder.path,
        env: { PATH: process.env['PATH'] ?? '', HOME: folder.path, BATUTA_DB: join(folder.path, 'index.db') },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    folder.remove();
  });

  const textOf = (contents: readonly object[]) => {
    const [first] = contents;
    return first !== undefined && 'text' in first ? String(first.text) : '';
  };

  it('reads batuta://stack.svg and batuta://stack.mmd', async () => {
    const svg = parsePicture(textOf((await client.readResource({ uri: 'batuta://stack.svg' })).contents));
    expect(svg.components).toHaveLength(20);
    expect(svg.integrations).toHaveLength(47);
    expect(overlappingBoxes(svg)).toEqual([]);
    const mermaid = textOf((await client.readResource({ uri: 'batuta://stack.mmd' })).contents);
    expect(mermaid).toMatch(/^flowchart BT$/m);
  });

  it('follows the resource link of an oracle_query answer to the picture of that answer', async () => {
    const question = 'How do I train a model on GPU and serve it?';
    const result = await client.callTool({ name: 'oracle_query', arguments: { question } });
    const primary = (result.structuredContent as { primary: { component: string } }).primary.component;
    const link = (result.content as { type: string }[]).find(
      (c): c is ResourceLink => c.type === 'resource_link',
    );
    expect(link?.mimeType).toBe('image/svg+xml');
    const picture = parsePicture(textOf((await client.readResource({ uri: link?.uri ?? '' })).contents));
    expect(picture.components.filter((c) => c.role === 'primary').map((c) => c.name)).toEqual([primary]);
    expect(overlappingBoxes(picture)).toEqual([]);
  });
});
