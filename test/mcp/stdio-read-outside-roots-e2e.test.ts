/**
 * A collection the CLI indexed from a folder outside the MCP server's allowed roots, over stdio (built CLI):
 * search_docs finds it (a plain-text FAQ, headed by its numbered titles), reading the cited lines is refused
 * with the `--root` that fixes it, and a server started with that root reads them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAWL_LINE, KILN_FAQ } from '../cli/kiln-faq.js';
import { runBatuta } from '../cli/run-batuta.js';
import { clientFor, tempDir } from './harness.js';
import { BIN, openStdioProject, type StdioProject } from './stdio-project.js';

describe('reading a collection indexed outside the allowed roots (built CLI, stdio)', () => {
  const outside = tempDir('batuta-e2e-outside-');
  const folder = join(outside.path, 'kiln-faq');
  let project: StdioProject;
  let rooted: Client;
  beforeAll(async () => {
    mkdirSync(folder);
    writeFileSync(join(folder, 'FAQ'), KILN_FAQ);
    project = await openStdioProject('outside-roots', (path) => {
      const run = runBatuta(['index', folder, '--db', join(path, 'index.db'), '--no-dense', '--json'], path);
      expect(run.code, run.stderr).toBe(0);
    });
    rooted = clientFor('2026-07-28', 'e2e-rooted');
    await rooted.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--root', folder],
        cwd: project.path,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: project.path,
          BATUTA_DB: join(project.path, 'index.db'),
        },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await rooted.close();
    await project.close();
    outside.remove();
  });

  it('search finds the FAQ section; its read names the root to add; with that root it reads', async () => {
    const found = await project.client.callTool({
      name: 'search_docs',
      arguments: { query: 'grease on the bisque glaze pulls back into beads', collection: 'kiln-faq' },
    });
    const hit = (
      found.structuredContent as { results: Array<{ heading: string; uri: string; lines: [number, number] }> }
    ).results[0]!;
    expect(hit).toMatchObject({
      heading: '2. Glazes > 2.3 Why does my glaze crawl?',
      lines: [CRAWL_LINE, CRAWL_LINE],
    });
    expect(hit.uri).toBe(`batuta://docs/kiln-faq/FAQ?lines=${CRAWL_LINE}-${CRAWL_LINE}`);
    await expect(project.client.readResource({ uri: hit.uri })).rejects.toThrow(
      `start batuta mcp with --root "${folder}" (the collection's folder) to read it`,
    );
    const read = await rooted.readResource({ uri: hit.uri });
    expect((read.contents[0] as { text: string }).text).toBe(KILN_FAQ.split('\n')[CRAWL_LINE - 1]);
  });
});
