/**
 * End to end through the built `batuta` binary: a C program whose header declares a function another project
 * file defines, not the header's namesake (nettle's examples: io.h declares read_rsa_key, defined in
 * read_rsa_key.c). The plan makes the program depend on that file, so the original is compiled with it and the
 * program's crate gets the library crate; before, cc failed on `undefined reference to shout`. The header's own
 * crate is briefed as one that may stay empty.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

beforeAll(() => {
  home = tempDir('batuta-c-called-file-e2e-');
  project = join(home, 'shout');
  writeFiles(project, {
    'util.h': '#ifndef UTIL_H\n#define UTIL_H\nvoid shout(const char *word);\n#endif\n',
    'words.c':
      '#include <ctype.h>\n#include <stdio.h>\n#include "util.h"\n\nvoid shout(const char *word) {\n  for (; *word; word++) putchar(toupper((unsigned char)*word));\n  putchar(\'\\n\');\n}\n',
    'main.c':
      '#include "util.h"\n\nint main(int argc, char **argv) {\n  for (int i = 1; i < argc; i++) shout(argv[i]);\n  return 0;\n}\n',
    'batuta.toml': '[[validation.cases]]\nname = "two"\nsource = "main.c"\nargs = ["ann", "bo"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a C program calling a function another project file defines', { timeout: CARGO_TIMEOUT }, () => {
  it('depends on that file, links it into the original, and validates', () => {
    expect(runBatuta(['analyze', project], home, RUST_ENV).code).toBe(0);
    const planned = runBatutaJson(['plan', project], home, RUST_ENV);
    const plan = planned.body['summary'] as Plan;
    expect(plan.modules.find((m) => m.path === 'main.c')!.dependsOn).toEqual(['util.h', 'words.c']);
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, RUST_ENV).code).toBe(1);
    // The header's crate: its function is words.c's, so the brief says it may stay empty.
    expect(readFileSync(join(project, '.batuta/workspace/util/TRANSLATE.md'), 'utf8')).toContain(
      '- `util.h` is a header: the functions it declares are defined by the project files that implement them',
    );
    writeFiles(project, {
      '.batuta/workspace/util/src/lib.rs': '//! util.h declares shout, which words.c defines.\n',
      '.batuta/workspace/words/src/lib.rs':
        'pub fn shout(word: &str) {\n    println!("{}", word.to_ascii_uppercase());\n}\n',
      '.batuta/workspace/main/src/main.rs':
        'fn main() {\n    for word in std::env::args().skip(1) {\n        words::shout(&word);\n    }\n}\n',
    });
    const transpiled = runBatuta(['transpile', project], home, RUST_ENV);
    expect(transpiled.code, transpiled.stdout).toBe(0);
    expect(runBatuta(['optimize', project], home, RUST_ENV).code).toBe(0);
    const validated = runBatuta(['validate', project], home, RUST_ENV);
    expect(validated.stdout).toContain('two: same behaviour');
    expect(validated.code).toBe(0);
  });
});
