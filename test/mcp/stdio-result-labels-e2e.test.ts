/**
 * End to end over stdio (built CLI): search_docs cites a section without a heading by its page's title (with
 * `headingFrom`), and the text answer names three copies of a text and counts the rest while the structured
 * content lists them all.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/result-labels');

interface Hit {
  readonly source: string;
  readonly heading: string;
  readonly headingFrom?: string;
  readonly uri: string;
  readonly copies?: Array<{ source: string; uri: string }>;
}

describe('search_docs labels and copies, over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('labels', (path) => {
      cpSync(FIXTURES, join(path, 'kiln-docs'), { recursive: true });
    });
    client = project.client;
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'kiln-docs' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'kiln-docs', added: 11 });
  });
  afterAll(() => project.close());

  const search = async (question: string) => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { question, collection: 'kiln-docs', k: 3 },
    });
    const { results } = found.structuredContent as { results: Hit[] };
    return { results, text: (found.content as Array<{ type: string; text: string }>)[0]!.text };
  };

  it("cites the text before a page's first heading by the page's title, and reads it by its URI", async () => {
    const { results, text } = await search('bisque firing before glazing');
    expect(results[0]).toMatchObject({
      source: 'guide/index.html',
      heading: 'Kilnkit Guide — Firing Basics',
      headingFrom: 'title',
    });
    expect(text).toContain('1. guide/index.html — Kilnkit Guide — Firing Basics (lines');
    const read = await client.readResource({ uri: results[0]!.uri });
    expect((read.contents[0] as { text: string }).text).toMatch(/^Every piece goes through a bisque firing/);
  });

  it('names three copies in the text answer and lists all five in the structured content', async () => {
    const { results, text } = await search('cone of a glaze');
    const copies = results[0]!.copies!;
    expect(copies).toHaveLength(5);
    const named = copies
      .slice(0, 3)
      .map((copy) => copy.uri)
      .join(', ');
    expect(text).toContain(`also in: ${named} and 2 more`);
  });
});
