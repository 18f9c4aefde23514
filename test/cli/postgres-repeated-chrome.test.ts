/**
 * Repeated chrome with a PostgreSQL index (built CLI): the same pages are searched and read without the lines
 * every page repeats (the set is stored with the collection, so `batuta mcp --db postgres://…` reads the stored
 * text as the chunks cite it), and a refresh after the banner left most pages chunks again the unchanged
 * pages that still hold it.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { clientFor, REVISIONS } from '../mcp/harness.js';
import { BANNER_TOPICS, writeBannerSite } from '../retrieval/documents/repeated-chrome-sites.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, searchCollection } from './run-batuta.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const skip = skipWithoutPostgres('postgres-repeated-chrome.test.ts');
const home = tempDir('batuta-pg-repeated-chrome');
const CHROME = /Anvil Forge Server|archived manual|Known issues|Report a bug|anvil changelog/;

describe.skipIf(skip)('repeated chrome with --db postgres:// (built CLI)', { timeout: 240_000 }, () => {
  const db = useTestDatabase({ home });

  const index = (folder: string, name: string) => {
    const run = runBatuta(['index', folder, '--db', db.url, '--name', name, '--no-dense', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout).collections[0];
  };
  const search = (name: string, question: string): Array<{ source: string; snippet: string }> => {
    const run = searchCollection(db.url, name, question, home);
    expect([0, 1], run.stderr).toContain(run.code);
    return JSON.parse(run.stdout).results;
  };

  it('searches and reads the pages without their title line, banner and box of links', async () => {
    index(writeBannerSite(join(home, 'anvil')), 'anvil');
    const found = search('anvil', 'reheat hardened steel to a straw colour');
    expect(found[0]!.source).toBe('tempering.html');
    for (const { snippet } of found) expect(snippet).not.toMatch(CHROME);
    expect(search('anvil', 'archived manual for the 3.x series')).toEqual([]);
    const client = clientFor(REVISIONS[2], 'pg-repeated-chrome');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--db', db.url],
        cwd: home,
        env: { PATH: process.env['PATH'] ?? '', HOME: home },
        stderr: 'pipe',
      }),
    );
    try {
      const page = await client.readResource({ uri: 'batuta://docs/anvil/tempering.html' });
      const text = (page.contents[0] as { text: string }).text;
      expect(text.split('\n')[0]).toBe('# The tempering step');
      expect(text).toContain('Tempering reheats hardened steel');
      expect(text).not.toMatch(CHROME);
    } finally {
      await client.close();
    }
  });

  it('a refresh after the banner left most pages chunks again the unchanged pages that still hold it', () => {
    const folder = join(home, 'refresh');
    cpSync(writeBannerSite(join(home, 'refresh-source')), folder, { recursive: true });
    index(folder, 'refresh');
    const [kept, dropped] = [BANNER_TOPICS.slice(0, 4), BANNER_TOPICS.slice(4)];
    writeBannerSite(folder, dropped);
    expect(index(folder, 'refresh')).toMatchObject({ updated: 10, unchanged: 0 });
    const found = search('refresh', 'archived manual for the 3.x series');
    expect(kept.map((topic) => `${topic}.html`)).toContain(found[0]!.source);
    expect(found[0]!.snippet).toMatch(/archived manual/);
    expect(index(folder, 'refresh')).toMatchObject({ updated: 0, unchanged: 10 });
  });
});
