/** How validation starts an original program: Python package modules and linked C files (programs.ts). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedSources, packageModule } from '../../src/migration/programs.js';
import type { Plan, PlanModule } from '../../src/migration/types.js';
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
