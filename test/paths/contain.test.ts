import {
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatutaError } from '../../src/errors.js';
import { realPathOf, resolveInside, resolveUnder } from '../../src/paths/contain.js';
import { readFileNoFollow, writeFileAtomically, writeFileNoFollow } from '../../src/paths/no-follow.js';
import { tempDir } from '../temp-dirs.js';

function failure(fn: () => unknown): BatutaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatutaError) return error;
    throw error;
  }
  throw new Error('expected a BatutaError');
}

describe('containment', () => {
  let base: string;
  let project: string;
  let outside: string;
  beforeEach(() => {
    base = realpathSync(tempDir('batuta-paths-'));
    project = join(base, 'project');
    outside = join(base, 'outside');
    mkdirSync(join(project, 'src'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('resolves missing tails against the real path of the deepest existing folder', () => {
    symlinkSync(join(project, 'src'), join(project, 'code'));
    expect(realPathOf(join(project, 'code', 'new', 'file.rs'))).toBe(join(project, 'src', 'new', 'file.rs'));
    expect(resolveUnder(project, 'code', 'x.py')).toBe(join(project, 'src', 'x.py'));
  });

  it('judges a dangling link by where a file created through it would land', () => {
    symlinkSync(join(outside, 'not-yet.txt'), join(project, 'log.txt'));
    expect(realPathOf(join(project, 'log.txt'))).toBe(join(outside, 'not-yet.txt'));
    const error = failure(() => resolveUnder(project, 'log.txt'));
    expect(error.code).toBe('OUTSIDE_ROOTS');
    expect(error.details['link']).toBe(join(project, 'log.txt'));
  });

  it('names the link that leads out, deep or shallow', () => {
    symlinkSync(outside, join(project, '.batuta'));
    const error = failure(() => resolveUnder(project, '.batuta', 'workspace', 'Cargo.toml'));
    expect(error.code).toBe('OUTSIDE_ROOTS');
    expect(error.details).toMatchObject({ link: join(project, '.batuta'), target: outside });
    expect(error.message).toContain(join(project, '.batuta'));
  });

  it('refuses .. and absolute paths outside, with no link to name', () => {
    for (const path of ['../outside/secret.txt', 'src/../../outside', join(outside, 'secret.txt')]) {
      const error = failure(() => resolveUnder(project, path));
      expect(error.code, path).toBe('OUTSIDE_ROOTS');
      expect(error.details['link'], path).toBeUndefined();
    }
  });

  it('accepts any of several roots and refuses empty or NUL paths as input errors', () => {
    symlinkSync(outside, join(project, 'shared'));
    expect(resolveInside([project, outside], 'shared/secret.txt', 'path')).toBe(join(outside, 'secret.txt'));
    expect(failure(() => resolveInside([project], ' ', 'path')).code).toBe('INVALID_INPUT');
    expect(failure(() => resolveInside([project], 'a\0b', 'path')).code).toBe('INVALID_INPUT');
  });

  it('stops on a symlink loop', () => {
    symlinkSync(join(project, 'b'), join(project, 'a'));
    symlinkSync(join(project, 'a'), join(project, 'b'));
    expect(failure(() => resolveUnder(project, 'a', 'file')).code).toBe('OUTSIDE_ROOTS');
  });
});

describe('no-follow file access', () => {
  let base: string;
  beforeEach(() => {
    base = realpathSync(tempDir('batuta-nofollow-'));
    writeFileSync(join(base, 'target.txt'), 'original\n');
    symlinkSync(join(base, 'target.txt'), join(base, 'link.txt'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('reads and writes regular files', () => {
    writeFileNoFollow(join(base, 'new.txt'), 'hello');
    expect(readFileNoFollow(join(base, 'new.txt')).toString()).toBe('hello');
  });

  it('refuses to read or write through a link, leaving its target as it was', () => {
    expect(failure(() => readFileNoFollow(join(base, 'link.txt'))).code).toBe('OUTSIDE_ROOTS');
    expect(failure(() => writeFileNoFollow(join(base, 'link.txt'), 'x')).code).toBe('OUTSIDE_ROOTS');
    expect(readFileSync(join(base, 'target.txt'), 'utf8')).toBe('original\n');
  });

  it('replaces a link with a file when writing atomically, and ignores a planted temporary link', () => {
    symlinkSync(join(base, 'target.txt'), join(base, `link.txt.tmp-${process.pid}`));
    writeFileAtomically(join(base, 'link.txt'), 'new\n');
    expect(lstatSync(join(base, 'link.txt')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(base, 'link.txt'), 'utf8')).toBe('new\n');
    expect(readFileSync(join(base, 'target.txt'), 'utf8')).toBe('original\n');
  });
});
