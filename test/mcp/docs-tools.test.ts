import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAllowedRoots } from '../../mcp/roots.js';
import { INDEX_AGAIN, say } from '../../src/fixes.js';
import { createFakeDocs, fakeOracle } from './fakes.js';
import { type Connected, connect, errorCodeOf, tempDir, textOf } from './harness.js';

describe('oracle_query, search_docs, index_collection and batuta://docs', () => {
  let conn: Connected;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    dir = tempDir();
    mkdirSync(join(dir.path, 'notes'));
    for (let i = 0; i < 5; i += 1)
      writeFileSync(join(dir.path, 'notes', `n${i}.md`), `# Note ${i}\nwidgets ${i}\n`);
    const roots = createAllowedRoots([dir.path], dir.path);
    conn = await connect({ roots, oracle: fakeOracle, docs: createFakeDocs() });
  });
  afterEach(async () => {
    await conn.close();
    dir.remove();
  });

  it('oracle_query returns the recommendation as structured content and readable text', async () => {
    const result = await conn.client.callTool({
      name: 'oracle_query',
      arguments: { question: 'train on GPU' },
    });
    const r = result.structuredContent as { primary: { component: string }; compute: { backend: string } };
    expect(r.primary.component).toBe('aprender');
    expect(r.compute.backend).toBe('gpu');
    expect(textOf(result)).toContain('Primary: aprender');
    expect(textOf(result)).toContain('batuta://docs/specs/aprender.md?lines=2-3');
  });

  it('oracle_query says so when nothing matches, and refuses an empty question', async () => {
    const none = await conn.client.callTool({ name: 'oracle_query', arguments: { question: 'bake bread' } });
    expect(none.isError).toBeFalsy();
    expect((none.structuredContent as { primary: unknown }).primary).toBeNull();
    const empty = await conn.client.callTool({ name: 'oracle_query', arguments: { question: '  ' } });
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toContain('question');
  });

  it('search_docs ranks hits and links each to its resource', async () => {
    const result = await conn.client.callTool({
      name: 'search_docs',
      arguments: { query: 'gpu trueno', k: 5 },
    });
    const found = result.structuredContent as {
      results: { source: string; uri: string }[];
      reranked: boolean;
      notes: string[];
    };
    const hits = found.results;
    expect(found).toMatchObject({ reranked: false, notes: [] });
    expect(hits.map((h) => h.source)).toEqual(['aprender.md', 'guides/trueno.md']);
    expect(hits[1]!.uri).toBe('batuta://docs/specs/guides/trueno.md?lines=1-2');
    const missing = await conn.client.callTool({
      name: 'search_docs',
      arguments: { query: 'x', collection: 'nope' },
    });
    expect(errorCodeOf(missing)).toBe('NOT_FOUND');
    const badMode = await conn.client.callTool({
      name: 'search_docs',
      arguments: { query: 'x', mode: 'fuzzy' },
    });
    expect(badMode.isError).toBe(true);
    expect(textOf(badMode)).toContain('mode');
  });

  it('search_docs refuses a query of common words only, as the CLI does', async () => {
    const result = await conn.client.callTool({ name: 'search_docs', arguments: { query: 'what is it' } });
    expect(errorCodeOf(result)).toBe('INVALID_INPUT');
    expect(textOf(result)).toBe(
      'search_docs: "what is it" has only common words, nothing to search for (name the topic, e.g. "GPU training")',
    );
  });

  it('search_docs tells the agent why a leg was not used, naming the tool that fixes it', async () => {
    const docs = createFakeDocs();
    const note = say`dense leg unavailable: the vector file of "specs" is missing (${INDEX_AGAIN} on it again)`;
    const noted = await connect({
      roots: createAllowedRoots([dir.path], dir.path),
      oracle: fakeOracle,
      docs: { ...docs, search: async (q, o) => ({ ...(await docs.search(q, o)), notes: [note] }) },
    });
    try {
      const result = await noted.client.callTool({ name: 'search_docs', arguments: { query: 'gpu' } });
      const forAgent = String(note).replace('run "batuta index"', 'call index_collection');
      expect((result.structuredContent as { notes: string[] }).notes).toEqual([forAgent]);
      expect(textOf(result)).toContain(`Note: ${forAgent}`);
    } finally {
      await noted.close();
    }
  });

  it('reads documents whole or by line range, and reports missing ones as not found', async () => {
    const whole = await conn.client.readResource({ uri: 'batuta://docs/specs/guides/trueno.md' });
    expect((whole.contents[0] as { text: string }).text).toBe('# Trueno\nSIMD and GPU kernels.\n');
    const range = await conn.client.readResource({ uri: 'batuta://docs/specs/aprender.md?lines=2-3' });
    expect((range.contents[0] as { text: string }).text).toBe('Training runs on GPU.\nIt uses trueno.');
    await expect(conn.client.readResource({ uri: 'batuta://docs/specs/none.md' })).rejects.toMatchObject({
      code: -32602,
      data: { uri: 'batuta://docs/specs/none.md' },
    });
    await expect(
      conn.client.readResource({ uri: 'batuta://docs/specs/aprender.md?lines=9-2' }),
    ).rejects.toMatchObject({ code: -32602 });
    for (const uri of ['batuta://docs/specs/%E0%A4%A.md', 'batuta://docs/%E0%A4%A/aprender.md']) {
      await expect(conn.client.readResource({ uri })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringMatching(/is not URI-encoded/),
      });
    }
    const completion = await conn.client.complete({
      ref: { type: 'ref/resource', uri: 'batuta://docs/{collection}/{+path}' },
      argument: { name: 'collection', value: 'sp' },
    });
    expect(completion.completion.values).toEqual(['specs']);
  });

  it('index_collection indexes a folder inside the roots with increasing progress, then it is searchable', async () => {
    const progress: Progress[] = [];
    const result = await conn.client.callTool(
      { name: 'index_collection', arguments: { folder: 'notes', name: 'notes' } },
      { onprogress: (p) => progress.push(p) },
    );
    expect(result.structuredContent).toMatchObject({ collection: 'notes', added: 5, chunks: 5 });
    expect(progress.length).toBeGreaterThan(1);
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(progress.at(-1)).toMatchObject({ progress: 100, total: 100 });
    const search = await conn.client.callTool({
      name: 'search_docs',
      arguments: { query: 'widgets', collection: 'notes' },
    });
    expect((search.structuredContent as { results: unknown[] }).results).toHaveLength(5);
  });

  it('index_collection refuses folders outside the roots and the reserved name', async () => {
    const outside = await conn.client.callTool({
      name: 'index_collection',
      arguments: { folder: '../', name: 'up' },
    });
    expect(errorCodeOf(outside)).toBe('OUTSIDE_ROOTS');
    expect(textOf(outside)).toContain('outside the allowed roots');
    const reserved = await conn.client.callTool({
      name: 'index_collection',
      arguments: { folder: 'notes', name: 'specs' },
    });
    expect(errorCodeOf(reserved)).toBe('INVALID_INPUT');
    const badName = await conn.client.callTool({
      name: 'index_collection',
      arguments: { folder: 'notes', name: 'Bad Name' },
    });
    expect(badName.isError).toBe(true);
  });

  it('index_collection stops when the client cancels, and the server keeps serving', async () => {
    const controller = new AbortController();
    const call = conn.client.callTool(
      { name: 'index_collection', arguments: { folder: 'notes', name: 'notes' } },
      { signal: controller.signal, onprogress: () => controller.abort('user stopped') },
    );
    await expect(call).rejects.toThrow();
    const after = await conn.client.callTool({
      name: 'search_docs',
      arguments: { query: 'widgets', collection: 'notes' },
    });
    expect(errorCodeOf(after)).toBe('NOT_FOUND');
  });
});
