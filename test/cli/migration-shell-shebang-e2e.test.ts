/**
 * End to end through the built `batuta` binary: a shell script runs under the interpreter its first line names,
 * by its path and with its argument, as the kernel would start it (`#!/bin/bash` with bash features, not
 * whatever `bash` or `sh` PATH finds first; `#!/bin/sh -e` stops at the first failing command). Here PATH's
 * `bash` and `sh` are fakes that fail. A script naming a shell this machine lacks fails validation with one
 * line saying which, with the phase named once.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;
let env: Record<string, string>;

const CASES = [
  '[[validation.cases]]\nname = "names"\nsource = "tool.sh"\nargs = ["ann", "bob"]\n',
  '[[validation.cases]]\nname = "strict"\nsource = "strict.sh"\nargs = []\n',
].join('\n');

const FAKE = '#!/bin/dash\necho "not this shell" >&2\nexit 9\n';

beforeAll(() => {
  home = tempDir('batuta-shell-shebang-e2e-');
  project = join(home, 'tools');
  writeFiles(home, { 'bin/bash': FAKE, 'bin/sh': FAKE });
  chmodSync(join(home, 'bin', 'bash'), 0o755);
  chmodSync(join(home, 'bin', 'sh'), 0o755);
  writeFiles(project, {
    'tool.sh': [
      '#!/bin/bash',
      'names=("$@")',
      `for n in "$\{names[@]}"; do`,
      `  if [[ $n == a* ]]; then echo "HELLO $\{n^^}"; else echo "hi $n"; fi`,
      'done',
      '',
    ].join('\n'),
    'strict.sh': '#!/bin/sh -e\necho before\nfalse\necho after\n',
    'batuta.toml': CASES,
  });
  env = { ...RUST_ENV, PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}` };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a shell script that names its interpreter', { timeout: CARGO_TIMEOUT }, () => {
  it('runs under that interpreter, with its argument, when validated', () => {
    expect(runBatuta(['analyze', project], home, env).code).toBe(0);
    expect(runBatuta(['plan', project], home, env).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, env).code).toBe(1);
    writeFiles(project, {
      '.batuta/workspace/tool/src/main.rs':
        'fn main() {\n    for n in std::env::args().skip(1) {\n        if n.starts_with(\'a\') {\n            println!("HELLO {}", n.to_uppercase());\n        } else {\n            println!("hi {n}");\n        }\n    }\n}\n',
      '.batuta/workspace/strict/src/main.rs':
        'fn main() {\n    println!("before");\n    std::process::exit(1);\n}\n',
    });
    expect(runBatuta(['transpile', project], home, env).code).toBe(0);
    expect(runBatuta(['optimize', project], home, env).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, env);
    expect(validated.body['reason']).toBeUndefined();
    expect(validated.code).toBe(0);
  });

  it('says in one line, naming the phase once, that the shell a script names is not installed', () => {
    writeFiles(project, {
      'gone.sh': '#!/nonexistent/batutash\necho gone\n',
      'batuta.toml': `${CASES}\n[[validation.cases]]\nname = "gone"\nsource = "gone.sh"\nargs = []\n`,
    });
    expect(runBatuta(['analyze', project], home, env).code).toBe(0);
    expect(runBatuta(['plan', project], home, env).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, env).code).toBe(1);
    writeFiles(project, { '.batuta/workspace/gone/src/main.rs': 'fn main() {\n    println!("gone");\n}\n' });
    expect(runBatuta(['transpile', project], home, env).code).toBe(0);
    expect(runBatuta(['optimize', project], home, env).code).toBe(0);
    const validated = runBatuta(['validate', project], home, env);
    expect(validated.code).toBe(1);
    const line = validated.stdout.split('\n')[0]!;
    expect(line).toMatch(
      /^validate: failed: gone\.sh names \/nonexistent\/batutash on its first line, which is not installed, and PATH has no batutash \(install it, or name an installed interpreter on the script's first line\) \(/,
    );
    const status = runBatuta(['status', project], home, env);
    expect(status.stdout).toContain('validate: failed (gone.sh names /nonexistent/batutash');
  });
});
