/**
 * The built `batuta mcp` with a damaged learned model (dist/oracle-model.bin), in a private copy of the
 * built package (test/cli/built-tree.ts): the server starts, says on stderr which tools are off and why,
 * serves every part that does not need the model, and the parts that do answer with one line naming the
 * file and `npm run build`. Over HTTP, `GET /ready` names the failed part. A missing model leaves the
 * oracle answering without its learned signal, which the server says at start-up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerPictureUri } from '../../mcp/resources/pictures.js';
import { linkBuiltTree } from '../cli/built-tree.js';
import { tempDir } from '../temp-dirs.js';
import { clientFor, errorCodeOf, REVISIONS, textOf } from './harness.js';

const MODEL = join('dist', 'oracle-model.bin');
const QUESTION = 'How do I train a model on GPU?';

const tree = linkBuiltTree();
const built = readFileSync(join(tree.root, MODEL));
tree.replace(MODEL, built.subarray(0, built.length - 3));
const modelPath = join(tree.root, MODEL);

/** Starts the copy's `batuta mcp` over stdio; `stderr` collects what it writes there. */
async function connectStdio(cli: string, home: string, stderr: string[]): Promise<Client> {
  const client = clientFor(REVISIONS[0]!, 'damaged-model');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, 'mcp'],
    cwd: home,
    env: isolatedEnv(home),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (data: Buffer) => {
    stderr.push(data.toString());
  });
  await client.connect(transport);
  return client;
}

function isolatedEnv(home: string): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: home, BATUTA_DB: join(home, 'index.db') };
}

function expectNamesTheFix(line: string): void {
  expect(line.split('\n')).toHaveLength(1);
  expect(line).toContain(modelPath);
  expect(line).toContain('npm run build');
  expect(line).not.toMatch(/internal error|\bat .+:\d+:\d+/i);
}

describe('batuta mcp over stdio with a damaged learned model', () => {
  const home = tempDir('batuta-damaged-mcp-');
  const stderr: string[] = [];
  let client: Client;
  beforeAll(async () => {
    client = await connectStdio(tree.cli, home, stderr);
  });
  afterAll(async () => {
    await client.close();
  });

  it('starts and says on stderr which tools are off and why', async () => {
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining(['oracle_query', 'search_docs', 'list_collections', 'migration_status']),
    );
    const line = stderr
      .join('')
      .split('\n')
      .find((l) => l.includes('oracle_query'));
    expect(line, stderr.join('')).toBeDefined();
    expectNamesTheFix(line!);
    expect(line).toMatch(/^batuta mcp: .*\boff\b/);
  });

  it('answers oracle_query with a tool error naming the file and npm run build', async () => {
    const result = await client.callTool({ name: 'oracle_query', arguments: { question: QUESTION } });
    expect(result.isError).toBe(true);
    expect(errorCodeOf(result)).toBe('INVALID_DATA');
    expect(textOf(result)).toMatch(/^oracle_query: /);
    expectNamesTheFix(textOf(result));
  });

  it('refuses the picture of an answer the same way, and keeps the stack picture', async () => {
    await expect(client.readResource({ uri: answerPictureUri(QUESTION) })).rejects.toThrow(/npm run build/);
    const stack = await client.readResource({ uri: 'batuta://stack.svg' });
    expect(JSON.stringify(stack.contents)).toContain('<svg');
  });

  it('serves the tools, resources and prompts that do not need the model', async () => {
    const search = await client.callTool({ name: 'search_docs', arguments: { query: QUESTION, k: 3 } });
    expect(search.isError, textOf(search)).toBeFalsy();
    expect((search.structuredContent as { results: unknown[] }).results.length).toBeGreaterThan(0);
    const collections = await client.callTool({ name: 'list_collections', arguments: {} });
    expect(collections.isError, textOf(collections)).toBeFalsy();
    const component = await client.callTool({ name: 'get_component', arguments: { name: 'trueno' } });
    expect(component.isError, textOf(component)).toBeFalsy();
    const status = await client.callTool({ name: 'migration_status', arguments: { path: '.' } });
    expect(status.isError, textOf(status)).toBeFalsy();
    expect((await client.listResources()).resources.length).toBeGreaterThan(0);
    const prompts = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
    expect(prompts).toContain('choose_components');
  });
});

describe('batuta mcp --http with a damaged learned model', () => {
  const home = tempDir('batuta-damaged-http-');
  let child: ChildProcess;
  let base: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [tree.cli, 'mcp', '--http', '--port', '0'], {
      cwd: home,
      env: isolatedEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    base = await new Promise<string>((done, fail) => {
      child.stderr?.on('data', (data: Buffer) => {
        stderr += data.toString();
        const match = /listening on (http:\/\/\S+)\/mcp/.exec(stderr);
        if (match) done(match[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves, and /ready names the learned model as the part that failed', async () => {
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    const report = (await ready.json()) as Record<string, { state: string; detail: string }> & {
      status: string;
    };
    expect(report.status).toBe('not_ready');
    expect(report['knowledge']?.state).toBe('loaded');
    expect(report['oracle']?.state).toBe('failed');
    expectNamesTheFix(report['oracle']!.detail);
  });
});

describe('batuta mcp over stdio without the learned model', () => {
  const missing = linkBuiltTree();
  rmSync(join(missing.root, MODEL));
  const home = tempDir('batuta-missing-mcp-');
  const stderr: string[] = [];
  let client: Client;
  beforeAll(async () => {
    client = await connectStdio(missing.cli, home, stderr);
  });
  afterAll(async () => {
    await client.close();
  });

  it('answers oracle_query without the learned signal and says so at start-up', async () => {
    const result = await client.callTool({ name: 'oracle_query', arguments: { question: QUESTION } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect((result.structuredContent as { primary: { component: string } }).primary.component).toBeTruthy();
    const line = stderr
      .join('')
      .split('\n')
      .find((l) => l.includes('oracle_query'));
    expect(line, stderr.join('')).toBeDefined();
    expect(line).toContain(join(missing.root, MODEL));
    expect(line).toContain('missing');
    expect(line).toContain('npm run build');
  });
});
