import { readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanModule } from '../../src/migration/types.js';
import {
  caseDifferences,
  convertedLauncher,
  firstDifference,
  type SideRun,
} from '../../src/migration/validate.js';
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

describe('firstDifference', () => {
  it('says where one output ends, not an empty line, when the other goes on', () => {
    expect(firstDifference('/usr/bin/sh\n', '/usr/bin/sh\n/bin/sh\n')).toBe(
      'line 2: original (end of output), converted "/bin/sh"',
    );
    expect(firstDifference('a\n\nb\n', 'a\n')).toBe('line 2: original "", converted (end of output)');
    expect(firstDifference('a', 'a\nb')).toBe('line 2: original (end of output), converted "b"');
    expect(firstDifference('', 'x\n')).toBe('line 1: original (end of output), converted "x"');
    expect(firstDifference('\n', '')).toBe('line 1: original "", converted (end of output)');
    expect(firstDifference('a\n', 'a')).toBe('same lines, different line endings');
  });

  it('shows a long line (minified JSON) around its first differing column, not whole', () => {
    const head = `{"name":"${'x'.repeat(200)}","s":"\\u007`;
    const shown = (tail: string) => JSON.stringify(`…${'x'.repeat(18)}","s":"\\u007${tail}`);
    expect(firstDifference(`${head}f"}\n`, `${head}F"}\n`)).toBe(
      `line 1 column 222: original ${shown('f"}')}, converted ${shown('F"}')}`,
    );
    const long = 'y'.repeat(300);
    expect(firstDifference(`a${long}\n`, `b${long}\n`)).toBe(
      `line 1 column 1: original "a${'y'.repeat(30)}…", converted "b${'y'.repeat(30)}…"`,
    );
    // One side short: the other is still shown around the column.
    expect(firstDifference(`${long}\n`, 'yy\n')).toBe(
      `line 1 column 3: original "yy${'y'.repeat(31)}…", converted "yy"`,
    );
  });
});

describe('caseDifferences', () => {
  const ORIGINAL = '/p/tool.sh';
  const CONVERTED = '/p/.batuta/runs/programs/tool/tool.sh';
  const side = (self: string, stdout: string, stderr = '', files: Record<string, string> = {}): SideRun => ({
    self,
    run: { code: 0, signal: null, stdout, stderr, seconds: 0 },
    files: new Map(Object.entries(files)),
    effects: undefined,
  });

  it("reads each program's own path ($0, argv[0]) in its output as the same program", () => {
    const original = side(ORIGINAL, `usage: ${ORIGINAL} NAME\n`, `${ORIGINAL}: no name\n`, {
      './log': `run by ${ORIGINAL}\n`,
    });
    const converted = side(CONVERTED, `usage: ${CONVERTED} NAME\n`, `${CONVERTED}: no name\n`, {
      './log': `run by ${CONVERTED}\n`,
    });
    expect(caseDifferences('usage', original, converted, true)).toEqual([]);
  });

  it('reads each program\'s own folder ($(dirname "$0")) as the same folder, alone or in a path', () => {
    const original = side(ORIGINAL, '/p\n/p/tool.conf\n', '', { './where': '/p\n' });
    const converted = side(
      CONVERTED,
      '/p/.batuta/runs/programs/tool\n/p/.batuta/runs/programs/tool/tool.conf\n',
      '',
      {
        './where': '/p/.batuta/runs/programs/tool\n',
      },
    );
    expect(caseDifferences('dir', original, converted, true)).toEqual([]);
  });

  it("still tells outputs apart that differ: the other side's path or folder, another folder, other words", () => {
    const original = side(ORIGINAL, `usage: ${ORIGINAL} NAME\n`);
    expect(caseDifferences('c', original, side(CONVERTED, `usage: ${ORIGINAL} NAME\n`), true)).toEqual([
      `c: stdout line 1: original "usage: <program> NAME", converted "usage: ${ORIGINAL} NAME"`,
    ]);
    expect(caseDifferences('c', original, side(CONVERTED, `usage: ${CONVERTED} WHO\n`), true)).toEqual([
      'c: stdout line 1: original "usage: <program> NAME", converted "usage: <program> WHO"',
    ]);
    // The converted program printing the original's folder, or a folder above its own, is another folder.
    expect(caseDifferences('d', side(ORIGINAL, '/p\n'), side(CONVERTED, '/p\n'), true)).toEqual([
      'd: stdout line 1: original "<program-dir>", converted "/p"',
    ]);
    expect(
      caseDifferences('d', side(ORIGINAL, '/p\n'), side(CONVERTED, '/p/.batuta/runs/programs\n'), true),
    ).toHaveLength(1);
    // A folder whose name only begins like the program's folder is not it.
    expect(caseDifferences('d', side(ORIGINAL, '/p2\n'), side(CONVERTED, '/p2\n'), true)).toEqual([]);
    expect(
      caseDifferences(
        'd',
        side(ORIGINAL, '/p2\n'),
        side(CONVERTED, '/p/.batuta/runs/programs/tool2\n'),
        true,
      ),
    ).toHaveLength(1);
  });
});
