/**
 * End to end through the built `batuta` binary: a translation that declares a C library's functions in an
 * `extern "C"` block but links no library is not accepted by `batuta transpile` (the CLI agent's acceptance
 * builds and links, as migration_submit_translation does): the file waits, and the reason names the symbols the
 * linker found no definition of and how to link their library, not cargo's "linking with `cc` failed". Once
 * fixed it is accepted, and a transpile with nothing changed links nothing again.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-link-error-e2e-');
  project = join(home, 'hash');
  writeFiles(project, {
    'hash.c': '#include <stdio.h>\nint main(void) {\n  puts("hash");\n  return 0;\n}\n',
    'batuta.toml': '[[validation.cases]]\nname = "plain"\nsource = "hash.c"\nargs = []\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a translation that calls a C library it does not link', { timeout: CARGO_TIMEOUT }, () => {
  it('waits at transpile, naming the undefined symbols and how to link their library', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    writeFiles(project, {
      '.batuta/workspace/hash/src/main.rs':
        'extern "C" {\n    fn batuta_unlinked_hash(n: i32) -> i32;\n}\n\nfn main() {\n    println!("hash {}", unsafe { batuta_unlinked_hash(1) });\n}\n',
    });
    const waiting = runBatutaJson(['transpile', project], home, RUST_ENV);
    expect(waiting.code).toBe(1);
    expect(waiting.body['pending']).toEqual([
      expect.objectContaining({
        source: 'hash.c',
        reason: expect.stringMatching(
          /^cargo build failed: the linker found no definition of batuta_unlinked_hash \(link the library that defines them: over MCP declare it in migration_submit_translation's dependencies/,
        ),
      }),
    ]);
    expect(run('status', project).stdout).toContain('check failed');
  });

  it('accepts the fixed translation, then links nothing again when nothing changed', () => {
    writeFiles(project, { '.batuta/workspace/hash/src/main.rs': 'fn main() {\n    println!("hash");\n}\n' });
    expect(run('transpile', project).code).toBe(0);
    const program = join(project, '.batuta/workspace/target/debug/hash');
    const linked = statSync(program).mtimeMs;
    expect(run('transpile', project).code).toBe(0);
    expect(statSync(program).mtimeMs).toBe(linked);
    expect(run('optimize', project).code).toBe(0);
    expect(run('validate', project).code).toBe(0);
  });
});
