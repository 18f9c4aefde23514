/**
 * End to end over HTTP: the built CLI's `batuta mcp --http --port 0` with a token from the environment,
 * reached by the SDK's Streamable HTTP client, then stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, REVISIONS, tempDir } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const TOKEN = 'e2e-token-0123456789';

describe('batuta mcp --http (built CLI)', () => {
  let home: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let url: string;
  let stderr = '';
  beforeAll(async () => {
    home = tempDir('batuta-e2e-http-');
    const env = { PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_DB: join(home.path, 'index.db') };
    child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
      cwd: home.path,
      env: { ...env, BATUTA_MCP_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((done, fail) => {
      child.stderr?.on('data', (data: Buffer) => {
        stderr += data.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stderr);
        if (match) done(match[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    home.remove();
  });

  it('announces a loopback URL and says a token is required', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(stderr).toContain('bearer token required');
  });

  it('refuses a request without the token', async () => {
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
  });

  it.each(REVISIONS)('serves a %s client that sends the token', async (revision) => {
    const client = clientFor(revision, 'e2e-http');
    const headers = { Authorization: `Bearer ${TOKEN}` };
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    expect(client.getNegotiatedProtocolVersion()).toBe(revision);
    const result = await client.callTool({ name: 'get_component', arguments: { name: 'realizar' } });
    expect((result.structuredContent as { component: { name: string } }).component.name).toBe('realizar');
    const search = await client.callTool({ name: 'search_docs', arguments: { query: 'vector store', k: 2 } });
    expect(search.isError, JSON.stringify(search.content)).toBeFalsy();
    await client.close();
  });

  it('answers /health without the token and /ready with it, naming what loaded', async () => {
    const base = url.replace(/\/mcp$/, '');
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/ready`)).status).toBe(401);
    const ready = await fetch(`${base}/ready`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as Record<string, { state: string }>;
    expect(report['knowledge']?.state).toBe('loaded');
    expect(report['oracle']?.state).toBe('loaded');
    expect(report['models']?.state).toBe('loaded');
    expect(report['database']?.state).toBe('absent');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
