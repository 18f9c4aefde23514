/**
 * End to end through the built `batuta` binary: a Python original that trips a deprecation warning (pyparsing
 * 3.3 warns on `setName` and `parseString` from pyparsing's own SimpleCalc example) runs with deprecation
 * warnings off, so its standard error is what the program says, and a translation that prints no warning is the
 * same program. Its own messages on standard error are still compared.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;
const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-python-warnings-e2e-');
  project = join(home, 'old');
  writeFiles(project, {
    'old.py':
      'import sys\nimport warnings\n\nwarnings.warn("setName is deprecated", DeprecationWarning)\nprint("done")\nprint("careful", file=sys.stderr)\n',
    'batuta.toml': '[[validation.cases]]\nname = "run"\nsource = "old.py"\nargs = []\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a Python original that prints a deprecation warning', { timeout: CARGO_TIMEOUT }, () => {
  it('is the same program as a translation that prints none, and its own standard error still counts', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    const rust = (err: string) => `fn main() {\n    println!("done");\n    eprintln!("${err}");\n}\n`;
    writeFiles(project, { '.batuta/workspace/old/src/main.rs': rust('careful') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    expect(runBatutaJson(['validate', project], home, RUST_ENV).body['reason']).toBeUndefined();
    writeFiles(project, { '.batuta/workspace/old/src/main.rs': rust('careless') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    expect(String(runBatutaJson(['validate', project], home, RUST_ENV).body['reason'])).toContain(
      'run: stderr line 1: original "careful", converted "careless"',
    );
  });
});
