/**
 * End to end through the built `batuta` binary, playing the agent on three project shapes found migrating
 * real code: a folder that is a Python package run as `python -m` (validation must run the project's own
 * package, not one installed under that name, and relative imports must work), a C program whose header
 * is implemented by a C file beside it (each gets its own crate, and the original is linked with it), and
 * a shell script that sources a library through its own folder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;

function write(project: string, files: Record<string, string>): string {
  writeFiles(join(home, project), files);
  return join(home, project);
}

/** analyze, plan and transpile --by agent; the pending files, as [source, Rust file]. */
function prepare(project: string): string[][] {
  expect(runBatuta(['analyze', project], home, RUST_ENV).code).toBe(0);
  expect(runBatuta(['plan', project], home, RUST_ENV).code).toBe(0);
  const waiting = runBatutaJson(['transpile', project, '--by', 'agent'], home, RUST_ENV);
  expect(waiting.code).toBe(1);
  return (waiting.body['pending'] as Array<{ source: string; file: string }>).map((p) => [p.source, p.file]);
}

/** Writes the agent's translations, then transpile, optimize and validate must all pass. */
function translateAndValidate(project: string, rust: Record<string, string>): void {
  write(project.slice(home.length + 1), rust);
  const transpiled = runBatuta(['transpile', project], home, RUST_ENV);
  expect(transpiled.stdout + transpiled.stderr).toContain('transpile: passed');
  expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
  const validated = runBatuta(['validate', project], home, RUST_ENV);
  expect(validated.stdout).toContain('validate: passed');
  expect(validated.stdout).toContain('cargo test: passed');
  expect(validated.code).toBe(0);
}

beforeAll(() => {
  home = tempDir('batuta-shapes-e2e-');
  // Another tallykit "installed" on the path and imported at start-up, as a .pth file or sitecustomize can.
  write('site', {
    'tallykit/__init__.py': 'def tally(words):\n    return {}\n',
    'sitecustomize.py': 'import tallykit\n',
  });
  RUST_ENV['PYTHONPATH'] = join(home, 'site');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('migrating real project shapes by agent', { timeout: CARGO_TIMEOUT }, () => {
  it('validates a package folder run as python -m against its own modules, not an installed one', () => {
    const project = write('tallykit', {
      '__init__.py': 'from .count import tally\n',
      'count.py':
        'def tally(words):\n    counts = {}\n    for w in words:\n        counts[w] = counts.get(w, 0) + 1\n    return counts\n',
      '__main__.py':
        'import sys\nfrom tallykit import tally\nfrom .count import tally as again\n\nassert tally is again\nfor word, n in sorted(tally(sys.argv[1:]).items()):\n    print(word, n)\n',
      'batuta.toml': '[[validation.cases]]\nname = "words"\nsource = "__main__.py"\nargs = ["b", "a", "b"]\n',
    });
    expect(prepare(project)).toEqual([
      ['count.py', '.batuta/workspace/count/src/lib.rs'],
      ['__init__.py', '.batuta/workspace/tallykit/src/lib.rs'],
      ['__main__.py', '.batuta/workspace/tallykit-main/src/main.rs'],
    ]);
    translateAndValidate(project, {
      '.batuta/workspace/count/src/lib.rs':
        'use std::collections::BTreeMap;\n\npub fn tally(words: &[String]) -> BTreeMap<String, usize> {\n    let mut counts = BTreeMap::new();\n    for w in words {\n        *counts.entry(w.clone()).or_insert(0) += 1;\n    }\n    counts\n}\n',
      '.batuta/workspace/tallykit/src/lib.rs': 'pub use count::tally;\n',
      '.batuta/workspace/tallykit-main/src/main.rs':
        'fn main() {\n    let words: Vec<String> = std::env::args().skip(1).collect();\n    for (word, n) in tallykit::tally(&words) {\n        println!("{word} {n}");\n    }\n}\n',
    });
  });

  it('gives a header and the C file implementing it a crate each, and links the original with both', () => {
    const project = write('twice', {
      'count.h': 'int twice(int n);\n',
      'count.c': '#include "count.h"\n\nint twice(int n) { return 2 * n; }\n',
      'main.c':
        '#include <stdio.h>\n#include "count.h"\n\nint main(int argc, char **argv) {\n  (void)argv;\n  printf("%d\\n", twice(argc - 1));\n  return 0;\n}\n',
      'batuta.toml': '[[validation.cases]]\nname = "two"\nsource = "main.c"\nargs = ["a", "b"]\n',
    });
    expect(prepare(project)).toEqual([
      ['count.h', '.batuta/workspace/count-h/src/lib.rs'],
      ['count.c', '.batuta/workspace/count-c/src/lib.rs'],
      ['main.c', '.batuta/workspace/main/src/main.rs'],
    ]);
    translateAndValidate(project, {
      '.batuta/workspace/count-h/src/lib.rs': '//! count.h only declares twice, which count-c defines.\n',
      '.batuta/workspace/count-c/src/lib.rs': 'pub fn twice(n: i32) -> i32 {\n    2 * n\n}\n',
      '.batuta/workspace/main/src/main.rs':
        'fn main() {\n    let n = std::env::args().count() as i32 - 1;\n    println!("{}", count_c::twice(n));\n}\n',
    });
    write('twice', { 'batuta.toml': '[[validation.cases]]\nname = "lib"\nsource = "count.c"\n' });
    const library = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(library.code).toBe(1);
    expect(JSON.stringify(library.body)).toContain('names source \\"count.c\\", a library');
  });

  it('compiles the original C with the flags batuta.toml gives, and names that setting when it does not compile', () => {
    const project = write('hello', {
      'main.c': '#include <stdio.h>\n\nint main(void) {\n  puts(GREETING);\n  return 0;\n}\n',
      'batuta.toml': '[[validation.cases]]\nname = "hi"\nsource = "main.c"\n',
    });
    prepare(project);
    write('hello', { '.batuta/workspace/main/src/main.rs': 'fn main() {\n    println!("hi");\n}\n' });
    expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const failed = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(failed.code).toBe(1);
    expect(JSON.stringify(failed.body)).toContain('[validation] c_flags');
    write('hello', {
      'batuta.toml':
        '[validation]\nc_flags = ["-DGREETING=\\"hi\\""]\n\n[[validation.cases]]\nname = "hi"\nsource = "main.c"\n',
    });
    const passed = runBatuta(['validate', project], home, RUST_ENV);
    expect(passed.stdout).toContain('validate: passed');
  });

  it('says that only cargo test judged a project of libraries', () => {
    const project = write('onlylib', { 'twice.c': 'int twice(int n) { return 2 * n; }\n' });
    expect(prepare(project)).toEqual([['twice.c', '.batuta/workspace/twice/src/lib.rs']]);
    write('onlylib', {
      '.batuta/workspace/twice/src/lib.rs':
        'pub fn twice(n: i32) -> i32 {\n    2 * n\n}\n\n#[test]\nfn doubles() {\n    assert_eq!(twice(4), 8);\n}\n',
    });
    expect(runBatuta(['transpile', project], home, RUST_ENV).code).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const validated = runBatuta(['validate', project], home, RUST_ENV);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('no program compared: every crate is a library');
    expect(validated.stdout).toContain('cargo test: passed (1 test passed, 0 failed)');
  });

  it('makes a library of a shell file a script sources from beside itself', () => {
    const project = write('greet', {
      'bin/greet':
        '#!/bin/bash\n. "$(dirname "$0")"/../lib/words.sh\n[ -f "$HOME/.greetrc" ] && . "$HOME/.greetrc"\nshout "$1"\n',
      'lib/words.sh': 'shout() {\n  echo "$1!" | tr a-z A-Z\n}\n',
      'batuta.toml': '[[validation.cases]]\nname = "hi"\nsource = "bin/greet"\nargs = ["hi"]\n',
    });
    expect(prepare(project)).toEqual([
      ['lib/words.sh', '.batuta/workspace/lib-words/src/lib.rs'],
      ['bin/greet', '.batuta/workspace/bin-greet/src/main.rs'],
    ]);
    const brief = readFileSync(join(project, '.batuta/workspace/bin-greet/TRANSLATE.md'), 'utf8');
    expect(brief).toContain('- not in the project: "$HOME/.greetrc" (');
    translateAndValidate(project, {
      '.batuta/workspace/lib-words/src/lib.rs':
        'pub fn shout(word: &str) -> String {\n    format!("{}!", word.to_uppercase())\n}\n',
      '.batuta/workspace/bin-greet/src/main.rs':
        'fn main() {\n    let word = std::env::args().nth(1).unwrap_or_default();\n    println!("{}", lib_words::shout(&word));\n}\n',
    });
  });

  it('finds a library without extension or shebang that a /bin/sh script sources by bare name, and runs the original as sh with it on PATH, its gettext a helper', () => {
    const project = write('hail', {
      hail: '#!/bin/sh\n. hail-setup\nhail "$1"\n',
      'hail-setup':
        '# sourced by hail; found on PATH, as git finds git-sh-setup\nhail() {\n  echo "$(gettext hail)\\t$1"\n}\n',
      'batuta.toml': '[[validation.cases]]\nname = "ann"\nsource = "hail"\nargs = ["ann"]\n',
    });
    expect(prepare(project)).toEqual([
      ['hail-setup', '.batuta/workspace/hail-setup/src/lib.rs'],
      ['hail', '.batuta/workspace/hail/src/main.rs'],
    ]);
    // dash's echo expands \t, bash's does not: the original runs under the shell its first line names;
    // gettext translates the message (a helper the converted program needs not start).
    translateAndValidate(project, {
      '.batuta/workspace/hail-setup/src/lib.rs':
        'pub fn hail(name: &str) -> String {\n    format!("hail\\t{name}")\n}\n',
      '.batuta/workspace/hail/src/main.rs':
        'fn main() {\n    let name = std::env::args().nth(1).unwrap_or_default();\n    println!("{}", hail_setup::hail(&name));\n}\n',
    });
  });
});
