/**
 * Network exposure of `batuta mcp --http`: a server other machines can reach needs a token unless the
 * caller opts out by name, the log names the address actually bound, a full session table refuses
 * newcomers instead of evicting someone, and a client that hangs up costs one log line.
 */
import { spawn } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_DEFAULTS, type HttpOptions, type RunningHttpServer, serveHttp } from '../../mcp/http.js';
import { createAllowedRoots } from '../../mcp/roots.js';
import { createServer } from '../../mcp/server.js';
import { isLoopback } from '../../mcp/start.js';
import { fakeDeps } from '../mcp/fakes.js';
import { clientFor, tempDir } from '../mcp/harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** Runs the built CLI until it prints `until` on stderr (then kills it) or exits by itself. */
function runCli(args: string[], until?: RegExp): Promise<{ code: number | null; stderr: string }> {
  const home = tempDir('batuta-exposure-');
  const env = { PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_DB: join(home.path, 'index.db') };
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: home.path,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    if (until?.test(stderr)) child.kill('SIGTERM');
  });
  return new Promise((done) => {
    child.once('exit', (code) => {
      home.remove();
      done({ code, stderr });
    });
  });
}

/** The status of `GET /ready` on a local port, sent with the given Host header (fetch cannot set Host). */
function statusFor(port: number, host: string, token: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpGet(
      { host: '127.0.0.1', port, path: '/ready', headers: { Host: host, Authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.once('error', fail);
  });
}

async function start(overrides: Partial<HttpOptions>): Promise<RunningHttpServer> {
  const deps = fakeDeps(createAllowedRoots([process.cwd()], process.cwd()));
  return serveHttp({
    ...HTTP_DEFAULTS,
    port: 0,
    token: null,
    createServer: () => createServer(deps),
    log: () => {},
    ...overrides,
  });
}

describe('network exposure of batuta mcp --http', () => {
  let running: RunningHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('tells loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.org', '10.0.0.1']) {
      expect(isLoopback(host)).toBe(false);
    }
  });

  it('refuses to bind a non-loopback address without a token (exit 2, one line naming the fix)', async () => {
    const { code, stderr } = await runCli(['mcp', '--http', '--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--allow-unauthenticated');
    expect(stderr).toContain('BATUTA_MCP_TOKEN');
  });

  it('binds all interfaces when told to, and logs the address actually bound', async () => {
    const { stderr } = await runCli(
      ['mcp', '--http', '--host', '0.0.0.0', '--port', '0', '--allow-unauthenticated'],
      /listening on .*\n/,
    );
    expect(stderr).toMatch(
      /listening on http:\/\/127\.0\.0\.1:\d+\/mcp \(bound to 0\.0\.0\.0:\d+; no token required\)/,
    );
  });

  it("answers a load balancer's Host named by --allow-host, and the machine's own address, when bound to all interfaces", async () => {
    const home = tempDir('batuta-allow-host-');
    const child = spawn(
      process.execPath,
      [BIN, 'mcp', '--http', '--host', '0.0.0.0', '--port', '0', '--allow-host', 'batuta.example.com'],
      {
        cwd: home.path,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home.path,
          BATUTA_DB: join(home.path, 'index.db'),
          BATUTA_MCP_TOKEN: 'token-1234',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    try {
      const port = await new Promise<number>((done, fail) => {
        let stderr = '';
        child.stderr.on('data', (data: Buffer) => {
          stderr += data.toString();
          const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr);
          if (listening) done(Number(listening[1]));
        });
        child.once('exit', () => fail(new Error(`batuta mcp exited: ${stderr}`)));
      });
      const ready = (host: string) => statusFor(port, host, 'token-1234');
      expect(await ready('batuta.example.com')).toBe(200);
      expect(await ready(`batuta.example.com:${port}`)).toBe(200);
      expect(await ready('evil.test')).toBe(403);
      const own = Object.values(networkInterfaces())
        .flat()
        .find((address) => address !== undefined && !address.internal && address.family === 'IPv4');
      if (own !== undefined) expect(await ready(`${own.address}:${port}`)).toBe(200);
    } finally {
      child.kill('SIGTERM');
      home.remove();
    }
  });

  it('refuses sessions beyond the cap with 503 and keeps every open session working', async () => {
    running = await start({ maxSessions: 2 });
    const open = [];
    for (let i = 0; i < 2; i += 1) {
      const client = clientFor('2025-11-25');
      await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
      open.push(client);
    }
    const third = await fetch(running.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    });
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('30');
    for (const client of open) expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    const stateless = clientFor('2026-07-28');
    await stateless.connect(new StreamableHTTPClientTransport(new URL(running.url)));
    expect((await stateless.listTools()).tools.length).toBeGreaterThan(0);
    await Promise.all([...open, stateless].map((client) => client.close()));
  });

  it('logs one line, no stack trace, when a client hangs up in the middle of a request', async () => {
    const lines: string[] = [];
    let logged: () => void = () => {};
    const firstLine = new Promise<void>((done) => {
      logged = done;
    });
    running = await start({
      log: (line) => {
        lines.push(line);
        logged();
      },
    });
    const socket = connectSocket(running.port, '127.0.0.1');
    await new Promise<void>((done) => socket.once('connect', () => done()));
    socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0",',
    );
    socket.destroy();
    await firstLine;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/closed the connection/);
    expect(lines[0]).not.toMatch(/\n\s+at /);
  });
});
