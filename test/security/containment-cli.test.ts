/**
 * Containment through the built CLI, which has no allowed roots: what a project keeps beneath itself
 * (.batuta/, the workspace) must still not lead out of the project through a symlink.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatuta } from '../cli/run-batuta.js';
import { tempDir } from '../mcp/harness.js';
import { snapshotTree } from './tree.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration');

describe('containment in the CLI (built batuta)', () => {
  const home = tempDir('batuta-security-cli-');
  afterAll(() => home.remove());

  it('refuses a .batuta that links outside the project, in one line, touching nothing there', () => {
    const project = join(home.path, 'linked');
    const victim = join(home.path, 'victim');
    cpSync(join(FIXTURE, 'project'), project, { recursive: true });
    mkdirSync(join(victim, 'workspace', 'keepme'), { recursive: true });
    writeFileSync(join(victim, 'workspace', 'Cargo.toml'), '# the owner wrote this\n');
    const before = snapshotTree(victim);
    symlinkSync(victim, join(project, '.batuta'));
    for (const command of ['analyze', 'plan', 'transpile', 'status', 'reset']) {
      const run = runBatuta([command, project], home.path);
      expect(run.code, command).toBe(1);
      expect(run.stderr, command).toMatch(new RegExp(`^batuta ${command}: .*\\.batuta" is a symlink.*\\n$`));
    }
    expect(snapshotTree(victim)).toEqual(before);
  });

  it('refuses a workspace that links outside the project at transpile', () => {
    const project = join(home.path, 'workspace-link');
    const victim = join(home.path, 'victim-ws');
    cpSync(join(FIXTURE, 'project'), project, { recursive: true });
    cpSync(join(FIXTURE, 'tools'), join(home.path, 'tools'), { recursive: true });
    cpSync(join(FIXTURE, 'rust'), join(home.path, 'rust'), { recursive: true });
    mkdirSync(join(victim, 'keepme'), { recursive: true });
    writeFileSync(join(victim, 'Cargo.toml'), '# the owner wrote this\n');
    const before = snapshotTree(victim);
    expect(runBatuta(['analyze', project], home.path).code).toBe(0);
    expect(runBatuta(['plan', project], home.path).code).toBe(0);
    symlinkSync(victim, join(project, '.batuta', 'workspace'));
    const run = runBatuta(['transpile', project], home.path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(project, '.batuta', 'workspace'));
    expect(snapshotTree(victim)).toEqual(before);
  });
});
