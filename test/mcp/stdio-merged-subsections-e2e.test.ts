/**
 * End to end over stdio (built CLI): a search_docs result of merged small HTML sections cites the section
 * its passage is in (search/cited-part.ts), and its `?lines=` URI reads back that section alone.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/merged-subsections');

describe('search_docs over merged subsections, over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('merged', (path) => {
      cpSync(FIXTURES, join(path, 'shapes'), { recursive: true });
    });
    client = project.client;
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'shapes' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'shapes', added: 2 });
  });
  afterAll(() => project.close());

  it('cites <rename>, and its URI reads that subsection, not its siblings', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'make one shape family stand in for another', collection: 'shapes' },
    });
    const hit = (found.structuredContent as { results: Array<Record<string, unknown>> }).results[0]!;
    expect(hit).toMatchObject({
      source: 'shapes-manual.html',
      heading: 'shapes.conf manual > Settings file format > <rename>',
      lines: [9, 10],
      uri: 'batuta://docs/shapes/shapes-manual.html?lines=9-10',
    });
    const cited = (await client.readResource({ uri: hit['uri'] as string })).contents[0] as { text: string };
    expect(cited.text).toMatch(/^### <rename>\nMakes one shape family stand in for another/);
    expect(cited.text).not.toContain('<dir>');
    expect(cited.text).not.toContain('<limit>');
  });
});
