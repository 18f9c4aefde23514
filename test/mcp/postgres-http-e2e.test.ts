/**
 * Several `batuta mcp --http --db postgres://…` servers (the built CLI) over one PostgreSQL index on the
 * private test server: they answer the same, a re-index while they serve never fails a search and becomes
 * visible to all of them, one killed server leaves the others answering, and `--db-read` serves from a
 * streaming replica, also after its primary is stopped.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl } from '../../bench/lib/listening-url.js';
import {
  skipWithoutPostgres,
  startReplica,
  type TestServer,
  useTestDatabase,
  waitForReplay,
  withDatabase,
} from '../store/postgres/server.js';
import { clientFor, REVISIONS, tempDir } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const TOKEN = 'pg-e2e-token-0123456789';
const skip = skipWithoutPostgres('postgres-http-e2e.test.ts');

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

type Hit = { source: string; lines: [number, number]; score: number };

/** Each test starts servers and index runs of the built CLI: minutes on a loaded 2-core machine. */
const SPAWNS_TIMEOUT = 240_000;

describe.skipIf(skip)(
  'batuta mcp --http --db postgres:// (built CLI, several servers)',
  { timeout: SPAWNS_TIMEOUT },
  () => {
    let home: ReturnType<typeof tempDir>;
    const db = useTestDatabase();
    const servers: Server[] = [];
    const started: TestServer[] = [];
    const env = () => ({ PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_MCP_TOKEN: TOKEN });
    const docs = () => join(home.path, 'notes');

    function index(url: string): { code: number | null; stderr: string } {
      const run = spawnSync(process.execPath, [BIN, 'index', docs(), '--db', url], {
        cwd: home.path,
        env: env(),
        encoding: 'utf8',
      });
      return { code: run.status, stderr: run.stderr };
    }

    async function serve(...dbFlags: string[]): Promise<Server> {
      const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0', ...dbFlags], {
        cwd: home.path,
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await listeningUrl(child);
      const server = { url, child };
      servers.push(server);
      return server;
    }

    async function search(server: Server, query: string): Promise<Hit[]> {
      const client = clientFor(REVISIONS[2], 'pg-e2e');
      const headers = { Authorization: `Bearer ${TOKEN}` };
      await client.connect(
        new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }),
      );
      try {
        const result = await client.callTool({
          name: 'search_docs',
          arguments: { query, collection: 'notes', k: 3 },
        });
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        return (result.structuredContent as { results: Hit[] }).results;
      } finally {
        await client.close();
      }
    }

    beforeAll(async () => {
      home = tempDir('batuta-pg-mcp-');
      mkdirSync(docs());
      writeFileSync(join(docs(), 'gpu.md'), '# GPU kernels\n\nMatrix multiplication runs on the GPU.\n');
      writeFileSync(
        join(docs(), 'search.md'),
        '# Vector search\n\nHNSW graphs answer nearest-neighbour queries.\n',
      );
      writeFileSync(join(docs(), 'net.md'), '# Replication\n\nStreaming replicas answer read queries.\n');
      expect(index(db.url).code).toBe(0);
    });
    afterAll(async () => {
      for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
      for (const server of started) await server.stop();
      home.remove();
    });

    it('answers the same from two servers over one database', async () => {
      const [a, b] = [await serve('--db', db.url), await serve('--db', db.url)];
      for (const question of ['matrix multiplication GPU', 'nearest neighbour queries', 'read replicas']) {
        const fromA = await search(a!, question);
        expect(fromA.length).toBeGreaterThan(0);
        expect(await search(b!, question)).toEqual(fromA);
      }
    });

    it('keeps answering while a collection is re-indexed, then every server sees the new version', async () => {
      const [a, b] = servers;
      writeFileSync(join(docs(), 'raft.md'), '# Consensus\n\nA quorumlease keeps the leader elected.\n');
      const indexing = spawn(process.execPath, [BIN, 'index', docs(), '--db', db.url], {
        cwd: home.path,
        env: env(),
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((done) => indexing.once('exit', done));
      let searches = 0;
      let running = true;
      void exited.then(() => {
        running = false;
      });
      while (running || searches === 0) {
        expect((await search(a!, 'matrix multiplication GPU'))[0]?.source).toBe('gpu.md');
        searches += 1;
      }
      expect(await exited).toBe(0);
      expect(searches).toBeGreaterThan(0);
      expect((await search(a!, 'quorumlease leader'))[0]?.source).toBe('raft.md');
      expect((await search(b!, 'quorumlease leader'))[0]?.source).toBe('raft.md');
    });

    it('serves the same index over stdio, with index_collection and list_collections', async () => {
      const client = clientFor(REVISIONS[2], 'pg-e2e-stdio');
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BIN, 'mcp', '--db', db.url],
          cwd: home.path,
          env: env(),
          stderr: 'pipe',
        }),
      );
      try {
        const indexed = await client.callTool({
          name: 'index_collection',
          arguments: { folder: 'notes', name: 'notes' },
        });
        expect(indexed.isError, JSON.stringify(indexed.content)).toBeFalsy();
        expect(indexed.structuredContent).toMatchObject({ collection: 'notes', added: 0, unchanged: 4 });
        const listed = await client.callTool({ name: 'list_collections', arguments: {} });
        expect(JSON.stringify(listed.structuredContent)).toContain('"notes"');
        const found = await client.callTool({
          name: 'search_docs',
          arguments: { query: 'quorumlease leader', collection: 'notes', k: 3 },
        });
        expect((found.structuredContent as { results: Hit[] }).results[0]?.source).toBe('raft.md');
      } finally {
        await client.close();
      }
    });

    it('answers from the other server when one is killed', async () => {
      const [a, b] = servers;
      const before = await search(b!, 'read replicas');
      a!.child.kill('SIGKILL');
      await new Promise((done) => a!.child.once('exit', done));
      expect(await search(b!, 'read replicas')).toEqual(before);
    });

    it('searches a streaming replica with --db-read, also after the primary is stopped', async () => {
      // A primary of this test's own (a promoted copy of the test server), so stopping it harms no other test.
      const primary = await startReplica();
      started.push(primary);
      await primary.promote();
      const replica = await startReplica(primary.url);
      started.push(replica);
      const name = new URL(db.url).pathname.slice(1);
      const [primaryDb, replicaDb] = [withDatabase(primary.url, name), withDatabase(replica.url, name)];
      const server = await serve('--db', primaryDb, '--db-read', replicaDb);
      expect((await search(server, 'quorumlease leader'))[0]?.source).toBe('raft.md');
      writeFileSync(join(docs(), 'cache.md'), '# Caching\n\nThe zettabloom cache keeps hot pages.\n');
      expect(index(primaryDb).code).toBe(0);
      await waitForReplay(primaryDb, replicaDb, replica);
      const fresh = await search(server, 'zettabloom cache');
      expect(fresh[0]?.source).toBe('cache.md');
      await primary.stop();
      started.splice(started.indexOf(primary), 1);
      expect(await search(server, 'zettabloom cache')).toEqual(fresh);
      expect((await search(server, 'matrix multiplication GPU'))[0]?.source).toBe('gpu.md');
    });
  },
);
