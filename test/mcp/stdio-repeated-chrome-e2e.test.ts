/**
 * End to end over stdio (built CLI): pages of a themed manual that all carry a title line, a version banner
 * and a box of links are read through batuta://docs/… without them, and the line range a search_docs hit
 * cites reads back as the text it cites (the chunks and the reads leave out the same lines).
 */
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANNER_TOPICS, writeBannerSite } from '../retrieval/documents/repeated-chrome-sites.js';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const CHROME = /Anvil Forge Server|archived manual|Known issues|Report a bug|anvil changelog/;

describe('repeated chrome over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  const read = async (uri: string) =>
    ((await client.readResource({ uri })).contents[0] as { text: string }).text;
  beforeAll(async () => {
    project = await openStdioProject('repeated-chrome', (path) => {
      writeBannerSite(join(path, 'anvil'));
    });
    client = project.client;
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'anvil' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'anvil', added: BANNER_TOPICS.length });
  });
  afterAll(() => project.close());

  it('reads a page without the lines every page repeats, with its own text, note and code', async () => {
    const lines = (await read('batuta://docs/anvil/tempering.html')).split('\n');
    expect(lines[0]).toBe('# The tempering step');
    expect(lines).toEqual(
      expect.arrayContaining(['Note', 'Parameters:', 'anvil strike --step heat', '### Bugfix checklist']),
    );
    expect(lines.join('\n')).not.toMatch(CHROME);
  });

  it('a search hit read back through its URI gives the cited text', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'reheat hardened steel to a straw colour', collection: 'anvil', mode: 'bm25' },
    });
    const hit = (
      found.structuredContent as {
        results: Array<{ uri: string; source: string; lines: [number, number]; snippet: string }>;
      }
    ).results[0]!;
    expect(hit.source).toBe('tempering.html');
    const cited = await read(hit.uri);
    const whole = (await read('batuta://docs/anvil/tempering.html')).split('\n');
    expect(cited).toBe(whole.slice(hit.lines[0] - 1, hit.lines[1]).join('\n'));
    expect(cited).toContain('Tempering reheats hardened steel to a straw colour');
    expect(cited).not.toMatch(CHROME);
  });
});
