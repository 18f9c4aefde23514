/**
 * End to end over stdio (built CLI): search_docs shows a file by the section about the question
 * (search/shown-chunk.ts), and the `?lines=` URI of its result reads that section back.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/section-choice');

describe('the section a search_docs result shows, over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('section', (path) => {
      cpSync(FIXTURES, join(path, 'section-choice'), { recursive: true });
    });
    client = project.client;
    const indexed = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'section-choice' },
    });
    expect(indexed.structuredContent).toMatchObject({ collection: 'section-choice', added: 3 });
  });
  afterAll(() => project.close());

  it('points at the Custom Filters section, and its URI reads that section', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'how do I add my own filter?', collection: 'section-choice' },
    });
    const hit = (found.structuredContent as { results: Array<Record<string, unknown>> }).results[0]!;
    expect(hit).toMatchObject({
      source: 'api.md',
      heading: 'API > Custom Filters',
      lines: [14, 25],
      uri: 'batuta://docs/section-choice/api.md?lines=14-25',
    });
    const cited = (await client.readResource({ uri: hit['uri'] as string })).contents[0] as { text: string };
    expect(cited.text).toMatch(/^Filters are Python functions/);
    expect(cited.text).toContain('environment.filters["format_date"] = format_date');
    expect(cited.text).not.toContain('Notes on Identifiers');
  });
});
