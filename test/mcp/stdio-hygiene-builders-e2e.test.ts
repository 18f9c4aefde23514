/**
 * End to end over stdio (built CLI): index_collection applies the builder rules of `batuta index` to an
 * mdBook, a gtk-doc, a gi-docgen and a Doxygen tree with include/exclude, and a folder whose pages sit behind links fails naming
 * the folder to index instead.
 */
import { cpSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from './harness.js';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/hygiene');

describe('index_collection on builder trees over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('builders', (path) => {
      cpSync(join(FIXTURES, 'mdbook'), join(path, 'pottery-book'), { recursive: true });
      cpSync(join(FIXTURES, 'gtkdoc'), join(path, 'gtk-doc', 'libspool'), { recursive: true });
      cpSync(join(FIXTURES, 'gi-docgen'), join(path, 'reel-1.0'), { recursive: true });
      cpSync(join(FIXTURES, 'doxygen-xref'), join(path, 'ledger'), { recursive: true });
      mkdirSync(join(path, 'libspool-doc'));
      symlinkSync('../gtk-doc/libspool', join(path, 'libspool-doc', 'libspool'));
    });
    client = project.client;
  });
  afterAll(() => project.close());

  it('leaves out what mdBook generates and honours exclude', async () => {
    const book = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'pottery-book', exclude: ['glazes.html'] },
    });
    expect(book.structuredContent).toMatchObject({
      collection: 'pottery-book',
      added: 1,
      leftOut: { mdbook: 8, exclude: 1 },
    });
  });

  it('leaves out gtk-doc indexes with include narrowing to pages', async () => {
    const gtk = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'gtk-doc/libspool', name: 'libspool', include: ['*.html'] },
    });
    expect(gtk.structuredContent).toMatchObject({
      collection: 'libspool',
      added: 2,
      leftOut: { gtkdoc: 4, include: 1 },
    });
  });

  it('leaves out the gi-docgen class hierarchy and scripts, and the Doxygen cross-reference lists unless included', async () => {
    const reel = await client.callTool({ name: 'index_collection', arguments: { folder: 'reel-1.0' } });
    expect(reel.structuredContent).toMatchObject({ added: 3, leftOut: { gidocgen: 4, type: 2 } });
    const ledger = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'ledger', include: ['*.html', 'todo.html'] },
    });
    expect(ledger.structuredContent).toMatchObject({ added: 4, leftOut: { doxygen: 3, include: 1 } });
  });

  it('a folder whose pages sit behind links is refused, naming the folder to index', async () => {
    const linked = await client.callTool({ name: 'index_collection', arguments: { folder: 'libspool-doc' } });
    expect(errorCodeOf(linked)).toBe('INVALID_INPUT');
    const text = (linked.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(text).toContain(realpathSync(join(project.path, 'gtk-doc', 'libspool')));
  });
});
