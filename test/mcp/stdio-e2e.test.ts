/**
 * End to end: the built CLI (`node dist/src/cli/main.js mcp`) serving the real domain over stdio, driven
 * by the SDK client, plus a raw check that stdout carries nothing but JSON-RPC frames.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, errorCodeOf, REVISIONS, tempDir, textOf } from './harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** PATH only, with HOME and the index database inside the test's own folder. */
function isolatedEnv(folder: string): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: folder, BATUTA_DB: join(folder, 'index.db') };
}

describe.each(REVISIONS)('batuta mcp over stdio (built CLI), revision %s', (revision) => {
  let project: ReturnType<typeof tempDir>;
  let client: Client;
  beforeAll(async () => {
    project = tempDir('batuta-e2e-');
    writeFileSync(join(project.path, 'main.py'), 'import numpy as np\n\nprint(np.zeros(3).sum())\n');
    client = clientFor(revision, 'e2e');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: project.path,
        env: isolatedEnv(project.path),
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    project.remove();
  });

  it('offers the graph tools and answers them from the shipped knowledge', async () => {
    expect(client.getNegotiatedProtocolVersion()).toBe(revision);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_components', 'get_component', 'find_integrations']));
    const list = await client.callTool({ name: 'list_components', arguments: {} });
    expect((list.structuredContent as { components: unknown[] }).components).toHaveLength(20);
    const one = await client.callTool({ name: 'get_component', arguments: { name: 'trueno-db' } });
    expect((one.structuredContent as { component: { name: string; layer: number } }).component.name).toBe(
      'trueno-db',
    );
    const bad = await client.callTool({ name: 'get_component', arguments: { name: 'tensorflow' } });
    expect(errorCodeOf(bad)).toBe('NOT_FOUND');
    expect(textOf(bad)).toMatch(/^get_component: /);
  });

  it('resolves capabilities, integration routes and recipes the way people type them', async () => {
    const wasm = await client.callTool({
      name: 'find_components',
      arguments: { capability: 'support WASM' },
    });
    const found = wasm.structuredContent as { capability: { id: string }; components: { name: string }[] };
    expect(found.capability.id).toBe('wasm');
    expect(found.components.length).toBeGreaterThan(0);
    const route = await client.callTool({
      name: 'find_integrations',
      arguments: { from: 'aprender', to: 'realizar' },
    });
    expect(route.structuredContent).toMatchObject({ from: 'aprender', to: 'realizar', mode: 'direct' });
    const recipes = await client.callTool({
      name: 'search_recipes',
      arguments: { query: 'serve a model over HTTP' },
    });
    const list = (recipes.structuredContent as { recipes: { components: string[] }[] }).recipes;
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]?.components).toContain('realizar');
    const typo = await client.callTool({ name: 'get_component', arguments: { name: 'truno' } });
    expect(textOf(typo)).toContain('trueno');
    expect(textOf(typo)).not.toContain('batuta oracle');
  });

  it('answers oracle_query from the knowledge base with citations into the specs', async () => {
    const result = await client.callTool({
      name: 'oracle_query',
      arguments: { question: 'Which component stores vectors for similarity search?' },
    });
    const answer = result.structuredContent as {
      primary: { component: string } | null;
      citations: { collection: string; source: string }[];
    };
    expect(answer.primary?.component).toBe('trueno-db');
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations[0]?.collection).toBe('specs');
    expect(textOf(result)).toContain('Primary: trueno-db');
    const none = await client.callTool({
      name: 'oracle_query',
      arguments: { question: 'bake sourdough bread' },
    });
    expect(none.isError).toBeFalsy();
    expect((none.structuredContent as { primary: unknown }).primary).toBeNull();
  });

  it('reads a component resource', async () => {
    const read = await client.readResource({ uri: 'batuta://components/aprender' });
    expect((read.contents[0] as { text: string }).text).toContain('aprender');
  });
});

describe.each(['2025-11-25', '2026-07-28'] as const)(
  'document tools over stdio (built CLI, shipped specs and models), revision %s',
  (revision) => {
    let project: ReturnType<typeof tempDir>;
    let client: Client;
    beforeAll(async () => {
      project = tempDir('batuta-e2e-docs-');
      mkdirSync(join(project.path, 'notes'));
      writeFileSync(
        join(project.path, 'notes', 'kiln.md'),
        '# Kiln\n\nThe kiln firing schedule uses cone 6.\n',
      );
      writeFileSync(join(project.path, 'notes', 'glaze.md'), '# Glaze\n\nCeladon glaze recipes and tests.\n');
      writeFileSync(join(project.path, 'notes', 'clay.md'), '# Clay\n\nStoneware clay bodies.\n');
      client = clientFor(revision, 'e2e-docs');
      const env = isolatedEnv(project.path);
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BIN, 'mcp'],
          cwd: project.path,
          env,
          stderr: 'pipe',
        }),
      );
    });
    afterAll(async () => {
      await client.close();
      project.remove();
    });

    it('searches the specs and reads a hit through its resource URI', async () => {
      const result = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'embedded vector database', k: 3 },
      });
      const hits = (
        result.structuredContent as { results: { source: string; uri: string; lines: number[] }[] }
      ).results;
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.map((hit) => hit.source)).toContain('trueno-db.md');
      const first = hits[0]!;
      const read = await client.readResource({ uri: first.uri });
      const text = (read.contents[0] as { text: string }).text;
      expect(text.split('\n')).toHaveLength(first.lines[1]! - first.lines[0]! + 1);
    });

    it('refuses a document or component URI with a broken percent-escape as invalid params', async () => {
      for (const uri of ['batuta://docs/specs/%E0%A4%A.md', 'batuta://components/%E0%A4%A']) {
        await expect(client.readResource({ uri })).rejects.toMatchObject({
          code: -32602,
          message: expect.stringMatching(/is not URI-encoded/),
        });
      }
    });

    it('refuses a search of common words only with a tool error saying so', async () => {
      const result = await client.callTool({ name: 'search_docs', arguments: { query: 'what is it' } });
      expect(result.isError).toBe(true);
      expect(errorCodeOf(result)).toBe('INVALID_INPUT');
      expect((result.content as { text: string }[])[0]?.text).toMatch(/has only common words/);
    });

    it('reranks search_docs hits with the shipped reranker unless told not to', async () => {
      const args = { query: 'How do I keep embeddings on disk for similarity search?', k: 100 };
      const search = async (extra: Record<string, unknown>) => {
        const result = await client.callTool({ name: 'search_docs', arguments: { ...args, ...extra } });
        const found = result.structuredContent as {
          results: { source: string; score: number }[];
          reranked: boolean;
          notes: string[];
        };
        // each file's result; further sections of the files follow them when k asks for more than there are
        const files = found.results.filter(
          (hit, i) => found.results.findIndex((h) => h.source === hit.source) === i,
        );
        expect(files).toEqual(found.results.slice(0, files.length));
        return { ...found, total: files.reduce((sum, hit) => sum + hit.score, 0) };
      };
      // Reranked, the scores are the reranker's chances that each file is the best one it read (they sum to
      // 1 over the files, files below its head get 0); the built-in specs are fused by plain RRF (k 60, both
      // legs weighted 1), so each file scores at most 2 / 61 on its own.
      expect(await search({})).toMatchObject({ reranked: true, notes: [], total: expect.closeTo(1, 4) });
      const plain = await search({ rerank: false });
      expect(plain).toMatchObject({ reranked: false, notes: [] });
      expect(Math.max(...plain.results.map((hit) => hit.score))).toBeLessThanOrEqual(1 + 1e-6);
      expect(plain.total).not.toBeCloseTo(1, 2);
    });

    it('indexes a folder inside the project with progress, searches it, and refuses one outside', async () => {
      let progressSeen = 0;
      const indexed = await client.callTool(
        { name: 'index_collection', arguments: { folder: 'notes', name: 'pottery' } },
        { onprogress: () => (progressSeen += 1) },
      );
      expect(indexed.structuredContent).toMatchObject({ collection: 'pottery', added: 3 });
      expect(progressSeen).toBeGreaterThan(0);
      const search = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'kiln firing', collection: 'pottery', mode: 'bm25' },
      });
      expect((search.structuredContent as { results: { source: string }[] }).results[0]?.source).toBe(
        'kiln.md',
      );
      // Without a name, the collection already holding the folder is refreshed, not copied under the default name.
      const again = await client.callTool({ name: 'index_collection', arguments: { folder: 'notes' } });
      expect(again.structuredContent).toMatchObject({ collection: 'pottery', added: 0, unchanged: 3 });
      const outside = await client.callTool({
        name: 'index_collection',
        arguments: { folder: '/etc', name: 'etc' },
      });
      expect(errorCodeOf(outside)).toBe('OUTSIDE_ROOTS');
    });

    it('refuses a collection name no collection can have, without offering to index under it', async () => {
      const result = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'kiln', collection: '../x' },
      });
      expect(errorCodeOf(result)).toBe('INVALID_INPUT');
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text).toMatch(/"\.\.\/x" cannot be a collection name \(choose one of: specs, pottery/);
      expect(text).not.toContain('index_collection');
    });
  },
);

describe('stdout of batuta mcp', () => {
  it('carries only JSON-RPC frames, even after a malformed line', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: isolatedEnv(import.meta.dirname),
    });
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => lines.push(line));
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    child.stdin.write('this is not json\n');
    send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (lines.some((line) => line.includes('"id":2')) || child.exitCode !== null) {
          clearInterval(timer);
          done();
        }
      }, 20);
    });
    expect(child.exitCode, `server exited early: ${stderr}`).toBeNull();
    child.stdin.end();
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(lines.map((line) => (JSON.parse(line) as { id?: number }).id)).toEqual([1, 2]);
  });
});
