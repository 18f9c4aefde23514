/**
 * A long-running `batuta mcp` (built CLI, stdio) over an index written before merged sections were kept
 * (no `chunks.members` column): while it serves, another process's `batuta index` adds the column and
 * re-chunks the pages; the server's next search cites the merged section the passage is in, as a fresh
 * process does, without a restart. SQLite and PostgreSQL.
 */
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { projectServer } from './stdio-project.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/merged-subsections');
const QUESTION = 'make one shape family stand in for another';
const PARENT = 'shapes.conf manual > Settings file format';
const MEMBER = `${PARENT} > <rename>`;

/** Indexes the fixture into `db`, makes the index look older, and serves it with a new `batuta mcp`. */
async function serveOldIndex(home: string, db: string, makeOld: () => Promise<void>): Promise<Client> {
  cpSync(FIXTURES, join(home, 'shapes'), { recursive: true });
  const indexed = runBatuta(['index', join(home, 'shapes'), '--db', db, '--no-dense'], home);
  expect(indexed.code, indexed.stderr).toBe(0);
  await makeOld();
  const client = new Client({ name: 'e2e-added-column', version: '1.0.0' });
  await client.connect(projectServer(home, { BATUTA_DB: db }));
  return client;
}

async function firstHeading(client: Client): Promise<unknown> {
  const found = await client.callTool({
    name: 'search_docs',
    arguments: { query: QUESTION, collection: 'shapes' },
  });
  expect(found.isError, JSON.stringify(found.content)).toBeFalsy();
  return (found.structuredContent as { results: Array<{ heading: string }> }).results[0]?.heading;
}

async function reindexWhileServing(home: string, db: string, client: Client): Promise<void> {
  expect(await firstHeading(client)).toBe(PARENT);
  const again = runBatuta(['index', join(home, 'shapes'), '--db', db, '--no-dense'], home);
  expect(again.code, again.stderr).toBe(0);
  expect(await firstHeading(client)).toBe(MEMBER);
}

describe('a running server sees a column another process added (SQLite)', { timeout: 120_000 }, () => {
  const home = tempDir('batuta-added-column');
  const db = join(home, 'index.db');
  let client: Client;
  afterAll(() => client?.close());

  it('cites the merged section after the re-index, without a restart', async () => {
    client = await serveOldIndex(home, db, async () => {
      const old = new Database(db);
      old.exec('ALTER TABLE chunks DROP COLUMN members');
      old.exec("UPDATE collections SET chunker = replace(chunker, 'html-text-15', 'html-text-14')");
      old.close();
    });
    await reindexWhileServing(home, db, client);
  });
});

describe.skipIf(skipWithoutPostgres('stdio-added-column-e2e.test.ts'))(
  'a running server sees a column another process added (PostgreSQL)',
  { timeout: 120_000 },
  () => {
    const home = tempDir('batuta-added-column-pg');
    const pg = useTestDatabase();
    let client: Client;
    afterAll(() => client?.close());

    it('cites the merged section after the re-index, without a restart', async () => {
      client = await serveOldIndex(home, pg.url, async () => {
        await pg.query('ALTER TABLE batuta.chunks DROP COLUMN members');
        await pg.query(
          "UPDATE batuta.collections SET chunker = replace(chunker, 'html-text-15', 'html-text-14')",
        );
      });
      await reindexWhileServing(home, pg.url, client);
    });
  },
);
