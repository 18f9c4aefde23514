/**
 * End to end through the built `batuta` binary: a C original that does not compile without its build's
 * config.h (nettle's examples define UNUSED and PRINTF_STYLE there, and name a function `werror`) stops
 * validation with the compiler's first error quoted, not the "In function ‘werror’" line above it, and with
 * the batuta.toml setting that gives the missing definitions.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const write = (files: Record<string, string>) => writeFiles(project, files);
const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-compile-error-e2e-');
  project = join(home, 'dec');
  write({
    'dec.c':
      '#include <stdio.h>\n\nstatic void\nwerror(const char *message)\n{\n  fputs(message, stderr) UNUSED;\n}\n\nint main(void)\n{\n  werror("x\\n");\n  return 0;\n}\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a C original that does not compile', { timeout: CARGO_TIMEOUT }, () => {
  it("quotes the compiler's first error and names c_flags", () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    write({ '.batuta/workspace/dec/src/main.rs': 'fn main() {\n    eprint!("x\\n");\n}\n' });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = run('validate', project);
    expect(validated.code).not.toBe(0);
    expect(validated.stdout + validated.stderr).toMatch(
      /validate: failed: cc could not compile the original dec\.c: dec\.c:6:\d+: error: expected .;. before .UNUSED. \(give the include folders, defines and libraries it needs in batuta\.toml \[validation\] c_flags/,
    );
  });
});
