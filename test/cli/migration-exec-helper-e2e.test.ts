/**
 * End to end through the built `batuta` binary, strace on: a shell script that ends by replacing itself with
 * the program it was given (`exec "$@"`, as glibc's sotruss does) run on `/bin/echo` against a translation that
 * execs it the same way. The utilities a shell computes with (`echo`, `sed`, …) are not counted as programs
 * started on either side, so the two are the same; a translation that also starts a program the script does
 * not (`cksum`) still differs.
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

/** The translation: exec the program given, after running `before` (a program) when given. */
const rust = (before: string) =>
  [
    'use std::os::unix::process::CommandExt;',
    'use std::process::{Command, Stdio};',
    '',
    'fn main() {',
    '    let args: Vec<String> = std::env::args().skip(1).collect();',
    before === '' ? '' : `    Command::new("${before}").stdin(Stdio::null()).output().unwrap();`,
    '    let error = Command::new(&args[0]).args(&args[1..]).exec();',
    '    panic!("{error}");',
    '}',
    '',
  ].join('\n');

beforeAll(() => {
  home = tempDir('batuta-exec-helper-e2e-');
  project = join(home, 'wrap');
  writeFiles(project, {
    'wrap.sh': '#!/bin/sh\nexport WRAPPED=1\nexec "$@"\n',
    'batuta.toml':
      '[[validation.cases]]\nname = "echo"\nsource = "wrap.sh"\nargs = ["/bin/echo", "hi there"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a script that execs the program it is given, against a translation that does', {
  timeout: CARGO_TIMEOUT,
}, () => {
  it('behaves the same: a shell utility it execs is counted on neither side', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    writeFiles(project, { '.batuta/workspace/wrap/src/main.rs': rust('') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.body['reason']).toBeUndefined();
    const summary = validated.body['summary'] as { strace: string };
    expect(summary.strace).not.toMatch(/not found|disabled/);
  });

  it('differs when the translation also starts a program the script does not', () => {
    writeFiles(project, { '.batuta/workspace/wrap/src/main.rs': rust('cksum') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.code).toBe(1);
    expect(String(validated.body['reason'])).toContain(
      'echo: syscalls: processes: original [], converted [fork, exec cksum]',
    );
  });
});
