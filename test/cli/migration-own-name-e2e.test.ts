/**
 * End to end through the built `batuta` binary: a program that prints its own name (a usage line built from
 * `basename "$0"`, as many shell tools and Python scripts write theirs) is validated against its translation run
 * under the same name. The original runs as `tool.sh`; the translation, whose binary is the crate `tool`,
 * must not differ from it only because it was started by another name, nor because a program that prints its
 * full path (`$0`) or its folder (`$(dirname "$0")`) runs from another folder than the script; a translation
 * that prints another folder than its own still differs. A second program no case runs is built and tested but
 * not compared, and status does not count it as validated.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const write = (files: Record<string, string>) => writeFiles(project, files);

const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-own-name-e2e-');
  project = join(home, 'tool');
  write({
    'tool.sh':
      '#!/bin/sh\nif [ $# -eq 0 ]; then\n  echo "usage: $(basename "$0") NAME" >&2\n  exit 2\nfi\nif [ "$1" = --path ]; then\n  echo "run as $0"\n  exit 0\nfi\nif [ "$1" = --dir ]; then\n  echo "from $(dirname "$0")"\n  exit 0\nfi\necho "hi $1"\n',
    'other.sh': '#!/bin/sh\necho other\n',
    'batuta.toml':
      '[[validation.cases]]\nname = "usage"\nsource = "tool.sh"\nargs = []\n\n[[validation.cases]]\nname = "greet"\nsource = "tool.sh"\nargs = ["ann"]\n\n[[validation.cases]]\nname = "path"\nsource = "tool.sh"\nargs = ["--path"]\n\n[[validation.cases]]\nname = "dir"\nsource = "tool.sh"\nargs = ["--dir"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('validating programs against their translations', { timeout: CARGO_TIMEOUT }, () => {
  it('behaves the same as its translation, which runs under the original file name', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    write({
      '.batuta/workspace/tool/src/main.rs': [
        'fn main() {',
        '    let mut args = std::env::args();',
        '    let me = args.next().unwrap_or_default();',
        "    let name = me.rsplit('/').next().unwrap_or_default().to_string();",
        '    match args.next() {',
        '        None => {',
        '            eprintln!("usage: {name} NAME");',
        '            std::process::exit(2);',
        '        }',
        '        Some(flag) if flag == "--path" => println!("run as {me}"),',
        '        Some(flag) if flag == "--dir" => println!("from {}", folder(&me).display()),',
        '        Some(who) => println!("hi {who}"),',
        '    }',
        '}',
        '',
        'fn folder(me: &str) -> &std::path::Path {',
        '    std::path::Path::new(me).parent().unwrap()',
        '}',
        '',
      ].join('\n'),
      '.batuta/workspace/other/src/main.rs': 'fn main() {\n    println!("other");\n}\n',
    });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.body['reason']).toBeUndefined();
    expect(validated.code).toBe(0);
    const cases = (validated.body['summary'] as { cases: Array<{ name: string; passed: boolean }> }).cases;
    expect(cases.map((c) => [c.name, c.passed])).toEqual([
      ['usage', true],
      ['greet', true],
      ['path', true],
      ['dir', true],
    ]);
  });

  it('says which program no case compared, and does not count it as validated', () => {
    const validated = run('validate', project);
    expect(validated.stdout).toContain(
      'not compared (no validation case runs them; declare cases in batuta.toml): other.sh\n',
    );
    const status = run('status', project).stdout;
    expect(status).toContain('files: 1 of 2 validated\n');
    expect(status).toContain('  other.sh [not compared, by agent]: no validation case runs it: declare one');
  });

  it('still differs when the translation prints a folder above its own, or a line more', () => {
    const main = join(project, '.batuta/workspace/tool/src/main.rs');
    const code = readFileSync(main, 'utf8');
    write({
      '.batuta/workspace/tool/src/main.rs': code
        .replace('Path::new(me).parent().unwrap()', 'Path::new(me).parent().unwrap().parent().unwrap()')
        .replace('println!("hi {who}")', 'println!("hi {who}\\nbye")'),
    });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.code).toBe(1);
    const cases = (validated.body['summary'] as { cases: Array<{ name: string; differences: string[] }> })
      .cases;
    expect(cases.find((c) => c.name === 'dir')!.differences).toEqual([
      `dir: stdout line 1: original "from <program-dir>", converted "from ${join(project, '.batuta/runs/programs')}"`,
    ]);
    // The original's output ends where the translation's goes on: not an empty line of the original.
    expect(cases.find((c) => c.name === 'greet')!.differences).toEqual([
      'greet: stdout line 2: original (end of output), converted "bye"',
    ]);
    write({ '.batuta/workspace/tool/src/main.rs': code });
  });
});
