import { readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanModule } from '../../src/migration/types.js';
import { convertedLauncher } from '../../src/migration/validate.js';
import { tempDir } from '../temp-dirs.js';

const root = tempDir('batuta-validate-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const module = (path: string, crate: string, language: PlanModule['language']) =>
  ({ path, crate, language }) as PlanModule;
const binary = (crate: string) => join(root, '.batuta', 'workspace', 'target', 'debug', crate);

describe('convertedLauncher', () => {
  it('starts a script translation under the script file name, linked to its binary', () => {
    const launcher = convertedLauncher(root, module('bin/tool.sh', 'tool', 'shell'));
    expect(launcher.command).toBe(join(root, '.batuta', 'runs', 'programs', 'tool', 'tool.sh'));
    expect(readlinkSync(launcher.command)).toBe(binary('tool'));
    expect(launcher.args).toEqual([]);
    const python = convertedLauncher(root, module('app.py', 'app', 'python'));
    expect(python.command.endsWith('/programs/app/app.py')).toBe(true);
  });

  it('starts a C or C++ translation under the crate name, as the compiled original is named', () => {
    expect(convertedLauncher(root, module('src/io-c.c', 'io-c', 'c')).command).toBe(
      join(root, '.batuta', 'runs', 'programs', 'io-c', 'io-c'),
    );
    expect(convertedLauncher(root, module('main.cpp', 'main-cpp', 'cpp')).command.endsWith('/main-cpp')).toBe(
      true,
    );
  });

  it('replaces the link of an earlier run', () => {
    const first = convertedLauncher(root, module('again.sh', 'again', 'shell')).command;
    const second = convertedLauncher(root, module('again.sh', 'again', 'shell')).command;
    expect(second).toBe(first);
    expect(readlinkSync(second)).toBe(binary('again'));
  });
});
