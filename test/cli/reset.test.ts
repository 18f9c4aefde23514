import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

describe('batuta reset (built CLI)', () => {
  it('removes what batuta wrote, keeps and names what it did not', () => {
    const project = tempDir('batuta-cli-reset-');
    writeFileSync(join(project, 'main.py'), 'print(1)\n');
    expect(runBatuta(['analyze', project], project).code).toBe(0);
    writeFileSync(join(project, '.batuta', 'my-notes.txt'), 'mine\n');
    const text = runBatuta(['reset', project], project);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/kept my-notes\.txt/);
    expect(readFileSync(join(project, '.batuta', 'my-notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(project, '.batuta', 'state.db'))).toBe(false);
    const again = runBatuta(['reset', project, '--json'], project);
    expect(JSON.parse(again.stdout)).toMatchObject({ removed: false, deleted: [], kept: ['my-notes.txt'] });
  });

  it('refuses a .batuta that is a file, in one line, and leaves it', () => {
    const project = tempDir('batuta-cli-reset-file-');
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, '.batuta'), 'not a folder');
    const run = runBatuta(['reset', project], project);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(project, '.batuta'), 'utf8')).toBe('not a folder');
  });
});
