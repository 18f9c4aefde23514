/**
 * Gzipped documents end to end over stdio (built CLI): index_collection reads them and counts what it
 * left out per rule, search_docs cites them by their real file names, and batuta://docs/… gives their
 * inflated text, whole or as the cited line range, naming the gzipped file and its media type in `_meta`.
 */
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATION_MD, writeGzipTree } from '../retrieval/documents/gzip-tree.js';
import { openStdioProject, type StdioProject } from './stdio-project.js';

interface Contents {
  readonly uri: string;
  readonly mimeType?: string;
  readonly text: string;
  readonly _meta?: Record<string, unknown>;
}

describe('gzipped documents over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  const read = async (uri: string): Promise<Contents> =>
    (await client.readResource({ uri })).contents[0] as Contents;
  beforeAll(async () => {
    project = await openStdioProject('gzip', (path) => {
      writeGzipTree(join(path, 'brewctl'));
    });
    client = project.client;
  });
  afterAll(() => project.close());

  it('index_collection reads the gzipped pages and counts the rest per rule', async () => {
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'brewctl' } });
    expect(indexed.isError ?? false).toBe(false);
    expect(indexed.structuredContent).toMatchObject({
      collection: 'brewctl',
      added: 8,
      leftOut: { changelog: 3, damaged: 2, duplicate: 2, type: 2, binary: 1, 'too-large': 1 },
    });
  });

  it('search_docs cites a gzipped page, and its URI reads back the inflated lines it cites', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'where does brewctl keep its settings file', collection: 'brewctl' },
    });
    const hit = (
      found.structuredContent as { results: Array<{ source: string; uri: string; lines: [number, number] }> }
    ).results[0]!;
    expect(hit.source).toBe('topics/configuration.md.gz');
    const [first, last] = hit.lines;
    expect(hit.uri).toBe(`batuta://docs/brewctl/topics/configuration.md.gz?lines=${first}-${last}`);
    const cited = await read(hit.uri);
    expect(cited.mimeType).toBe('text/markdown');
    expect(cited.text).toBe(
      CONFIGURATION_MD.split('\n')
        .slice(first - 1, last)
        .join('\n'),
    );
    expect(cited.text).toContain('~/.config/brewctl/brewctl.conf');
    expect(cited._meta).toEqual({
      'batuta/source': {
        file: join(project.path, 'brewctl', 'topics/configuration.md.gz'),
        mimeType: 'text/markdown',
        encoding: 'gzip',
      },
    });
  });

  it('reads a gzipped HTML page as its extracted text, and a range of it', async () => {
    const page = await read('batuta://docs/brewctl/pages/brew.html.gz');
    expect(page.mimeType).toBe('text/plain');
    expect(page.text).not.toMatch(/<\/?[a-z]|console\.log|Home/);
    expect(page._meta).toEqual({
      'batuta/source': {
        file: join(project.path, 'brewctl', 'pages/brew.html.gz'),
        mimeType: 'text/html',
        encoding: 'gzip',
      },
    });
    const one = await read('batuta://docs/brewctl/pages/brew.html.gz?lines=1-2');
    expect(one.text).toBe(
      '# Brewing schedules\nA cold brew sits in the fridge for twelve hours; strain the leaves before serving.',
    );
  });

  it('a file left out by rule is not a document of the collection', async () => {
    await expect(read('batuta://docs/brewctl/bomb.md.gz')).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('no document "bomb.md.gz"'),
    });
  });
});
