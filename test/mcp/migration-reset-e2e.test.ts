/**
 * End to end (built CLI): migration_reset over stdio and over HTTP repairs damaged migration state the way
 * `batuta reset` does, refuses paths outside the server's roots without touching them, and leaves files in
 * `.batuta/` that batuta did not write.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXES_META } from '../../mcp/fixes.js';
import { clientFor, errorCodeOf, tempDir, textOf } from './harness.js';
import { type HttpProject, startHttpProject } from './http-project.js';
import { projectServer } from './stdio-project.js';

interface Entry {
  readonly name: string;
  /** A connected client on a server started in `project`. */
  start(project: string): Promise<{ client: Client; stop: () => Promise<void> }>;
}

const ENTRIES: Entry[] = [
  {
    name: 'stdio',
    async start(project) {
      const client = clientFor('2025-11-25', 'reset-stdio');
      await client.connect(projectServer(project));
      return { client, stop: () => client.close() };
    },
  },
  {
    name: 'HTTP',
    async start(project) {
      const server: HttpProject = await startHttpProject(project);
      const client = await server.connect('reset-http');
      return {
        client,
        stop: async () => {
          await client.close();
          server.stop();
        },
      };
    },
  },
];

describe.each(ENTRIES)('migration_reset over $name (built CLI)', (entry) => {
  let home: ReturnType<typeof tempDir>;
  let project: string;
  let sibling: string;
  let session: Awaited<ReturnType<Entry['start']>>;
  beforeAll(async () => {
    home = tempDir('batuta-e2e-reset-');
    project = join(home.path, 'project');
    sibling = join(home.path, 'sibling');
    mkdirSync(project);
    writeFileSync(join(project, 'main.py'), 'def add(a, b):\n    return a + b\n');
    mkdirSync(join(sibling, '.batuta'), { recursive: true });
    writeFileSync(join(sibling, '.batuta', 'state.db'), 'another project');
    session = await entry.start(project);
  });
  afterAll(async () => {
    await session.stop();
    home.remove();
  });

  it('repairs a damaged state database, keeping a file batuta did not write', async () => {
    const { client } = session;
    const analyzed = await client.callTool({ name: 'migration_analyze', arguments: {} });
    expect(analyzed.structuredContent).toMatchObject({ status: 'passed' });
    writeFileSync(join(project, '.batuta', 'state.db'), 'not sqlite at all, just text'.repeat(100));
    writeFileSync(join(project, '.batuta', 'my-notes.txt'), 'mine\n');
    const damaged = await client.callTool({ name: 'migration_status', arguments: {} });
    expect(errorCodeOf(damaged)).toBe('CORRUPT_STORE');
    // The fix is said as the tool to call, and listed as that call for clients that act on it.
    expect(textOf(damaged)).toContain('call migration_reset');
    expect(textOf(damaged)).not.toMatch(/(^|[\s"'(])--[a-z]|"batuta [a-z]/);
    expect(damaged._meta?.[FIXES_META]).toEqual([
      { tool: 'migration_reset', arguments: { path: realpathSync(project) } },
    ]);
    const reset = await client.callTool({ name: 'migration_reset', arguments: { path: '.' } });
    expect(reset.isError, textOf(reset)).toBeFalsy();
    expect(reset.structuredContent).toMatchObject({
      removed: false,
      deleted: expect.arrayContaining(['analysis.json', 'state.db']),
      kept: ['my-notes.txt'],
    });
    expect(readFileSync(join(project, '.batuta', 'my-notes.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(project, 'main.py'), 'utf8')).toContain('def add');
    const status = await client.callTool({ name: 'migration_status', arguments: {} });
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(status.structuredContent).toMatchObject({ next: 'analyze' });
  });

  it('refuses a path outside the roots and deletes nothing there', async () => {
    for (const path of ['..', '../sibling', sibling]) {
      const result = await session.client.callTool({ name: 'migration_reset', arguments: { path } });
      expect(errorCodeOf(result), path).toBe('OUTSIDE_ROOTS');
    }
    expect(existsSync(join(sibling, '.batuta', 'state.db'))).toBe(true);
  });
});
