/**
 * End to end over stdio (built CLI): a manual page framed by chrome made of links (a menu bar and a
 * breadcrumb above its title, the page in other languages above and below it) is read through
 * batuta://docs/… without that chrome, and its hub pages (a site map, a directive index) are not indexed.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStdioProject, type StdioProject } from './stdio-project.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/doc-builders/xslt-manual');

describe('HTML chrome made of links over stdio (built CLI)', () => {
  let project: StdioProject;
  let client: Client;
  beforeAll(async () => {
    project = await openStdioProject('html-chrome', (path) => {
      cpSync(FIXTURE, join(path, 'kiln'), { recursive: true });
    });
    client = project.client;
  });
  afterAll(() => project.close());

  it('indexes the pages that explain and leaves out the hub pages, by rule hub', async () => {
    const indexed = await client.callTool({ name: 'index_collection', arguments: { folder: 'kiln' } });
    expect(indexed.structuredContent).toMatchObject({ collection: 'kiln', added: 3, leftOut: { hub: 2 } });
  });

  it('reads a page as its text without its menu bar, breadcrumb or language lists', async () => {
    const page = (await client.readResource({ uri: 'batuta://docs/kiln/mod/mod_firing.html' }))
      .contents[0] as {
      text: string;
    };
    const lines = page.text.split('\n');
    expect(lines).toContain('# Kiln Module mod_firing');
    expect(lines).toContain('## HoldTime Directive');
    expect(page.text).not.toMatch(
      /Modules \| Directives|Kiln > Documentation|Available Languages|\ben \| fr\b/,
    );
  });
});
