/**
 * End to end over stdio (built CLI): search_docs lists a text held by two pages once, with the other page
 * under `copies` (each with its `?lines=` URI, which reads the same text back), and the text answer says
 * "also in".
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/result-copies');

interface Hit {
  readonly source: string;
  readonly uri: string;
  readonly copies?: Array<{ source: string; heading: string; lines: [number, number]; uri: string }>;
}

describe('copies among search_docs results, over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('copies', (path) => {
      cpSync(FIXTURES, join(path, 'burrow-docs'), { recursive: true });
    });
    client = project.client;
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'burrow-docs' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'burrow-docs', added: 8 });
  });
  afterAll(() => project.close());

  it('folds the second page into the first, and both URIs read the same text', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { question: 'open a burrow file', collection: 'burrow-docs', k: 3 },
    });
    const { results } = found.structuredContent as { results: Hit[] };
    expect(results).toHaveLength(3);
    const [first] = results;
    expect(first!.copies).toHaveLength(1);
    const copy = first!.copies![0]!;
    expect([first!.source, copy.source].sort()).toEqual(['api/handles.md', 'api/internals.md']);
    expect(copy.uri).toBe(`batuta://docs/burrow-docs/${copy.source}?lines=${copy.lines[0]}-${copy.lines[1]}`);
    expect(results.slice(1).map((hit) => hit.source)).not.toContain(copy.source);
    const read = async (uri: string) =>
      ((await client.readResource({ uri })).contents[0] as { text: string }).text;
    expect(await read(copy.uri)).toBe(await read(first!.uri));
    const text = (found.content as Array<{ type: string; text: string }>)[0]!.text;
    expect(text).toContain(`also in: ${copy.uri}`);
  });
});
