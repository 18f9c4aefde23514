/**
 * Two writers on one new index database: a `batuta index` run that created the file and then fails (here:
 * another connection holds the write lock longer than its busy timeout) leaves the file alone while another
 * connection has it open, so the other writer's collection is never deleted under it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { RUN_TEMPORARY } from './run-batuta.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** Resolves when `path` exists (the child's first write of it), checking between turns of the event loop. */
async function appeared(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((done) => setImmediate(done));
}

describe('index: a failed run on a database another writer has open', { timeout: 120_000 }, () => {
  it('keeps the file and the other writer’s rows', async () => {
    const home = tempDir('batuta-concurrent');
    const docs = join(home, 'notes');
    mkdirSync(docs);
    mkdirSync(join(home, RUN_TEMPORARY));
    for (let i = 0; i < 60; i++)
      writeFileSync(join(docs, `page${i}.md`), `# Page ${i}\n\nKettle number ${i} boils water for tea.\n`);
    const db = join(home, 'index.db');
    const child = spawn(process.execPath, [BIN, 'index', docs, '--db', db], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, TMPDIR: join(home, RUN_TEMPORARY) },
      cwd: home,
    });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    const exited = new Promise<number | null>((done) => child.on('close', done));
    // The run has opened the file it created (its WAL's shared memory exists): hold the write lock.
    await appeared(`${db}-shm`);
    const other = new Database(db);
    other.pragma('busy_timeout = 60000');
    other.exec('BEGIN IMMEDIATE');
    other.exec("INSERT INTO meta (key, value) VALUES ('other-writer', 'kept')");
    const code = await exited;
    other.exec('COMMIT');
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/locked by another batuta process/);
    expect(existsSync(db)).toBe(true);
    const row = other.prepare("SELECT value FROM meta WHERE key = 'other-writer'").pluck().get();
    other.close();
    const reopened = new Database(db, { readonly: true });
    expect(reopened.prepare("SELECT value FROM meta WHERE key = 'other-writer'").pluck().get()).toBe(row);
    reopened.close();
  });
});
