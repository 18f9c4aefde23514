/**
 * End to end through the built `batuta` binary: a Python script whose first line hands env an argument without
 * -S (`#!/usr/bin/env python3 -u`). Run by name it does not start (the kernel gives env "python3 -u" as one
 * program name); batuta reads the line as meant, as `python3 -u FILE` runs it: the brief says so, and
 * validation runs the original unbuffered (it prints whether -u is among sys.orig_argv), so a translation printing True
 * passes and one printing False does not.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const rust = (flag: string) =>
  `fn main() {\n    let args: Vec<String> = std::env::args().skip(1).collect();\n    println!("unbuffered ${flag} {}", args.join(" "));\n}\n`;

beforeAll(() => {
  home = tempDir('batuta-python-env-args-e2e-');
  project = join(home, 'tail');
  writeFiles(project, {
    'tail.py':
      '#!/usr/bin/env python3 -u\nimport sys\nprint("unbuffered", "-u" in sys.orig_argv, " ".join(sys.argv[1:]))\n',
    'batuta.toml': '[[validation.cases]]\nname = "run"\nsource = "tail.py"\nargs = ["a", "b"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a Python script whose env line carries an argument', { timeout: CARGO_TIMEOUT }, () => {
  it('is briefed and validated as python3 -u runs it', () => {
    expect(runBatuta(['analyze', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['plan', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, RUST_ENV).code).toBe(1);
    const brief = readFileSync(join(project, '.batuta', 'workspace', 'tail', 'TRANSLATE.md'), 'utf8');
    expect(brief).toContain(
      '- its first line `#!/usr/bin/env python3 -u` does not start it when run by name (env is handed "python3 -u" as one program name and exits 127; `#!/usr/bin/env -S python3 -u` would): validation runs it as python3 -u tail.py, and the translation behaves as that does',
    );
    writeFiles(project, { '.batuta/workspace/tail/src/main.rs': rust('False') });
    expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const buffered = runBatuta(['validate', project], home, RUST_ENV);
    expect(buffered.code).toBe(1);
    expect(buffered.stdout).toContain(
      'run: stdout line 1: original "unbuffered True a b", converted "unbuffered False a b"',
    );
    writeFiles(project, { '.batuta/workspace/tail/src/main.rs': rust('True') });
    expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.body['reason']).toBeUndefined();
    expect(validated.code).toBe(0);
  });
});
