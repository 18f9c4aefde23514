/**
 * index_collection's include over stdio (built CLI): globs that pick out what a rule left out (a change
 * log, a Sphinx tree's sources, an unknown type) bring it back and are counted per rule overridden; a bomb
 * stays out; exclude wins; a glob matching nothing is reported, not an error.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGzipTree } from '../retrieval/documents/gzip-tree.js';
import { textOf } from './harness.js';
import { openStdioProject, type StdioProject } from './stdio-project.js';

describe('index_collection include over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('include', (path) => {
      const folder = writeGzipTree(join(path, 'brewctl'));
      cpSync(resolve(import.meta.dirname, '../fixtures/doc-builders/sphinx'), join(folder, 'html'), {
        recursive: true,
      });
      writeFileSync(join(folder, 'setup.cfg'), '[kettle]\nport = /dev/ttyUSB0\n');
    });
    client = project.client;
  });
  afterAll(() => project.close());

  it('brings back what the globs pick out, counts it per rule, keeps the bomb out and names an unmatched glob', async () => {
    const indexed = await client.callTool({
      name: 'index_collection',
      arguments: {
        folder: 'brewctl',
        include: ['changelog.gz', 'html/_sources/**', '*.cfg', 'bomb.md.gz', 'nothing-here.txt'],
        exclude: ['quickstart.rst.txt'],
      },
    });
    expect(indexed.isError ?? false).toBe(false);
    const result = indexed.structuredContent as {
      added: number;
      leftOut: Record<string, number>;
      includedOver: Record<string, number>;
      unmatchedInclude: string[];
    };
    expect(result).toMatchObject({
      collection: 'brewctl',
      added: 3,
      includedOver: { changelog: 1, sphinx: 1, type: 1 },
      unmatchedInclude: ['nothing-here.txt'],
    });
    expect(result.leftOut).toMatchObject({ 'too-large': 1, exclude: 1 });
    expect(result.leftOut['changelog']).toBeUndefined();
    expect(textOf(indexed)).toContain('Warning: include glob "nothing-here.txt" matches no file.');
  });

  it('search_docs finds the change log brought back', async () => {
    const found = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'first release of brewctl steep run and log', collection: 'brewctl' },
    });
    const results = (found.structuredContent as { results: Array<{ source: string }> }).results;
    expect(results[0]?.source).toBe('changelog.gz');
  });
});
