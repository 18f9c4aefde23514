import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_DEFAULTS, type RunningHttpServer, serveHttp } from '../../mcp/http.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { createServer } from '../../mcp/server.js';
import { fakeDeps } from './fakes.js';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};
const HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

async function start(token: string | null = null, maxBodyBytes = 4096): Promise<RunningHttpServer> {
  const deps = fakeDeps(createAllowedRoots([process.cwd()], process.cwd()));
  return serveHttp({
    ...HTTP_DEFAULTS,
    port: 0,
    token,
    maxBodyBytes,
    maxSessions: 3,
    createServer: () => createServer(deps),
    log: () => {},
  });
}

async function connectClient(url: string, token?: string): Promise<Client> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe('Streamable HTTP', () => {
  let running: RunningHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves a client on 127.0.0.1 at /mcp and answers /health', async () => {
    running = await start();
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/mcp`);
    const client = await connectClient(running.url);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('get_component');
    const result = await client.callTool({ name: 'get_component', arguments: { name: 'trueno' } });
    expect(result.isError).toBeFalsy();
    const health = await fetch(`http://127.0.0.1:${running.port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', sessions: 1 });
    await client.close();
  });

  it('streams progress notifications of a long tool over the POST response', async () => {
    running = await start();
    const client = await connectClient(running.url);
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'index_collection', arguments: { folder: 'test/fixtures/migration/project', name: 'fixture' } },
      undefined,
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

  it('requires the bearer token on every request when one is set', async () => {
    running = await start('s3cret-token');
    const noToken = await fetch(running.url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(INIT),
    });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(running.url, {
      method: 'POST',
      headers: { ...HEADERS, Authorization: 'Bearer wrong-token' },
      body: JSON.stringify(INIT),
    });
    expect(wrong.status).toBe(401);
    const health = await fetch(`http://127.0.0.1:${running.port}/health`);
    expect(health.status).toBe(401);
    await expect(connectClient(running.url)).rejects.toThrow();
    const client = await connectClient(running.url, 's3cret-token');
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
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
    running = await start(null, 2048);
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
    expect((await fetch(`http://127.0.0.1:${running.port}/other`)).status).toBe(404);
    expect((await fetch(running.url, { method: 'PUT', headers: HEADERS, body: '{}' })).status).toBe(405);
  });

  it('closes the least recently used session when the cap is reached', async () => {
    running = await start();
    const clients = [];
    for (let i = 0; i < 4; i += 1) clients.push(await connectClient(running.url));
    const health = await (await fetch(`http://127.0.0.1:${running.port}/health`)).json();
    expect(health).toMatchObject({ sessions: 3 });
    await expect(clients[0]!.listTools()).rejects.toThrow();
    expect((await clients[3]!.listTools()).tools.length).toBeGreaterThan(0);
    await Promise.all(clients.map((client) => client.close()));
  });
});
