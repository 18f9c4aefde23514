/**
 * End to end through the built `batuta` binary: a Python module that another project file imports and that
 * ends with a `__main__` self-test no validation case runs (pyparsing's fourFn.py, which SimpleCalc.py imports)
 * becomes a library crate the importer's crate depends on; a case that runs it keeps it a program.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';
import { writeFiles } from './rust-project.js';

let home: string;
let project: string;

const crate = (name: string, file: string) => join(project, '.batuta/workspace', name, file);

beforeAll(() => {
  home = tempDir('batuta-python-self-test-e2e-');
  project = join(home, 'calc');
  writeFiles(project, {
    'ops.py': 'def add(a, b):\n    return a + b\n\n\nif __name__ == "__main__":\n    print(add(1, 2))\n',
    'calc.py': 'import sys\nfrom ops import add\n\nprint(add(int(sys.argv[1]), int(sys.argv[2])))\n',
    'batuta.toml': '[[validation.cases]]\nname = "sum"\nsource = "calc.py"\nargs = ["2", "3"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('an imported Python module with a __main__ self-test', () => {
  it('is written as a library the importer depends on, its self-test left to its tests', () => {
    expect(runBatuta(['analyze', project], home).code).toBe(0);
    expect(runBatuta(['plan', project], home).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home).code).toBe(1);
    expect(existsSync(crate('ops', 'src/lib.rs'))).toBe(true);
    expect(existsSync(crate('ops', 'src/main.rs'))).toBe(false);
    expect(readFileSync(crate('calc', 'Cargo.toml'), 'utf8')).toContain(
      'ops = { path = "../ops" } # batuta: the plan\'s import of ops.py',
    );
    expect(readFileSync(crate('ops', 'TRANSLATE.md'), 'utf8')).toContain('as a library (lib crate)');
  });
});
