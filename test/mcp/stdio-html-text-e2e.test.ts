/**
 * End to end over stdio (built CLI): an HTML page is read through batuta://docs/… as its extracted text,
 * whole and as the line range a search_docs hit cites, with the file and its media type in `_meta`;
 * a markdown file is read as it is on disk; a collection indexed before HTML was read as text says, in
 * search_docs `notes`, that its HTML line numbers are of the raw file.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/html-pages');

interface Contents {
  readonly uri: string;
  readonly mimeType?: string;
  readonly text: string;
  readonly _meta?: Record<string, unknown>;
}

describe('HTML documents as text over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  const read = async (uri: string): Promise<Contents> =>
    (await client.readResource({ uri })).contents[0] as Contents;
  beforeAll(async () => {
    project = await openStdioProject('html', (path) => {
      cpSync(FIXTURES, join(path, 'pottery'), { recursive: true });
    });
    client = project.client;
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'pottery' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'pottery', added: 2 });
  });
  afterAll(() => project.close());

  it('reads a whole HTML page as its text: headings kept; markup, scripts, styles and navigation gone', async () => {
    const page = await read('batuta://docs/pottery/kiln.html');
    expect(page.mimeType).toBe('text/plain');
    expect(page._meta).toEqual({
      'batuta/source': { file: join(project.path, 'pottery', 'kiln.html'), mimeType: 'text/html' },
    });
    const lines = page.text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '# Kiln schedules',
      expect.stringMatching(/^A firing schedule lists .* at 573 °C keep thick pots from cracking\.$/),
      '## Bisque firing',
    ]);
    expect(lines).toContain(
      'Crystalline glazes need a controlled cooling segment <hold at 1100> for crystals to grow.',
    );
    expect(page.text).not.toMatch(/<\/?(p|div|h1|a|script|style)\b|console\.log|Sidebar links|Home|©/);
  });

  it('a search hit read back through its URI gives the cited text', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'how long to hold the glaze firing at peak', collection: 'pottery' },
    });
    const hit = (found.structuredContent as { results: Array<{ uri: string; lines: [number, number] }> })
      .results[0]!;
    // Bisque and Glaze firing are merged into one chunk; the hit cites the one its passage is in.
    expect(hit.uri).toBe('batuta://docs/pottery/kiln.html?lines=7-14');
    const cited = await read(hit.uri);
    expect(cited.mimeType).toBe('text/plain');
    expect(cited.text.split('\n')).toHaveLength(8);
    expect(cited.text).toMatch(/^## Glaze firing\n/);
    expect(cited.text).toContain('Hold for ten minutes at peak to smooth pinholes');
    expect(cited.text).toMatch(/\n```\n.*for crystals to grow\.$/);
    const one = await read('batuta://docs/pottery/kiln.html?lines=7');
    expect(one.text).toBe('## Glaze firing');
  });

  it('reads markdown as it is on disk, with its own media type', async () => {
    const notes = await read('batuta://docs/pottery/wedging.md?lines=7');
    expect(notes.mimeType).toBe('text/markdown');
    expect(notes.text).toBe(
      'Push the clay down and away with both palms, then roll it back. <b>Kept as written</b>.',
    );
    expect(notes._meta).toEqual({
      'batuta/source': { file: join(project.path, 'pottery', 'wedging.md'), mimeType: 'text/markdown' },
    });
  });

  it('says in notes when the collection was indexed before HTML pages were read as text', async () => {
    const found = async () =>
      (
        await client.callTool({
          name: 'search_docs',
          arguments: { query: 'glaze firing at peak', collection: 'pottery', mode: 'bm25' },
        })
      ).structuredContent as { notes: string[] };
    expect((await found()).notes).toEqual([]);
    const sqlite = new Database(join(project.path, 'index.db'));
    // The chunking as it is now, without the HTML text part: an index from before HTML was read as text.
    sqlite.prepare("UPDATE collections SET chunker = substr(chunker, 1, instr(chunker, '+') - 1)").run();
    sqlite.close();
    const notes = (await found()).notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^collection "pottery" was indexed before HTML pages were read as text: .*\(call index_collection on its folder again/,
    );
  });
});
