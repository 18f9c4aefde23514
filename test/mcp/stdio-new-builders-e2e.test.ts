/**
 * End to end over stdio (built CLI): pages of builders first met in session 10 read back through
 * batuta://docs/… — a DocBook XSL page in ISO-8859-1 as the text that was searched (not U+FFFD where its
 * Latin-1 bytes are), and a one-page texinfo manual without its contents, menus and index tables, the line
 * range a search hit cites giving exactly its text.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');

interface Hit {
  readonly uri: string;
  readonly lines: [number, number];
  readonly snippet: string;
}

describe('pages of new builders read through batuta://docs over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  const read = async (uri: string) =>
    (await client.readResource({ uri })).contents[0] as { text: string; mimeType?: string };
  const search = async (query: string, collection: string) =>
    (
      (await client.callTool({ name: 'search_docs', arguments: { query, collection, mode: 'bm25' } }))
        .structuredContent as { results: Hit[] }
    ).results;
  beforeAll(async () => {
    project = await openStdioProject('builders', (path) => {
      cpSync(join(FIXTURES, 'docbook'), join(path, 'pottery'), { recursive: true });
      cpSync(join(FIXTURES, 'texinfo'), join(path, 'kilnbook'), { recursive: true });
    });
    client = project.client;
    for (const folder of ['pottery', 'kilnbook']) {
      const indexed = await client.callTool({ name: 'index_collection', arguments: { folder } });
      expect(indexed.structuredContent).toMatchObject({ collection: folder });
    }
  });
  afterAll(() => project.close());

  it('reads an ISO-8859-1 page in its declared charset, as it was searched', async () => {
    const [hit] = await search('celadon jade green reduction', 'pottery');
    expect(hit?.uri).toMatch(/^batuta:\/\/docs\/pottery\/glazes\.html\?lines=/);
    const page = await read('batuta://docs/pottery/glazes.html');
    expect(page.text).not.toContain('\ufffd');
    expect(page.text).toContain('1280 °C; its iron oxide gives the colour à la Song dynasty.');
    expect(page.text.split('\n')[0]).toBe('## Chapter 1. Glazes');
    const cited = await read(hit!.uri);
    expect(cited.text).toContain('à la Song dynasty');
  });

  it('reads a one-page texinfo manual without contents, node menus, node links or index tables', async () => {
    const page = await read('batuta://docs/kilnbook/kiln.html');
    expect(page.text).not.toMatch(/Table of Contents|Jump to|Index Entry|Next:|Up:|^- Cooling$/m);
    expect(page.text.split('\n').slice(0, 3)).toEqual(['# Kiln Manual', '## 1 Firing', expect.any(String)]);
    const [hit] = await search('slow cooling thick pots cracking', 'kilnbook');
    const cited = await read(hit!.uri);
    const [from, to] = hit!.lines;
    expect(cited.text.split('\n')).toEqual(page.text.split('\n').slice(from - 1, to));
    expect(cited.text).toContain('Slow cooling through 573 °C');
  });
});
