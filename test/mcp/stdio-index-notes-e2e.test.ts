/**
 * End to end over stdio (built CLI): what index_collection noticed on its way reaches the agent, not only
 * the server's log. A damaged index database is moved aside and started again by the next index; the
 * agent must learn that, and that the database's other collections need indexing again.
 */
import { mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, tempDir, textOf } from './harness.js';
import { projectServer } from './stdio-project.js';

describe('index_collection notes over stdio (built CLI)', () => {
  let project: ReturnType<typeof tempDir>;
  let client: Client;
  const start = async () => {
    client = clientFor('2025-11-25', 'e2e-index-notes');
    await client.connect(projectServer(project.path));
  };
  beforeAll(async () => {
    project = tempDir('batuta-e2e-index-notes-');
    for (const [folder, topic] of [
      ['kilns', 'Firing clay in a kiln at cone 6 needs a slow cooling ramp.'],
      ['glazes', 'Celadon glazes turn green in a reduction atmosphere.'],
    ] as const) {
      mkdirSync(join(project.path, folder));
      writeFileSync(join(project.path, folder, 'guide.md'), `# ${folder}\n\n${topic}\n`);
    }
    await start();
  });
  afterAll(async () => {
    await client.close();
    project.remove();
  });

  it('says when it replaced a damaged database, naming the copy kept and what to index again', async () => {
    for (const name of ['kilns', 'glazes']) {
      const first = await client.callTool({ name: 'index_collection', arguments: { folder: name, name } });
      expect(first.isError, textOf(first)).toBeFalsy();
      expect(first.structuredContent).toMatchObject({ collection: name, added: 1, notes: [] });
    }
    await client.close();
    const db = join(project.path, 'index.db');
    for (const end of ['-wal', '-shm']) rmSync(db + end, { force: true });
    truncateSync(db, Math.floor(statSync(db).size / 2));
    await start();

    const again = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'kilns', name: 'kilns' },
    });
    expect(again.isError, textOf(again)).toBeFalsy();
    expect(again.structuredContent).toMatchObject({ collection: 'kilns', added: 1 });
    const aside = readdirSync(project.path).filter((file) => file.startsWith('index.db.damaged-'));
    expect(aside).toHaveLength(1);
    const notes = (again.structuredContent as { notes: string[] }).notes;
    const repaired = notes.filter((note) => note.includes(aside[0]!));
    expect(repaired).toHaveLength(1);
    expect(repaired[0]).toContain('index_collection');
    expect(repaired[0]).not.toContain('batuta index');
    expect(textOf(again)).toContain(aside[0]!);
  });
});
