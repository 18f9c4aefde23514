/**
 * End to end over HTTP: the built CLI's `batuta mcp --http --port 0` with a token from the environment,
 * reached by the SDK's Streamable HTTP client, then stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './harness.js';

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

  it('refuses a request without the token and serves one with it', async () => {
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const client = new Client({ name: 'e2e-http', version: '1.0.0' });
    const headers = { Authorization: `Bearer ${TOKEN}` };
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    const result = await client.callTool({ name: 'get_component', arguments: { name: 'realizar' } });
    expect((result.structuredContent as { component: { name: string } }).component.name).toBe('realizar');
    await client.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
