/**
 * Bad PostgreSQL input through the built CLI against the real test server: each is one line on stderr that
 * names the fix, and nothing of the user's is dropped or altered. A user who may not enable pgvector (what a
 * managed database gives an application role), an unreachable server, and a database whose own tables have
 * the names of ours; once an administrator enabled pgvector, the same user indexes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, queryAt, skipWithoutPostgres, useTestDatabase } from '../store/postgres/server.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const skip = skipWithoutPostgres('postgres-bad-input.test.ts');

const home = tempDir('batuta-pg-bad-');
const docs = join(home, 'notes');
mkdirSync(docs);
writeFileSync(join(docs, 'a.md'), '# Pumps\n\nCentrifugal pumps move water with an impeller.\n');

/** The user's own rows, with the names batuta's tables have, in the schema public. */
const USER_TABLES =
  'CREATE TABLE public.collections (name text); CREATE TABLE public.documents (title text);' +
  " CREATE TABLE public.chunks (body text); INSERT INTO public.collections VALUES ('mine');" +
  " INSERT INTO public.documents VALUES ('keep me'); INSERT INTO public.chunks VALUES ('and me')";

function expectOneLine(run: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
}

describe.skipIf(skip)('bad PostgreSQL input (built CLI, real server)', { timeout: 240_000 }, () => {
  const role = `batuta_app_${process.pid}`;
  const db = useTestDatabase({
    home,
    afterDrop: async () => {
      await queryAt(PG_URL, `DROP ROLE IF EXISTS ${role}`);
    },
  });

  beforeAll(async () => {
    const database = new URL(db.url).pathname.slice(1);
    await db.query(USER_TABLES);
    await db.query(
      `CREATE ROLE ${role} LOGIN PASSWORD 'app-pass'; GRANT CREATE ON DATABASE ${database} TO ${role}`,
    );
  });

  const asApp = () => {
    const app = new URL(db.url);
    app.username = role;
    app.password = 'app-pass';
    return app.toString();
  };

  const userRows = async () =>
    (
      await db.query(
        'SELECT (SELECT name FROM public.collections) AS c, (SELECT title FROM public.documents) AS d, (SELECT body FROM public.chunks) AS k',
      )
    ).rows;

  it('tells a user who may not enable pgvector to have an administrator do it, and creates nothing', async () => {
    const run = runBatuta(['index', docs, '--db', asApp()], home);
    expectOneLine(
      run,
      /^batuta index: this user may not enable pgvector in 127\.0\.0\.1:\d+\/\w+ \(ask an administrator to run "CREATE EXTENSION vector;" in that database as a superuser, then run this again\)\n$/,
    );
    expect(run.stderr).not.toContain('app-pass');
    expect((await db.query("SELECT nspname FROM pg_namespace WHERE nspname = 'batuta'")).rows).toEqual([]);
    expect(await userRows()).toEqual([{ c: 'mine', d: 'keep me', k: 'and me' }]);
  });

  it('indexes as that user once pgvector is enabled, beside tables of the same names', async () => {
    await db.query('CREATE EXTENSION vector');
    const run = runBatuta(['index', docs, '--db', asApp(), '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).collections[0]).toMatchObject({ collection: 'notes', added: 1 });
    const search = runBatuta(
      ['oracle', '--rag', '--json', 'impeller', '--collection', 'notes', '--db', asApp()],
      home,
    );
    expect(JSON.parse(search.stdout).results[0].source).toBe('a.md');
    expect(await userRows()).toEqual([{ c: 'mine', d: 'keep me', k: 'and me' }]);
  });

  it('says the server cannot be reached, in every command', async () => {
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const closed = new URL(db.url);
    closed.port = String(port);
    for (const args of [
      ['index', docs],
      ['oracle', '--rag', 'impeller', '--collection', 'notes'],
      ['collections'],
      ['collections', 'remove', 'notes'],
    ]) {
      expectOneLine(
        runBatuta([...args, '--db', closed.toString()], home),
        /cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/\w+ \(ECONNREFUSED; start the server or fix host and port in the URL\)\n$/,
      );
    }
  });

  it('names the collection whose row is damaged in every command, and its removal lets the folder be indexed again', async () => {
    await db.query("UPDATE batuta.collections SET updated_at = 'infinity' WHERE name = 'notes'");
    for (const args of [
      ['collections'],
      ['oracle', '--rag', 'impeller', '--collection', 'notes'],
      ['index', docs],
    ]) {
      const run = runBatuta([...args, '--db', db.url], home);
      expectOneLine(run, /collection "notes"/);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.stderr).toContain('batuta collections remove notes');
      expect(run.stderr).toContain(`batuta index ${docs} --name notes`);
    }
    expect(runBatuta(['collections', 'remove', 'notes', '--db', db.url], home).code).toBe(0);
    const again = runBatuta(['index', docs, '--db', db.url, '--no-dense', '--json'], home);
    expect(again.code, again.stderr).toBe(0);
    const listed = JSON.parse(runBatuta(['collections', '--db', db.url, '--json'], home).stdout).collections;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['notes']);
  });
});
