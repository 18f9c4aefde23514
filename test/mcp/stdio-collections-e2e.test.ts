/**
 * End to end over stdio (built CLI): index_collection with the hygiene rules, include/exclude and the
 * default name, then list_collections and the batuta://collections resource.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from './harness.js';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/doc-builders');

describe('collections over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('collections', (path) => {
      cpSync(join(FIXTURES, 'sphinx'), join(path, 'python-flask-doc', 'html'), { recursive: true });
      cpSync(join(FIXTURES, 'plain'), join(path, 'tool'), { recursive: true });
    });
    client = project.client;
  });
  afterAll(() => project.close());

  // Resource reads are read once, after indexing: a 2026-07-28 client may keep a read for a minute.
  it('lists no collection before the first index', async () => {
    const empty = await client.callTool({ name: 'list_collections', arguments: {} });
    expect(empty.structuredContent).toEqual({ collections: [] });
    expect((empty.content as Array<{ text: string }>)[0]?.text).toMatch(/^No indexed collection yet/);
  });

  it('index_collection leaves out generated files, names the collection after the folder, honours exclude', async () => {
    const flask = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'python-flask-doc/html' },
    });
    expect(flask.structuredContent).toMatchObject({
      collection: 'python-flask-doc',
      added: 2,
      leftOut: { sphinx: 11 },
    });
    const tool = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'tool', name: 'tool', exclude: ['src/**'], include: ['*.md', '*.py', '*.html'] },
    });
    expect(tool.structuredContent).toMatchObject({ collection: 'tool', added: 3 });
    expect((tool.structuredContent as { leftOut: Record<string, number> }).leftOut).toMatchObject({
      exclude: 1,
      duplicate: 2,
      gitignore: 2,
      batutaignore: 1,
    });
  });

  it('list_collections and batuta://collections show both collections with their sizes', async () => {
    const listed = await client.callTool({ name: 'list_collections', arguments: {} });
    const collections = (listed.structuredContent as { collections: Array<Record<string, unknown>> })
      .collections;
    expect(collections.map((c) => c['name'])).toEqual(['python-flask-doc', 'tool']);
    expect(collections[0]).toMatchObject({
      folder: join(project.path, 'python-flask-doc', 'html'),
      files: 2,
      skipped: 11,
    });
    expect(collections[0]!['diskBytes']).toBeGreaterThan(0);
    expect(collections[0]!['contentBytes']).toBeGreaterThan(0);
    // The fusion index_collection chose for each, cut down to the choice (the full record: batuta collections --json).
    const fusion = collections[0]!['fusion'] as { chosen: string; questions: number };
    expect(fusion).toMatchObject({ method: expect.stringMatching(/^(rrf|convex)$/), rerankShare: 1 });
    expect(fusion.chosen).toMatch(/^(rrf|convex) .*; reranker share 1/);
    expect((listed.content as Array<{ text: string }>)[0]?.text).toContain(`fusion: ${fusion.chosen}`);
    const read = await client.readResource({ uri: 'batuta://collections' });
    expect(read.contents[0]).toMatchObject({ mimeType: 'application/json' });
    expect(JSON.parse((read.contents[0] as { text: string }).text).collections).toEqual(collections);
  });

  it('a folder with nothing to index is an error, and no collection is left behind', async () => {
    const none = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'tool', name: 'nothing', include: ['*.pdf'] },
    });
    expect(errorCodeOf(none)).toBe('INVALID_INPUT');
    const listed = await client.callTool({ name: 'list_collections', arguments: {} });
    expect((listed.structuredContent as { collections: unknown[] }).collections).toHaveLength(2);
  });
});
