import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetProject } from '../../src/migration/reset.js';
import { getStatus, runPhase } from '../../src/migration/workflow.js';
import { tempDir } from '../temp-dirs.js';

let project: string;

beforeEach(() => {
  project = tempDir('batuta-reset-');
  writeFileSync(join(project, 'main.py'), 'print("hello")\n');
});

describe('resetProject', () => {
  it('removes what the phases wrote, and the folder with it', async () => {
    expect((await runPhase(project, 'analyze')).status).toBe('passed');
    mkdirSync(join(project, '.batuta', 'staging-x1'));
    const done = resetProject(project);
    expect(done).toMatchObject({ removed: true, kept: [] });
    expect(done.deleted).toEqual(expect.arrayContaining(['analysis.json', 'state.db', 'staging-x1']));
    expect(existsSync(join(project, '.batuta'))).toBe(false);
    expect(getStatus(project).next).toBe('analyze');
    expect(existsSync(join(project, 'main.py'))).toBe(true);
  });

  it('keeps and reports entries batuta did not write', async () => {
    expect((await runPhase(project, 'analyze')).status).toBe('passed');
    writeFileSync(join(project, '.batuta', 'my-notes.txt'), 'mine\n');
    const done = resetProject(project);
    expect(done).toMatchObject({ removed: false, kept: ['my-notes.txt'] });
    expect(readdirSync(join(project, '.batuta'))).toEqual(['my-notes.txt']);
    expect(readFileSync(join(project, '.batuta', 'my-notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('removes a link among its entries as a link, never what it points to', () => {
    const elsewhere = tempDir('batuta-reset-elsewhere-');
    writeFileSync(join(elsewhere, 'keep.rs'), 'fn main() {}\n');
    mkdirSync(join(project, '.batuta'));
    symlinkSync(elsewhere, join(project, '.batuta', 'workspace'));
    expect(resetProject(project)).toMatchObject({ removed: true, deleted: ['workspace'] });
    expect(readFileSync(join(elsewhere, 'keep.rs'), 'utf8')).toBe('fn main() {}\n');
  });

  it('refuses a .batuta that is a link or a file, and changes nothing', () => {
    const elsewhere = tempDir('batuta-reset-target-');
    writeFileSync(join(elsewhere, 'state.db'), 'not ours');
    symlinkSync(elsewhere, join(project, '.batuta'));
    expect(() => resetProject(project)).toThrow(expect.objectContaining({ code: 'OUTSIDE_ROOTS' }));
    expect(readdirSync(elsewhere)).toEqual(['state.db']);
    const inside = join(project, 'state-here');
    mkdirSync(inside);
    writeFileSync(join(inside, 'state.db'), 'not ours either');
    rmSync(join(project, '.batuta'));
    symlinkSync(inside, join(project, '.batuta'));
    expect(() => resetProject(project)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(readdirSync(inside)).toEqual(['state.db']);
    rmSync(join(project, '.batuta'));
    writeFileSync(join(project, '.batuta'), 'a file');
    expect(() => resetProject(project)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(readFileSync(join(project, '.batuta'), 'utf8')).toBe('a file');
  });

  it('says there was nothing to remove', () => {
    expect(resetProject(project)).toEqual({
      root: expect.any(String),
      removed: false,
      deleted: [],
      kept: [],
    });
  });

  it('refuses a project that does not exist', () => {
    expect(() => resetProject(join(project, 'nope'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
