import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAllowedRoots } from '../../mcp/roots.js';
import { BatutaError } from '../../src/index.js';
import { tempDir } from './harness.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'OTHER';
  }
}

describe('allowed roots', () => {
  let dir: ReturnType<typeof tempDir>;
  let project: string;
  let outside: string;
  beforeEach(() => {
    dir = tempDir();
    project = join(dir.path, 'project');
    outside = join(dir.path, 'outside');
    mkdirSync(join(project, 'src'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(project, 'src', 'main.py'), 'print(1)\n');
    writeFileSync(join(outside, 'secret.txt'), 'x\n');
    symlinkSync(outside, join(project, 'escape'));
  });
  afterEach(() => dir.remove());

  it('resolves relative paths from the first root and accepts paths inside', () => {
    const roots = createAllowedRoots([project], dir.path);
    expect(roots.resolve('src/main.py', 'path')).toBe(join(project, 'src', 'main.py'));
    expect(roots.resolve(join(project, 'src'), 'path')).toBe(join(project, 'src'));
    expect(roots.resolve('.', 'path')).toBe(project);
  });

  it('accepts a folder that does not exist yet inside a root', () => {
    const roots = createAllowedRoots([project], dir.path);
    expect(roots.resolve('target/rust/out', 'output')).toBe(join(project, 'target', 'rust', 'out'));
  });

  it('rejects .. escapes, absolute paths outside and symlinks pointing out', () => {
    const roots = createAllowedRoots([project], dir.path);
    expect(codeOf(() => roots.resolve('../outside/secret.txt', 'path'))).toBe('OUTSIDE_ROOTS');
    expect(codeOf(() => roots.resolve('src/../../outside', 'path'))).toBe('OUTSIDE_ROOTS');
    expect(codeOf(() => roots.resolve(join(outside, 'secret.txt'), 'path'))).toBe('OUTSIDE_ROOTS');
    expect(codeOf(() => roots.resolve('escape/secret.txt', 'path'))).toBe('OUTSIDE_ROOTS');
    expect(codeOf(() => roots.resolve('escape/new-folder', 'path'))).toBe('OUTSIDE_ROOTS');
    expect(codeOf(() => roots.resolve('', 'path'))).toBe('INVALID_INPUT');
    expect(codeOf(() => roots.resolve('a\0b', 'path'))).toBe('INVALID_INPUT');
  });

  it('accepts a second root given with --root', () => {
    const roots = createAllowedRoots([project, outside], dir.path);
    expect(roots.resolve(join(outside, 'secret.txt'), 'path')).toBe(join(outside, 'secret.txt'));
    expect(roots.resolve('escape/secret.txt', 'path')).toBe(join(outside, 'secret.txt'));
  });

  it('refuses a root that is not an existing folder', () => {
    expect(codeOf(() => createAllowedRoots([join(dir.path, 'missing')], dir.path))).toBe('INVALID_INPUT');
    expect(codeOf(() => createAllowedRoots([join(project, 'src', 'main.py')], dir.path))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => createAllowedRoots([], dir.path))).toBe('INVALID_INPUT');
  });
});
