/**
 * Tasks end to end through the built CLI with the real domain: a 2025-11-25 SDK client over stdio indexes a
 * small fixture folder as a task and cancels the index of a bigger one (the index stays whole: a plain
 * re-run completes it); a 2026-07-28 client over `--http` runs the same task through the extension.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listeningUrl } from '../../../bench/lib/listening-url.js';
import { clientFor, tempDir } from '../harness.js';
import { modernRequest } from './wire-client.js';

type Json = Record<string, unknown>;
const BIN = resolve(import.meta.dirname, '../../../dist/src/cli/main.js');
const FIXTURE = resolve(import.meta.dirname, '../../fixtures/migration/project');
const BIG_FILES = 120;
const ANY = z.looseObject({});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

describe('tasks through the built CLI', () => {
  let project: ReturnType<typeof tempDir>;
  beforeAll(() => {
    project = tempDir('batuta-e2e-tasks-');
    cpSync(FIXTURE, join(project.path, 'small'), { recursive: true });
    mkdirSync(join(project.path, 'big'));
    for (let i = 0; i < BIG_FILES; i++) {
      const body = Array.from(
        { length: 40 },
        (_, line) => `Note ${i} line ${line}: kiln ${i % 7} fires at ${line * 10} degrees.`,
      );
      writeFileSync(join(project.path, 'big', `note-${i}.md`), `# Note ${i}\n\n${body.join('\n')}\n`);
    }
  });
  afterAll(() => project.remove());
  const env = () => ({
    PATH: process.env['PATH'] ?? '',
    HOME: project.path,
    BATUTA_DB: join(project.path, 'index.db'),
  });

  describe('2025-11-25 over stdio (SDK client)', () => {
    let client: Client;
    const request = (method: string, params: Json) =>
      client.request({ method, params } as never, ANY as never) as Promise<Json>;
    beforeAll(async () => {
      client = clientFor('2025-11-25', 'e2e-tasks');
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BIN, 'mcp'],
          cwd: project.path,
          env: env(),
          stderr: 'pipe',
        }),
      );
    });
    afterAll(() => client.close());

    it('indexes a small folder as a task: working, then completed, result fetched', async () => {
      const created = await request('tools/call', {
        name: 'index_collection',
        arguments: { folder: 'small', name: 'small' },
        task: { ttl: 120_000 },
      });
      const taskId = String((created['task'] as Json)['taskId']);
      expect(created['task']).toMatchObject({ status: 'working', ttl: 120_000 });
      const done = await until(
        () => request('tasks/get', { taskId }),
        (task) => task['status'] !== 'working',
      );
      expect(done['status'], JSON.stringify(done)).toBe('completed');
      const result = await request('tasks/result', { taskId });
      expect(result['structuredContent']).toMatchObject({ collection: 'small', added: 6 });
      const search = await client.callTool({
        name: 'search_docs',
        arguments: { query: 'main', collection: 'small', k: 3 },
      });
      expect(search.isError, JSON.stringify(search.content)).toBeFalsy();
    });

    it('cancels the index of a bigger folder; a plain re-run then completes the collection', async () => {
      const created = await request('tools/call', {
        name: 'index_collection',
        arguments: { folder: 'big', name: 'big' },
        task: {},
      });
      const taskId = String((created['task'] as Json)['taskId']);
      const cancelled = await request('tasks/cancel', { taskId });
      expect(cancelled['status']).toBe('cancelled');
      await until(
        () => request('tasks/get', { taskId }),
        (task) => /has stopped/.test(String(task['statusMessage'])),
      );
      expect((await request('tasks/get', { taskId }))['status']).toBe('cancelled');
      const rerun = await client.callTool({
        name: 'index_collection',
        arguments: { folder: 'big', name: 'big' },
      });
      expect(rerun.isError, JSON.stringify(rerun.content)).toBeFalsy();
      const summary = rerun.structuredContent as { added: number; unchanged: number; updated: number };
      expect(summary.added + summary.unchanged).toBe(BIG_FILES);
      expect(summary.updated).toBe(0);
    });
  });

  describe('2026-07-28 over --http (the extension)', () => {
    let child: ChildProcess;
    let url: string;
    beforeAll(async () => {
      child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
        cwd: project.path,
        env: env(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      url = await listeningUrl(child);
    });
    afterAll(() => {
      if (child.exitCode === null) child.kill('SIGTERM');
    });

    it('runs index_collection as a task and inlines its result in tasks/get', async () => {
      const created = await modernRequest(url, 'tools/call', {
        name: 'index_collection',
        arguments: { folder: 'small', name: 'small-http' },
      });
      expect(created.result).toMatchObject({ resultType: 'task', status: 'working' });
      const taskId = String(created.result?.['taskId']);
      const done = await until(
        () => modernRequest(url, 'tasks/get', { taskId }),
        (answer) => answer.result?.['status'] !== 'working',
      );
      expect(done.result).toMatchObject({
        status: 'completed',
        result: { structuredContent: { collection: 'small-http', added: 6 } },
      });
    });
  });
});
