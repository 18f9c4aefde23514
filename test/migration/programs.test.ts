/** How validation starts an original program: Python package modules and linked C files (programs.ts). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bareSourcedFolders,
  compileError,
  linkedSources,
  originalLauncher,
  packageModule,
  pythonOf,
  shellOf,
  unsplitEnvArguments,
} from '../../src/migration/programs.js';
import type { FileAnalysis, Plan, PlanModule } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';

let home: string;
beforeAll(() => {
  home = tempDir('batuta-programs-');
  for (const file of ['tallykit/__init__.py', 'tallykit/sub/__init__.py', 'scripts/run.py']) {
    mkdirSync(join(home, file, '..'), { recursive: true });
    writeFileSync(join(home, file), '');
  }
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('packageModule', () => {
  it('runs a file of a project folder that is a package by its dotted name, from the folder above', () => {
    const root = join(home, 'tallykit');
    expect(packageModule(root, join(root, '__main__.py'))).toEqual({ name: 'tallykit', from: home });
    expect(packageModule(root, join(root, 'sub', 'cli.py'))).toEqual({
      name: 'tallykit.sub.cli',
      from: home,
    });
  });

  it('runs a package inside the project from the project folder, and a plain script as a file', () => {
    expect(packageModule(home, join(home, 'tallykit', 'sub', 'cli.py'))).toEqual({
      name: 'tallykit.sub.cli',
      from: home,
    });
    expect(packageModule(home, join(home, 'scripts', 'run.py'))).toBeUndefined();
  });

  it('does not climb above the project folder', () => {
    const root = join(home, 'tallykit', 'sub');
    expect(packageModule(root, join(root, 'cli.py'))).toEqual({
      name: 'sub.cli',
      from: join(home, 'tallykit'),
    });
  });
});

describe('linkedSources', () => {
  const module = (path: string, dependsOn: string[] = []): PlanModule => ({
    path,
    language: 'c',
    transpiler: 'decy',
    crate: path,
    order: 1,
    dependsOn,
    unresolved: [],
    headers: [],
    crates: [],
    risks: [],
  });
  const plan = {
    modules: [
      module('io.h'),
      module('util.h'),
      module('util.c', ['util.h']),
      module('io.c', ['io.h', 'util.c', 'util.h']),
      module('main.c', ['io.c', 'io.h']),
    ],
  } as unknown as Plan;

  it('links a program with the C files its headers lead to, directly or through each other', () => {
    expect(linkedSources(plan, plan.modules[4]!)).toEqual(['io.c', 'util.c']);
    expect(linkedSources(plan, plan.modules[0]!)).toEqual([]);
  });
});

describe('shellOf', () => {
  it('runs a script with the shell its first line names, by its path and with its argument, bash when it names none', () => {
    // A `#!/bin/bash` script with bash features runs under that bash, not whatever shell PATH finds first.
    expect(shellOf('#!/bin/sh')).toEqual({ command: '/bin/sh', args: [] });
    expect(shellOf('#!/bin/bash')).toEqual({ command: '/bin/bash', args: [] });
    expect(shellOf('#! /usr/bin/env bash')).toEqual({ command: 'bash', args: [] });
    expect(shellOf('#!/bin/sh -e')).toEqual({ command: '/bin/sh', args: ['-e'] });
    expect(shellOf('#!/usr/bin/env -S bash -eu')).toEqual({ command: 'bash', args: ['-eu'] });
    expect(shellOf('#!/bin/ksh93')).toEqual({ command: '/bin/ksh93', args: [] });
    expect(shellOf('# sourced by the other scripts')).toEqual({ command: 'bash', args: [] });
    expect(shellOf('#!/usr/bin/perl')).toEqual({ command: 'bash', args: [] });
  });
});

describe('pythonOf', () => {
  it('runs a script with the interpreter its first line names by path, python3 from PATH otherwise', () => {
    // python-apt's scripts name /usr/bin/python3: Debian's packages are importable there, not under a pyenv python3.
    expect(pythonOf('#!/usr/bin/python3')).toEqual({ command: '/usr/bin/python3', args: [] });
    expect(pythonOf('#! /opt/venv/bin/python3.11 -u')).toEqual({
      command: '/opt/venv/bin/python3.11',
      args: ['-u'],
    });
    expect(pythonOf('#!/usr/bin/env python3')).toEqual({ command: 'python3', args: [] });
    // env is handed "python3 -u" as one word (run by name the file fails); read as meant, as `python3 -u FILE`.
    expect(pythonOf('#!/usr/bin/env python3 -u')).toEqual({ command: 'python3', args: ['-u'] });
    expect(unsplitEnvArguments('#!/usr/bin/env python3 -u')).toEqual({ command: 'python3', args: ['-u'] });
    expect(unsplitEnvArguments('#!/usr/bin/env -S python3 -u')).toBeUndefined();
    expect(unsplitEnvArguments('#!/usr/bin/env python3')).toBeUndefined();
    expect(unsplitEnvArguments('#!/bin/sh -e')).toBeUndefined();
    expect(pythonOf('import sys')).toEqual({ command: 'python3', args: [] });
    expect(pythonOf('#!/bin/sh')).toEqual({ command: 'python3', args: [] });
  });
});

describe('bareSourcedFolders', () => {
  const file = (path: string, imports: string[]): FileAnalysis => ({
    path,
    language: 'shell',
    lines: 1,
    codeLines: 1,
    functions: [],
    topLevelComplexity: 1,
    imports,
    apiUses: [],
    syntaxErrors: 0,
  });
  const files = [
    file('bin/tool', ['tool-setup', '"$(dirname "$0")"/../lib/util.sh']),
    file('bin/tool-setup', ['tool-i18n']),
    file('libexec/tool-i18n', []),
    file('lib/util.sh', ['gettext.sh']),
    file('bin/plain', ['"$(dirname "$0")"/../lib/util.sh']),
  ];
  it('names the folders of project files a script sources by bare name, as PATH finds them, through what it sources', () => {
    expect(bareSourcedFolders(files, 'bin/tool')).toEqual(['bin']);
  });
  it('names none for a script that sources by path only', () => {
    expect(bareSourcedFolders(files, 'bin/plain')).toEqual([]);
  });
});

describe('compileError', () => {
  it("quotes the compiler's first error, not a line that names a function called werror", () => {
    const gcc = [
      'In file included from base64dec.c:46:',
      'io.h: In function ‘werror’:',
      'io.h:48:33: error: expected declaration specifiers before ‘PRINTF_STYLE’',
      '   48 | werror(const char *format, ...) PRINTF_STYLE(1, 2);',
    ].join('\n');
    expect(compileError(gcc)).toBe(
      'io.h:48:33: error: expected declaration specifiers before ‘PRINTF_STYLE’',
    );
    expect(compileError('main.c:1:10: fatal error: config.h: No such file or directory\n')).toBe(
      'main.c:1:10: fatal error: config.h: No such file or directory',
    );
    expect(
      compileError(
        "/usr/bin/ld: /tmp/x.o: in function `main':\nx.c:(.text+0x5): undefined reference to `deflate'",
      ),
    ).toBe("x.c:(.text+0x5): undefined reference to `deflate'");
    expect(compileError('cc: something odd\n')).toBe('cc: something odd');
    // Paths inside the project are said from its folder.
    expect(compileError("/p/dec.c: In function 'werror':\n/p/dec.c:6:25: error: expected ';'\n", '/p')).toBe(
      "dec.c:6:25: error: expected ';'",
    );
  });
});

describe('originalLauncher (Python)', () => {
  it('runs a script under its interpreter with deprecation warnings off: they speak of library versions, not of what the program does', async () => {
    const root = join(home, 'warned');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'calc.py'), '#!/usr/bin/env python3\nprint(1)\n');
    const module: PlanModule = {
      path: 'calc.py',
      language: 'python',
      transpiler: 'agent',
      crate: 'calc',
      order: 1,
      dependsOn: [],
      unresolved: [],
      headers: [],
      crates: [],
      risks: [],
    };
    const launcher = await originalLauncher(
      {
        root,
        plan: { modules: [module] } as unknown as Plan,
        files: [],
        cFlags: [],
        options: { searchPath: process.env['PATH'] ?? '' },
      },
      module,
    );
    expect(launcher.args).toEqual(['-B', '-W', 'ignore::DeprecationWarning', join(root, 'calc.py')]);
  });
});
