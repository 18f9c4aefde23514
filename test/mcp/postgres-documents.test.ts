/**
 * A server over a PostgreSQL index needs nothing on its own disk: after `batuta index --db postgres://…` the
 * indexed folder is removed, and `batuta mcp --db postgres://…` (built CLI, over HTTP and over stdio) still
 * serves every document as `batuta://docs/…`, whole and by line range, with the same text the embedded store
 * served while the folder was there (HTML as its extracted text, a gzipped page as its inflated text).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl } from '../../bench/lib/listening-url.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { clientFor, REVISIONS, tempDir } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const TOKEN = 'pg-docs-token-0123456789';
const skip = skipWithoutPostgres('postgres-documents.test.ts');

const URIS = [
  'batuta://docs/manual/guide.md',
  'batuta://docs/manual/guide.md?lines=3-4',
  'batuta://docs/manual/api/page.html',
  'batuta://docs/manual/api/page.html?lines=1-2',
  'batuta://docs/manual/notes/setup.md.gz?lines=3-3',
];

type Read = { text: string; mimeType: string | undefined; meta: unknown };

async function readAll(client: Client): Promise<Read[]> {
  const out: Read[] = [];
  for (const uri of URIS) {
    const read = await client.readResource({ uri });
    const content = read.contents[0] as { text: string; mimeType?: string; _meta?: unknown };
    out.push({
      text: content.text,
      mimeType: content.mimeType,
      meta: (content._meta as Record<string, unknown> | undefined)?.['batuta/source'],
    });
  }
  return out;
}

describe.skipIf(skip)(
  'documents of a PostgreSQL index are served without the folder (built CLI)',
  { timeout: 240_000 },
  () => {
    let home: ReturnType<typeof tempDir>;
    const db = useTestDatabase();
    let expected: Read[];
    const children: ChildProcess[] = [];
    const env = () => ({ PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_MCP_TOKEN: TOKEN });
    const folder = () => join(home.path, 'manual');

    const stdio = (dbPath: string) =>
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--db', dbPath],
        cwd: home.path,
        env: env(),
        stderr: 'pipe',
      });

    async function withClient<T>(
      transport: StdioClientTransport | StreamableHTTPClientTransport,
      work: (c: Client) => Promise<T>,
    ) {
      const client = clientFor(REVISIONS[2], 'pg-docs');
      await client.connect(transport);
      try {
        return await work(client);
      } finally {
        await client.close();
      }
    }

    beforeAll(async () => {
      home = tempDir('batuta-pg-docs-');
      mkdirSync(join(folder(), 'api'), { recursive: true });
      mkdirSync(join(folder(), 'notes'), { recursive: true });
      writeFileSync(
        join(folder(), 'notes', 'setup.md.gz'),
        gzipSync('# Setup\n\nPoint the tool at the notes folder with --root.\n'),
      );
      writeFileSync(
        join(folder(), 'guide.md'),
        '# Guide\n\nInstall the tool.\n\n## Usage\n\nRun it on a folder of notes.\n',
      );
      writeFileSync(
        join(folder(), 'api', 'page.html'),
        '<html><head><title>API</title></head><body><h1>Client API</h1><p>Call <code>open()</code> first, then read.</p><script>var x = 1;</script></body></html>',
      );
      for (const target of [db.url, join(home.path, 'index.db')]) {
        const run = spawnSync(
          process.execPath,
          [BIN, 'index', folder(), '--name', 'manual', '--db', target],
          {
            cwd: home.path,
            env: env(),
            encoding: 'utf8',
          },
        );
        expect(run.status, run.stderr).toBe(0);
      }
      expected = await withClient(stdio(join(home.path, 'index.db')), readAll);
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      home.remove();
    });

    it('reads what the embedded store read from the folder, HTML as text', () => {
      expect(expected[0]!.text).toBe(
        '# Guide\n\nInstall the tool.\n\n## Usage\n\nRun it on a folder of notes.\n',
      );
      expect(expected[1]!.text).toBe('Install the tool.\n');
      expect(expected[2]!.text).toContain('Call open() first, then read.');
      expect(expected[2]!.text).not.toContain('<p>');
      expect(expected[2]!.meta).toMatchObject({ mimeType: 'text/html' });
      expect(expected[4]!).toMatchObject({
        text: 'Point the tool at the notes folder with --root.',
        mimeType: 'text/markdown',
        meta: { mimeType: 'text/markdown', encoding: 'gzip' },
      });
    });

    it('serves the same documents over stdio and HTTP once the folder is gone', async () => {
      renameSync(folder(), join(home.path, 'moved-away'));
      const fromStdio = await withClient(stdio(db.url), readAll);
      expect(fromStdio).toEqual(expected);
      const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0', '--db', db.url], {
        cwd: home.path,
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const url = await listeningUrl(child);
      const headers = { Authorization: `Bearer ${TOKEN}` };
      const http = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
      expect(await withClient(http, readAll)).toEqual(expected);
      // The embedded store has only the folder to read from: it says so.
      await withClient(stdio(join(home.path, 'index.db')), async (client) => {
        await expect(client.readResource({ uri: URIS[0]! })).rejects.toThrow(/no longer on disk/);
      });
    });
  },
);
