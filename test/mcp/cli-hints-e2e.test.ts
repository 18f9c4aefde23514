/**
 * End to end over stdio (built CLI): errors and notes an MCP client meets say their fix with a tool and its
 * arguments, never a `batuta` command or a `--` flag, while the CLI says the same fix with its flags. Each
 * case here once reached MCP clients in the CLI's words (--integrations, --dry-run, --mode, --no-dense,
 * --by agent, --db).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { clientFor, errorCodeOf, tempDir, textOf } from './harness.js';
import { projectServer } from './stdio-project.js';

/** A CLI flag or command in a text meant for an MCP client. */
const CLI_WORDS = /(^|[\s"'(])--[a-z]|"batuta [a-z]/;

function expectToolTerms(text: string): void {
  expect(text).not.toMatch(CLI_WORDS);
}

describe('MCP errors and notes say their fix in tool terms', () => {
  let project: ReturnType<typeof tempDir>;
  let client: Client;
  let damaged: Client;
  beforeAll(async () => {
    project = tempDir('batuta-e2e-hints-');
    mkdirSync(join(project.path, 'notes'));
    writeFileSync(join(project.path, 'notes', 'kiln.md'), '# Kiln\n\nFiring clay in a kiln at cone 6.\n');
    mkdirSync(join(project.path, 'blobs'));
    writeFileSync(join(project.path, 'blobs', 'a.dat'), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    const indexed = runBatuta(
      ['index', 'notes', '--name', 'plain', '--no-dense', '--db', join(project.path, 'index.db')],
      project.path,
    );
    expect(indexed.code, indexed.stderr).toBe(0);
    writeFileSync(join(project.path, 'damaged.db'), 'not an index at all, just text');
    client = clientFor('2025-11-25', 'e2e-hints');
    await client.connect(projectServer(project.path));
    damaged = clientFor('2026-07-28', 'e2e-hints-damaged');
    await damaged.connect(projectServer(project.path, { BATUTA_DB: join(project.path, 'damaged.db') }));
  });
  afterAll(async () => {
    await client.close();
    await damaged.close();
    project.remove();
  });

  it('find_integrations with one component twice names its from and to arguments', async () => {
    const result = await client.callTool({
      name: 'find_integrations',
      arguments: { from: 'trueno', to: 'trueno' },
    });
    expect(errorCodeOf(result)).toBe('INVALID_INPUT');
    expectToolTerms(textOf(result));
    expect(textOf(result)).toMatch(/\bfrom\b.*\bto\b/);
  });

  it('index_collection of a folder with nothing to index points to include, not a dry run', async () => {
    const result = await client.callTool({ name: 'index_collection', arguments: { folder: 'blobs' } });
    expect(errorCodeOf(result)).toBe('NO_DOCUMENTS');
    expectToolTerms(textOf(result));
    expect(textOf(result)).toMatch(/\binclude\b/);
  });

  it('search_docs over a collection without vectors: the error and the note name mode and index_collection', async () => {
    const dense = await client.callTool({
      name: 'search_docs',
      arguments: { question: 'kiln', collection: 'plain', mode: 'dense' },
    });
    expect(errorCodeOf(dense)).toBe('INVALID_INPUT');
    expectToolTerms(textOf(dense));
    expect(textOf(dense)).toMatch(/mode "bm25"/);
    const hybrid = await client.callTool({
      name: 'search_docs',
      arguments: { question: 'kiln', collection: 'plain' },
    });
    expect(hybrid.isError, textOf(hybrid)).toBeFalsy();
    const notes = (hybrid.structuredContent as { notes: string[] }).notes;
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expectToolTerms(note);
    expect(notes.join(' ')).toMatch(/index_collection/);
  });

  it('migration_submit_translation before any migration names the migration tools', async () => {
    const result = await client.callTool({
      name: 'migration_submit_translation',
      arguments: { path: '.', source: 'main.py', code: 'fn main() {}' },
    });
    expect(errorCodeOf(result)).toBe('PHASE_GATE');
    expectToolTerms(textOf(result));
    expect(textOf(result)).toMatch(/migration_transpile with by "agent"/);
  });

  it('a damaged index database: tool errors and resource reads say no --db', async () => {
    const listed = await damaged.callTool({ name: 'list_collections', arguments: {} });
    expect(errorCodeOf(listed)).toBe('CORRUPT_STORE');
    expectToolTerms(textOf(listed));
    const read = await damaged.readResource({ uri: 'batuta://collections' }).then(
      () => null,
      (error: { message: string }) => error,
    );
    expect(read).not.toBeNull();
    expectToolTerms(String(read?.message));
  });

  it('the CLI says the same fixes with its flags', () => {
    const dense = runBatuta(
      [
        'oracle',
        '--rag',
        '--mode',
        'dense',
        '--collection',
        'plain',
        '--db',
        join(project.path, 'index.db'),
        'kiln',
      ],
      project.path,
    );
    expect(dense.code).toBe(2);
    expect(dense.stderr).toMatch(/--mode bm25/);
    const empty = runBatuta(['index', 'blobs', '--db', join(project.path, 'other.db')], project.path);
    expect(empty.stderr).toMatch(/--dry-run/);
  });
});
