/**
 * End to end through the built `batuta` binary: a Python script whose first line names its interpreter by path
 * (`#!/usr/bin/python3`, as python-apt's scripts do: Debian's modules import there and not under a pyenv
 * python3 first on PATH) is validated under that interpreter, not the python3 PATH finds. Here PATH's python3
 * is a fake that fails, and the script names the machine's real one; a script that names none runs under the
 * fake, and validation says in one line that it does not run Python.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;
let env: Record<string, string>;

const CASES = '[[validation.cases]]\nname = "greet"\nsource = "hello.py"\nargs = ["ann"]\n';

beforeAll(() => {
  home = tempDir('batuta-python-shebang-e2e-');
  project = join(home, 'hello');
  const real = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  writeFiles(home, { 'bin/python3': '#!/bin/sh\necho "not this python" >&2\nexit 9\n' });
  chmodSync(join(home, 'bin', 'python3'), 0o755);
  writeFiles(project, {
    'hello.py': `#!${real.stdout.trim()}\nimport sys\nprint("hello", sys.argv[1:])\n`,
    'batuta.toml': CASES,
  });
  env = { ...RUST_ENV, PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}` };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a Python script that names its interpreter', { timeout: CARGO_TIMEOUT }, () => {
  it('runs under that interpreter when validated', () => {
    expect(runBatuta(['analyze', project], home, env).code).toBe(0);
    expect(runBatuta(['plan', project], home, env).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, env).code).toBe(1);
    writeFiles(project, {
      '.batuta/workspace/hello/src/main.rs':
        'fn main() {\n    let args: Vec<String> = std::env::args().skip(1).map(|a| format!("\'{a}\'")).collect();\n    println!("hello [{}]", args.join(", "));\n}\n',
    });
    expect(runBatuta(['transpile', project], home, env).code).toBe(0);
    expect(runBatuta(['optimize', project], home, env).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, env);
    expect(validated.body['reason']).toBeUndefined();
    expect(validated.code).toBe(0);
  });

  it('says in one line that the python3 on PATH does not run Python, for a script that names no interpreter', () => {
    writeFiles(project, {
      'plain.py': 'print("plain")\n',
      'batuta.toml': `${CASES}\n[[validation.cases]]\nname = "plain"\nsource = "plain.py"\nargs = []\n`,
    });
    expect(runBatuta(['analyze', project], home, env).code).toBe(0);
    expect(runBatuta(['plan', project], home, env).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, env).code).toBe(1);
    writeFiles(project, {
      '.batuta/workspace/plain/src/main.rs': 'fn main() {\n    println!("plain");\n}\n',
    });
    expect(runBatuta(['transpile', project], home, env).code).toBe(0);
    expect(runBatuta(['optimize', project], home, env).code).toBe(0);
    const validated = runBatuta(['validate', project], home, env);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(
      `${join(home, 'bin', 'python3')} does not run Python: not this python (install python3, or name a working interpreter on the script's first line)`,
    );
  });
});
