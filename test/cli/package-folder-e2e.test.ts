/**
 * End to end through the built `batuta` binary: a project folder that is itself a Python package, whose
 * modules import each other by the package's name (`import crcgen.tables`), is planned in import order,
 * and an agent is asked for libraries where the project imports a module or where the file is the
 * package's `__init__.py`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatutaJson } from './run-batuta.js';

let home: string;
let project: string;

function json(...args: string[]): { code: number | null; body: Record<string, unknown> } {
  return runBatutaJson(args, home);
}

/** The package's files in `folder`; `extra` adds one more module. */
function writePackage(folder: string, extra: Record<string, string> = {}): string {
  const at = join(home, folder);
  mkdirSync(at);
  writeFileSync(join(at, '__init__.py'), 'from crcgen.core import checksum\n');
  writeFileSync(
    join(at, 'core.py'),
    'import crcgen.tables as tables\n\n\ndef checksum(data):\n    crc = 0\n    for byte in data:\n        crc = tables.step(crc, byte)\n    return crc\n',
  );
  writeFileSync(join(at, 'tables.py'), 'def step(crc, byte):\n    return (crc * 31 + byte) % 65521\n');
  writeFileSync(
    join(at, 'tool.py'),
    'import sys\nfrom crcgen import checksum\n\nprint(checksum(sys.argv[1].encode()))\n',
  );
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(at, name), text);
  return at;
}

beforeAll(() => {
  home = tempDir('batuta-package-folder-');
  project = writePackage('crcgen');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a project folder that is a Python package', () => {
  it('plans each module after the modules it imports by the package name', () => {
    expect(json('analyze', project).code).toBe(0);
    const plan = json('plan', project);
    expect(plan.code).toBe(0);
    const modules = (plan.body['summary'] as { modules: Array<{ path: string; dependsOn: string[] }> })
      .modules;
    expect(modules.map((m) => [m.path, m.dependsOn])).toEqual([
      ['tables.py', []],
      ['core.py', ['tables.py']],
      ['__init__.py', ['core.py']],
      ['tool.py', ['__init__.py']],
    ]);
  });

  it('asks the agent for libraries of the imported modules and the __init__.py, a program of the script', () => {
    const waiting = json('transpile', project, '--by', 'agent');
    expect(waiting.code).toBe(1);
    const files = (waiting.body['pending'] as Array<{ source: string; file: string }>).map((p) => [
      p.source,
      p.file,
    ]);
    expect(files).toEqual([
      ['tables.py', '.batuta/workspace/tables/src/lib.rs'],
      ['core.py', '.batuta/workspace/core-py/src/lib.rs'],
      ['__init__.py', '.batuta/workspace/crcgen/src/lib.rs'],
      ['tool.py', '.batuta/workspace/tool/src/main.rs'],
    ]);
  });
});

describe('a package copied into a folder of another name (crcgen-1.2, as a release archive unpacks)', () => {
  it('reads its imports of crcgen as the folder, names the crates after crcgen and lists what is missing', () => {
    const copy = writePackage('crcgen-1.2', {
      '__main__.py': 'import crcgen.gone\nfrom crcgen import tool\n',
    });
    expect(json('analyze', copy).code).toBe(0);
    const plan = json('plan', copy);
    expect(plan.code).toBe(0);
    const summary = plan.body['summary'] as {
      modules: Array<{ path: string; crate: string; dependsOn: string[]; unresolved: string[] }>;
      notes: string[];
    };
    expect(summary.modules.map((m) => [m.path, m.crate, m.dependsOn, m.unresolved])).toEqual([
      ['tables.py', 'tables', [], []],
      ['core.py', 'core-py', ['tables.py'], []],
      ['__init__.py', 'crcgen', ['core.py'], []],
      ['tool.py', 'tool', ['__init__.py'], []],
      ['__main__.py', 'crcgen-main', ['__init__.py', 'tool.py'], ['crcgen.gone']],
    ]);
    expect(summary.notes.join('\n')).toContain(
      '"crcgen-1.2" is a package (it has __init__.py) imported as `crcgen`',
    );
    expect(summary.notes.join('\n')).toContain('__main__.py: crcgen.gone');
    expect(json('transpile', copy, '--by', 'agent').code).toBe(1);
    const brief = readFileSync(join(copy, '.batuta/workspace/crcgen-main/TRANSLATE.md'), 'utf8');
    expect(brief).toContain('- not in the project: crcgen.gone (');
  });
});

describe('a program that imports a module of an import cycle', () => {
  it('comes after the whole cycle, and its crate depends on the module it imports', () => {
    const tool = join(home, 'cyc');
    mkdirSync(tool);
    writeFileSync(join(tool, '__main__.py'), 'from .cli import main\n\nmain()\n');
    writeFileSync(join(tool, 'cli.py'), 'from .files import read\n\n\ndef main():\n    print(read())\n');
    writeFileSync(
      join(tool, 'files.py'),
      'from .cli import main as _main\n\n\ndef read():\n    return "x"\n',
    );
    expect(json('analyze', tool).code).toBe(0);
    const plan = json('plan', tool).body['summary'] as { modules: Array<{ path: string; risks: string[] }> };
    expect(plan.modules.map((m) => [m.path, m.risks.length])).toEqual([
      ['cli.py', 1],
      ['files.py', 1],
      ['__main__.py', 0],
    ]);
    expect(json('transpile', tool, '--by', 'agent').code).toBe(1);
    expect(readFileSync(join(tool, '.batuta/workspace/cyc/Cargo.toml'), 'utf8')).toContain(
      'cli = { path = "../cli" }',
    );
  });
});

describe('a module imported with `from pkg import sub`', () => {
  it('is a dependency of the file importing it, beside the package', () => {
    const tool = join(home, 'subs');
    mkdirSync(join(tool, 'pkg'), { recursive: true });
    writeFileSync(join(tool, 'app.py'), 'from pkg import tags, VERSION\n\nprint(tags.best(), VERSION)\n');
    writeFileSync(join(tool, 'pkg', '__init__.py'), 'VERSION = "1"\n');
    writeFileSync(join(tool, 'pkg', 'tags.py'), 'def best():\n    return "py3"\n');
    expect(json('analyze', tool).code).toBe(0);
    const plan = json('plan', tool).body['summary'] as {
      modules: Array<{ path: string; dependsOn: string[]; unresolved: string[] }>;
    };
    expect(plan.modules.map((m) => [m.path, m.dependsOn, m.unresolved])).toEqual([
      ['pkg/__init__.py', [], []],
      ['pkg/tags.py', [], []],
      ['app.py', ['pkg/__init__.py', 'pkg/tags.py'], []],
    ]);
  });
});
