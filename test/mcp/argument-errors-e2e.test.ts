/**
 * End to end over stdio and Streamable HTTP (built CLI), as an agent meets the server: arguments the input
 * schema refuses, the shared argument name `question`, and the hints errors give, on every revision. Every
 * refusal is a tool error with our code in `_meta` and one line that starts with the tool's name; the
 * server keeps answering afterwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, errorCodeOf, REVISIONS, type Revision, tempDir, textOf } from './harness.js';
import { type HttpProject, startHttpProject } from './http-project.js';
import { projectServer } from './stdio-project.js';

/** Calls the schema refuses: each names the tool and the argument at fault. */
const REFUSED = [
  { name: 'search_docs', arguments: { question: 'vector database', k: 1_000_000 }, field: 'k' },
  { name: 'search_docs', arguments: { question: 'vector database', k: 1.5 }, field: 'k' },
  { name: 'search_docs', arguments: { question: 'vector database', mode: 'fuzzy' }, field: 'mode' },
  { name: 'oracle_query', arguments: { question: '' }, field: 'question' },
  { name: 'get_component', arguments: {}, field: 'name' },
  { name: 'index_collection', arguments: { folder: 'notes', name: 'Bad Name' }, field: 'name' },
] as const;

type Transport = 'stdio' | 'http';

const CASES = (['stdio', 'http'] as const).flatMap((transport) =>
  REVISIONS.map((revision) => [transport, revision] as [Transport, Revision]),
);

describe.each(CASES)('argument errors over %s, revision %s', (transport, revision) => {
  let project: ReturnType<typeof tempDir>;
  let http: HttpProject | undefined;
  let client: Client;
  beforeAll(async () => {
    project = tempDir('batuta-e2e-arguments-');
    mkdirSync(join(project.path, 'notes'));
    writeFileSync(join(project.path, 'notes', 'kiln.md'), '# Kiln\n\nFiring clay in a kiln at cone 6.\n');
    client = clientFor(revision, 'e2e-arguments');
    if (transport === 'stdio') {
      await client.connect(projectServer(project.path));
    } else {
      http = await startHttpProject(project.path);
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    }
  });
  afterAll(async () => {
    await client.close();
    http?.stop();
    project.remove();
  });

  it.each(REFUSED)(
    '$name refuses $field with INVALID_INPUT and one line naming the argument',
    async (call) => {
      const result = await client.callTool({ name: call.name, arguments: call.arguments });
      expect(result.isError).toBe(true);
      expect(errorCodeOf(result)).toBe('INVALID_INPUT');
      const text = textOf(result);
      expect(text.startsWith(`${call.name}: `), text).toBe(true);
      expect(text).toContain(call.field);
      expect(text).not.toContain('\n');
      const after = await client.callTool({ name: 'list_components', arguments: {} });
      expect(after.isError).toBeFalsy();
    },
  );

  it('search_docs takes the question as `question`, like oracle_query, and still as `query`', async () => {
    const byQuestion = await client.callTool({
      name: 'search_docs',
      arguments: { question: 'embedded vector database', k: 3, mode: 'bm25' },
    });
    expect(byQuestion.isError, textOf(byQuestion)).toBeFalsy();
    const found = byQuestion.structuredContent as { query: string; results: { source: string }[] };
    expect(found.query).toBe('embedded vector database');
    expect(found.results.map((hit) => hit.source)).toContain('trueno-db.md');
    const byQuery = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'embedded vector database', k: 3, mode: 'bm25' },
    });
    expect(byQuery.structuredContent).toEqual(byQuestion.structuredContent);
    const neither = await client.callTool({ name: 'search_docs', arguments: { k: 3 } });
    expect(errorCodeOf(neither)).toBe('INVALID_INPUT');
    expect(textOf(neither)).toMatch(/^search_docs: .*question/);
  });

  it('errors name the tool or argument that fixes them, never a CLI command or flag', async () => {
    const first = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'notes', name: 'pottery' },
    });
    expect(first.isError, textOf(first)).toBeFalsy();
    mkdirSync(join(project.path, 'more'), { recursive: true });
    writeFileSync(join(project.path, 'more', 'glaze.md'), '# Glaze\n\nCeladon glazes need reduction.\n');
    const clash = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'more', name: 'pottery' },
    });
    expect(errorCodeOf(clash)).toBe('INVALID_INPUT');
    expect(textOf(clash)).not.toMatch(/--name|batuta /);
    expect(textOf(clash)).toMatch(/\bname\b/);
    const read = await client.readResource({ uri: 'batuta://docs/nope/kiln.md' }).then(
      () => null,
      (error: { message: string; data?: unknown }) => error,
    );
    expect(read?.data).toEqual({ uri: 'batuta://docs/nope/kiln.md' });
    expect(read?.message).toMatch(/index_collection/);
    expect(read?.message).not.toMatch(/batuta index/);
  });
});
