/**
 * Containment through the real server: the built CLI's `batuta mcp` over stdio, one allowed root, and
 * projects and documents inside it whose links lead outside. Nothing outside the root may be written,
 * deleted, overwritten or read back; each refusal carries OUTSIDE_ROOTS and names the link or file.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, tempDir, textOf } from '../mcp/harness.js';
import { grepTree, snapshotTree } from './tree.js';

const BIN = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');

/** A folder outside the root that an attack aims at: a workspace with a crate and a manifest to keep. */
function makeVictim(dir: string): void {
  mkdirSync(join(dir, 'workspace', 'keepme'), { recursive: true });
  writeFileSync(join(dir, 'workspace', 'keepme', 'data.txt'), 'precious\n');
  writeFileSync(join(dir, 'workspace', 'Cargo.toml'), '# the owner wrote this\n');
  writeFileSync(join(dir, 'notes.md'), 'outside notes\n');
}

describe('containment over stdio (built CLI, one allowed root)', () => {
  let home: ReturnType<typeof tempDir>;
  let root: string;
  let outside: string;
  let client: Client;
  const project = (name: string): string => {
    const path = join(root, name);
    cpSync(join(FIXTURE, 'project'), path, { recursive: true });
    return path;
  };
  beforeAll(async () => {
    home = tempDir('batuta-security-');
    root = join(home.path, 'root');
    outside = join(home.path, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    cpSync(join(FIXTURE, 'tools'), join(root, 'tools'), { recursive: true });
    cpSync(join(FIXTURE, 'rust'), join(root, 'rust'), { recursive: true });
    client = new Client({ name: 'security', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home.path,
          CARGO_HOME: process.env['CARGO_HOME'] ?? join(homedir(), '.cargo'),
          BATUTA_DB: join(home.path, 'index.db'),
        },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('refuses a project whose .batuta links outside, and leaves the outside folder untouched', async () => {
    const victim = join(outside, 'victim-state');
    makeVictim(victim);
    const before = snapshotTree(victim);
    const path = project('linked-state');
    symlinkSync(victim, join(path, '.batuta'));
    for (const name of ['migration_analyze', 'migration_plan', 'migration_transpile']) {
      const result = await client.callTool({ name, arguments: { path: 'linked-state' } });
      expect(errorCodeOf(result), name).toBe('OUTSIDE_ROOTS');
      expect(textOf(result)).toContain(join(path, '.batuta'));
    }
    for (const name of ['migration_status', 'migration_reset']) {
      const result = await client.callTool({ name, arguments: { path: 'linked-state' } });
      expect(errorCodeOf(result), name).toBe('OUTSIDE_ROOTS');
    }
    expect(snapshotTree(victim)).toEqual(before);
  });

  it('refuses to transpile into a workspace that links outside, and keeps what is there', async () => {
    const victim = join(outside, 'victim-workspace');
    makeVictim(victim);
    const before = snapshotTree(victim);
    const path = project('linked-workspace');
    for (const name of ['migration_analyze', 'migration_plan']) {
      const result = await client.callTool({ name, arguments: { path: 'linked-workspace' } });
      expect(result.structuredContent, name).toMatchObject({ status: 'passed' });
    }
    symlinkSync(join(victim, 'workspace'), join(path, '.batuta', 'workspace'));
    const transpiled = await client.callTool({
      name: 'migration_transpile',
      arguments: { path: 'linked-workspace' },
    });
    expect(errorCodeOf(transpiled)).toBe('OUTSIDE_ROOTS');
    expect(textOf(transpiled)).toContain(join(path, '.batuta', 'workspace'));
    expect(snapshotTree(victim)).toEqual(before);
    // A reset removes the link batuta's workspace name points through, never what it points to.
    const reset = await client.callTool({ name: 'migration_reset', arguments: { path: 'linked-workspace' } });
    expect(reset.structuredContent).toMatchObject({
      removed: true,
      deleted: expect.arrayContaining(['workspace']),
    });
    expect(snapshotTree(victim)).toEqual(before);
  });

  it('refuses to write a transpile log through a link that leads outside', async () => {
    const victim = join(outside, 'victim-log');
    makeVictim(victim);
    const before = snapshotTree(victim);
    const path = project('linked-log');
    for (const name of ['migration_analyze', 'migration_plan']) {
      await client.callTool({ name, arguments: { path: 'linked-log' } });
    }
    mkdirSync(join(path, '.batuta', 'logs'), { recursive: true });
    symlinkSync(join(victim, 'notes.md'), join(path, '.batuta', 'logs', 'transpile-count.log'));
    const transpiled = await client.callTool({
      name: 'migration_transpile',
      arguments: { path: 'linked-log' },
    });
    expect(errorCodeOf(transpiled)).toBe('OUTSIDE_ROOTS');
    expect(textOf(transpiled)).toContain('transpile-count.log');
    expect(snapshotTree(victim)).toEqual(before);
  });

  it('refuses a validation case that names a file outside the project, copying nothing', async () => {
    writeFileSync(join(outside, 'secret.md'), 'TOP-SECRET-7f3a\n');
    const path = project('outside-case');
    writeFileSync(
      join(path, 'batuta.toml'),
      `[transpilers.python]\ncommand = "../tools/fake-transpile"\nargs = ["{input}", "{output}", "rust"]\n` +
        `[transpilers.shell]\ncommand = "../tools/fake-transpile"\nargs = ["{input}", "{output}", "rust"]\n` +
        `[transpilers.c]\ncommand = "../tools/fake-transpile"\nargs = ["{input}", "{output}", "rust"]\n` +
        `[[validation.cases]]\nname = "leak"\nsource = "wordstats.py"\nargs = ["secret.md"]\n` +
        `files = ["../../outside/secret.md"]\n`,
    );
    for (const name of ['migration_analyze', 'migration_plan', 'migration_transpile', 'migration_optimize']) {
      const result = await client.callTool({ name, arguments: { path: 'outside-case' } });
      expect(result.structuredContent, name).toMatchObject({ status: 'passed' });
    }
    const validated = await client.callTool({
      name: 'migration_validate',
      arguments: { path: 'outside-case' },
    });
    expect(errorCodeOf(validated)).toBe('OUTSIDE_ROOTS');
    expect(textOf(validated)).toContain('../../outside/secret.md');
    expect(grepTree(path, 'TOP-SECRET-7f3a')).toEqual([]);
  });

  it('re-checks a document on every read: a file swapped for an outside link is refused', async () => {
    const docs = join(root, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'a.md'), '# Alpha\n\nVector search with trueno-db and HNSW indexes.\n');
    writeFileSync(join(docs, 'b.md'), '# Beta\n\nTraining models on the GPU with entrenar.\n');
    writeFileSync(join(docs, 'c.md'), '# Gamma\n\nServing models with realizar.\n');
    writeFileSync(join(outside, 'private.md'), 'PRIVATE-91c2 outside the root\n');
    const indexed = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'docs', name: 'docs' },
    });
    expect(errorCodeOf(indexed)).toBeUndefined();
    const first = await client.readResource({ uri: 'batuta://docs/docs/b.md' });
    expect(JSON.stringify(first.contents)).toContain('entrenar');
    rmSync(join(docs, 'b.md'));
    symlinkSync(join(outside, 'private.md'), join(docs, 'b.md'));
    const read = client.readResource({ uri: 'batuta://docs/docs/b.md' });
    await expect(read).rejects.toThrow(/b\.md/);
    await expect(read).rejects.not.toThrow(/PRIVATE-91c2/);
  });

  it('refuses a document whose collection folder was swapped for a link outside', async () => {
    const docs = join(root, 'notes');
    mkdirSync(docs);
    writeFileSync(join(docs, 'a.md'), '# Alpha\n\nQuantized inference with realizar.\n');
    writeFileSync(join(docs, 'b.md'), '# Beta\n\nData loading with alimentar.\n');
    writeFileSync(join(docs, 'c.md'), '# Gamma\n\nModel registry in pacha.\n');
    const indexed = await client.callTool({
      name: 'index_collection',
      arguments: { folder: 'notes', name: 'notes' },
    });
    expect(errorCodeOf(indexed)).toBeUndefined();
    const fake = join(outside, 'fake-notes');
    mkdirSync(fake);
    writeFileSync(join(fake, 'b.md'), 'PRIVATE-5d0e swapped folder\n');
    rmSync(docs, { recursive: true });
    symlinkSync(fake, docs);
    const read = client.readResource({ uri: 'batuta://docs/notes/b.md' });
    await expect(read).rejects.toThrow(/notes/);
    await expect(read).rejects.not.toThrow(/PRIVATE-5d0e/);
  });
});
