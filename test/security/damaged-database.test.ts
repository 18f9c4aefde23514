/**
 * An index database with 64 KiB of random bytes inside, through the real entry points: searches fail
 * with one line that names `batuta index`; `batuta index --check` reports it and changes nothing;
 * `batuta index` moves the damaged file aside (never deletes it) and rebuilds from the folder; the MCP
 * server answers `search_docs` with a tool error and keeps serving.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { clientFor, tempDir, textOf } from '../mcp/harness.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** Sixty documents of seeded words, enough for a database of several hundred KiB. */
function writeDocs(home: string): string {
  const docs = join(home, 'docs');
  mkdirSync(docs);
  let state = 7;
  const word = () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return `w${(state >>> 8) % 5000}`;
  };
  for (let i = 0; i < 60; i += 1) {
    const body = Array.from({ length: 400 }, word).join(' ');
    writeFileSync(join(docs, `d${i}.md`), `# Document ${i}\n\nGPU kernels and ${body}\n`);
  }
  return docs;
}

/** Overwrites 64 KiB at `fraction` of the file (page-aligned) with seeded random bytes. */
function scramble(path: string, fraction: number): Buffer {
  const bytes = readFileSync(path);
  const start = Math.floor((bytes.length * fraction) / 4096) * 4096;
  let state = 5;
  for (let i = start; i < Math.min(bytes.length, start + 65536); i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  writeFileSync(path, bytes);
  return bytes;
}

function search(home: string, db: string) {
  return runBatuta(['oracle', '--rag', '--json', '--collection', 'docs', '--db', db, 'GPU kernels'], home);
}

describe('a damaged index database (built CLI)', () => {
  // 0.4 lands where opening the file fails; 0.25 where it opens and only an integrity check notices.
  for (const fraction of [0.4, 0.25]) {
    it(`64 KiB of random bytes at ${fraction * 100}%: searches name batuta index, which moves it aside and rebuilds`, () => {
      const home = tempDir('batuta-damaged-db-');
      try {
        const db = join(home.path, 'index.db');
        const docs = writeDocs(home.path);
        expect(runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path).code).toBe(0);
        const damaged = scramble(db, fraction);
        const failed = search(home.path, db);
        expect(failed.code).toBe(1);
        expect(failed.stderr.trim().split('\n')).toHaveLength(1);
        expect(failed.stderr).toMatch(/is damaged .*run "batuta index/);
        const check = runBatuta(['index', '--check', '--json', '--db', db], home.path);
        expect(check.code).toBe(1);
        expect(JSON.parse(check.stdout).database).toMatchObject({ ok: false });
        expect(readFileSync(db).equals(damaged)).toBe(true);
        const repair = runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path);
        expect(repair.code, repair.stderr).toBe(0);
        const aside = /moved it to "([^"]+)"/.exec(repair.stderr)?.[1];
        expect(aside, repair.stderr).toBeDefined();
        expect(readFileSync(aside!).equals(damaged)).toBe(true);
        const after = search(home.path, db);
        expect(after.code, after.stderr).toBe(0);
        expect(JSON.parse(after.stdout).results.length).toBeGreaterThan(0);
        const checked = runBatuta(['index', '--check', '--db', db], home.path);
        expect(checked.code, checked.stdout + checked.stderr).toBe(0);
      } finally {
        home.remove();
      }
    });
  }
});

describe('a damaged index database (batuta mcp over stdio)', () => {
  const home = tempDir('batuta-damaged-db-mcp-');
  const db = join(home.path, 'index.db');
  let client: Client;
  beforeAll(async () => {
    const docs = writeDocs(home.path);
    expect(runBatuta(['index', docs, '--name', 'docs', '--db', db], home.path).code).toBe(0);
    scramble(db, 0.4);
    client = clientFor('2025-11-25', 'damaged-db');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: home.path,
        env: { PATH: process.env['PATH'] ?? '', HOME: home.path, BATUTA_DB: db },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('search_docs is a tool error naming index_collection, and the server keeps serving', async () => {
    const result = await client.callTool({
      name: 'search_docs',
      arguments: { query: 'GPU kernels', collection: 'docs' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/is damaged .*call index_collection/);
    const specs = await client.callTool({ name: 'search_docs', arguments: { query: 'GPU kernels' } });
    expect(specs.isError).toBeFalsy();
    expect(existsSync(db)).toBe(true);
  });
});
