import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDeps } from '../../mcp/deps.js';
import { HTTP_DEFAULTS, type HttpOptions, type RunningHttpServer, serveHttp } from '../../mcp/http.js';
import { summarizeReadiness } from '../../mcp/readiness.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { createServer } from '../../mcp/server.js';
import { createTaskStore } from '../../mcp/tasks/store.js';
import { BatutaError } from '../../src/index.js';
import { fakeDeps } from './fakes.js';
import { clientFor, REVISIONS, type Revision } from './harness.js';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};
const HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

async function start(
  overrides: Partial<HttpOptions> = {},
  deps: ServerDeps = {
    ...fakeDeps(createAllowedRoots([process.cwd()], process.cwd())),
    tasks: createTaskStore(),
  },
): Promise<RunningHttpServer> {
  return serveHttp({
    ...HTTP_DEFAULTS,
    port: 0,
    token: null,
    maxBodyBytes: 4096,
    maxSessions: 3,
    createServer: () => createServer(deps),
    log: () => {},
    ...overrides,
  });
}

async function connectClient(url: string, revision: Revision = '2025-11-25', token?: string) {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const client = clientFor(revision, 'http-test');
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe.each(REVISIONS)('Streamable HTTP, revision %s', (revision) => {
  let running: RunningHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves the tools on 127.0.0.1 at /mcp, sessions only before 2026-07-28', async () => {
    running = await start();
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/mcp`);
    expect(running.bound).toBe(`127.0.0.1:${running.port}`);
    const client = await connectClient(running.url, revision);
    expect(client.getNegotiatedProtocolVersion()).toBe(revision);
    expect(client.getInstructions()).toContain('oracle_query');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_component');
    const result = await client.callTool({ name: 'get_component', arguments: { name: 'trueno' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ component: { name: 'trueno' } });
    const transport = client.transport as StreamableHTTPClientTransport;
    expect(transport.sessionId === undefined).toBe(revision === '2026-07-28');
    await client.close();
  });

  it('streams progress notifications of a long tool over the POST response', async () => {
    running = await start();
    const client = await connectClient(running.url, revision);
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'index_collection', arguments: { folder: 'test/fixtures/migration/project', name: 'fixture' } },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    // The last report can be lost on the client: the SDK handles a notification one microtask after a
    // response read in the same chunk, when the progress handler is already gone.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.every((value) => value > 0 && value <= 100)).toBe(true);
    await client.close();
  });

  it('stops a long tool when the client cancels it, and keeps serving', async () => {
    const deps = fakeDeps(createAllowedRoots([process.cwd()], process.cwd()));
    let sawAbort: () => void = () => {};
    const aborted = new Promise<void>((done) => {
      sawAbort = done;
    });
    const indexFolder: NonNullable<NonNullable<typeof deps.docs>['indexFolder']> = (
      _folder,
      _name,
      control,
    ) =>
      new Promise((_done, fail) => {
        control.signal.addEventListener('abort', () => {
          sawAbort();
          fail(new BatutaError('CANCELLED', 'index: cancelled'));
        });
        control.onProgress(0.1, 'reading');
      });
    running = await start({}, { ...deps, docs: { ...deps.docs!, indexFolder } });
    const client = await connectClient(running.url, revision);
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'index_collection', arguments: { folder: 'test/fixtures', name: 'fixture' } },
      { signal: controller.signal, onprogress: () => controller.abort('user stopped') },
    );
    await expect(call).rejects.toThrow();
    await aborted;
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('requires the bearer token on every MCP request when one is set', async () => {
    running = await start({ token: 's3cret-token' });
    await expect(connectClient(running.url, revision)).rejects.toThrow();
    await expect(connectClient(running.url, revision, 'wrong-token')).rejects.toThrow();
    const client = await connectClient(running.url, revision, 's3cret-token');
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it('reports a missing resource as invalid params naming the URI', async () => {
    running = await start();
    const client = await connectClient(running.url, revision);
    await expect(client.readResource({ uri: 'batuta://components/nope' })).rejects.toMatchObject({
      code: -32602,
      data: { uri: 'batuta://components/nope' },
    });
    await client.close();
  });
});

describe('Streamable HTTP guard, probes and sessions', () => {
  let running: RunningHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers GET /health with only {"status":"ok"}, with no token and any Host', async () => {
    running = await start({ token: 's3cret-token' });
    const health = await fetch(`http://127.0.0.1:${running.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const refused = await fetch(running.url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(INIT),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers GET /ready behind the token with what loaded, 503 when a part failed', async () => {
    const loaded = { state: 'loaded', detail: 'ok' } as const;
    const failed = { state: 'failed', detail: 'database disk image is malformed' } as const;
    let database: typeof loaded | typeof failed = loaded;
    running = await start({
      token: 's3cret-token',
      readiness: async () =>
        summarizeReadiness({ knowledge: loaded, oracle: loaded, database, models: loaded }),
    });
    const ready = `http://127.0.0.1:${running.port}/ready`;
    expect((await fetch(ready)).status).toBe(401);
    const auth = { Authorization: 'Bearer s3cret-token' };
    const good = await fetch(ready, { headers: auth });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ status: 'ready', knowledge: loaded, models: loaded });
    database = failed;
    const bad = await fetch(ready, { headers: auth });
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ status: 'not_ready', database: failed });
  });

  it('refuses a wrong Host or a foreign Origin (DNS rebinding)', async () => {
    running = await start();
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((done, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: running!.port,
            path: '/mcp',
            method: 'POST',
            headers: { ...HEADERS, ...headers },
          },
          (res) => {
            res.resume();
            done(res.statusCode ?? 0);
          },
        );
        req.on('error', fail);
        req.end(JSON.stringify(INIT));
      });
    expect(await status({ Host: 'evil.example:80' })).toBe(403);
    expect(await status({ Host: `attacker.test:${running.port}` })).toBe(403);
    expect(await status({ Origin: 'http://evil.example' })).toBe(403);
    expect(await status({ Origin: 'null' })).toBe(403);
    expect(
      await status({ Host: `localhost:${running.port}`, Origin: `http://localhost:${running.port}` }),
    ).toBe(200);
  });

  it('refuses a body over the limit, bad JSON, unknown sessions and other paths', async () => {
    running = await start({ maxBodyBytes: 2048 });
    const big = { ...INIT, params: { ...INIT.params, padding: 'x'.repeat(4096) } };
    const tooLarge = await fetch(running.url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(big),
    });
    expect(tooLarge.status).toBe(413);
    const badJson = await fetch(running.url, { method: 'POST', headers: HEADERS, body: '{"jsonrpc":' });
    expect(badJson.status).toBe(400);
    const unknown = await fetch(running.url, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-session-id': 'no-such-session' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    });
    expect(unknown.status).toBe(404);
    const noSession = await fetch(running.url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    });
    expect(noSession.status).toBe(400);
    expect((await fetch(running.url, { headers: HEADERS })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${running.port}/other`)).status).toBe(404);
    expect((await fetch(running.url, { method: 'PUT', headers: HEADERS, body: '{}' })).status).toBe(405);
  });
});
