/**
 * End to end through the built `batuta` binary: the plan lists each C file's system and library headers (quoted
 * or angle includes the compiler's include path answers) with what provides them, and the brief tells the agent
 * what to do with each: the C library's are std's, a pkg-config library can be linked with `#[link]`. pkg-config
 * and dpkg are fakes first on PATH here (the compiler and nm are the machine's), so the answers do not depend on
 * the packages installed. Of two modules whose include folder holds a header (baz and bazsign, as nettle and
 * hogweed), the library that defines what the header declares is the one named (nm -D of libraries built here).
 * A header whose own includes bring in another library's header (nettle's rsa.h → gmp.h: -lgmp) names that
 * library too, as the compiler follows the includes (`cc -M`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { writeFiles } from './rust-project.js';

let home: string;
let project: string;
let env: Record<string, string>;

beforeAll(() => {
  home = tempDir('batuta-header-library-e2e-');
  project = join(home, 'b64');
  const include = join(home, 'lib', 'include');
  writeFiles(home, {
    'lib/include/foo/foo.h': 'int foo(void);\n',
    'lib/include/bar.h': 'int bar(void);\n',
    'lib/bazinc/baz/hash.h': '#define hash_init baz_hash_init\nint hash_init(void);\n',
    'lib/bazinc/baz/sign.h':
      '#include <stdio.h>\n#include <foo.h>\n#include "types.h"\nint bazsign_sign(void);\n',
    // Of baz and bazsign, neither defines a name of types.h: which it needs is not known, so it names none.
    'lib/bazinc/baz/types.h': 'typedef int baz_size;\n',
    'lib/baz.c': 'int baz_hash_init(void) { return 1; }\n',
    'lib/bazsign.c': 'int bazsign_sign(void) { return 2; }\n',
    'pkgconfig/baz.pc': `Name: baz\nCflags: -I${home}/lib/bazinc\nLibs: -L${home}/lib -lbaz\n`,
    'pkgconfig/bazsign.pc': `Name: bazsign\nCflags: -I${home}/lib/bazinc\nLibs: -L${home}/lib -lbazsign\n`,
    'pkgconfig/foo.pc': `Name: foo\nCflags: -I${include}/foo\nLibs: -L${home}/lib -lfoo\n`,
    'bin/pkg-config': `#!/bin/sh\necho "${join(home, 'pkgconfig')}"\n`,
    'bin/dpkg': `#!/bin/sh\nshift\nfor p do case "$p" in\n  */stdio.h|*/stddef.h) echo "libc6-dev:amd64: $p" ;;\n  */bar.h) echo "bar-dev: $p" ;;\n  *) echo "dpkg-query: no path found matching pattern $p" >&2 ;;\nesac; done\n`,
  });
  for (const name of ['baz', 'bazsign']) {
    const lib = join(home, 'lib');
    const built = spawnSync('cc', [
      '-shared',
      '-fPIC',
      '-o',
      join(lib, `lib${name}.so`),
      join(lib, `${name}.c`),
    ]);
    expect(built.status, String(built.stderr)).toBe(0);
  }
  chmodSync(join(home, 'bin', 'pkg-config'), 0o755);
  chmodSync(join(home, 'bin', 'dpkg'), 0o755);
  writeFiles(project, {
    'main.c':
      '#include <stdio.h>\n#include "foo.h"\n#include <bar.h>\n#include <baz/hash.h>\n#include <baz/sign.h>\n#include "config.h"\n\nint main(void) {\n  printf("%d\\n", foo() + bar() + hash_init() + bazsign_sign());\n  return 0;\n}\n',
    'batuta.toml': `[validation]\nc_flags = ["-I${include}/foo", "-I${include}", "-I${home}/lib/bazinc", "-lfoo"]\n`,
  });
  env = { PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}` };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("a C file's system and library headers", () => {
  it('are listed in the plan with the library that provides each', () => {
    expect(runBatuta(['analyze', project], home, env).code).toBe(0);
    // One file of its language, said in the singular.
    expect(runBatuta(['report', project], home, env).stdout).toContain('- c: 1 file, 11 lines\n');
    const planned = runBatutaJson(['plan', project], home, env);
    expect(planned.code, planned.stderr).toBe(0);
    const main = (planned.body['summary'] as Plan).modules.find((m) => m.path === 'main.c')!;
    expect(main.unresolved).toEqual(['"config.h"']);
    expect(main.headers).toEqual([
      {
        include: '<stdio.h>',
        path: expect.stringMatching(/^\/usr\/.*\/stdio\.h$/),
        library: 'libc6-dev',
        link: [],
        cLibrary: true,
      },
      {
        include: '"foo.h"',
        path: join(home, 'lib/include/foo/foo.h'),
        library: 'foo',
        link: ['-lfoo'],
        cLibrary: false,
      },
      {
        include: '<bar.h>',
        path: join(home, 'lib/include/bar.h'),
        library: 'bar-dev',
        link: [],
        cLibrary: false,
      },
      {
        include: '<baz/hash.h>',
        path: join(home, 'lib/bazinc/baz/hash.h'),
        library: 'baz, bazsign',
        link: ['-lbaz'],
        cLibrary: false,
      },
      {
        include: '<baz/sign.h>',
        path: join(home, 'lib/bazinc/baz/sign.h'),
        library: 'baz, bazsign',
        link: ['-lbazsign'],
        cLibrary: false,
        // Its own includes: stdio.h is the C library's, foo.h is foo's, types.h's library is not known.
        pulledIn: [{ headers: ['foo.h'], link: ['-lfoo'] }],
      },
    ]);
  });

  it('are named in the brief with what the agent can do', () => {
    expect(runBatuta(['transpile', project, '--by', 'agent'], home, env).code).toBe(1);
    const brief = readFileSync(join(project, '.batuta', 'workspace', 'main', 'TRANSLATE.md'), 'utf8');
    expect(brief).toContain(
      "- system headers of the C library and the compiler: <stdio.h> (Rust's std covers them)",
    );
    expect(brief).toContain(
      `- headers of foo: "foo.h" (${join(home, 'lib/include/foo')}), linked with -lfoo: declare what this file calls in an \`extern "C"\` block with \`#[link(name = "foo")]\`, or write it with std`,
    );
    expect(brief).toContain(
      `- headers of bar-dev: <bar.h> (${join(home, 'lib/include')}), no library known to link:`,
    );
    expect(brief).toContain(
      `- headers of baz, bazsign: <baz/hash.h> (${join(home, 'lib/bazinc/baz')}), linked with -lbaz: declare what this file calls in an \`extern "C"\` block with \`#[link(name = "baz")]\`, or write it with std\n`,
    );
    expect(brief).toContain(
      `- headers of baz, bazsign: <baz/sign.h> (${join(home, 'lib/bazinc/baz')}), linked with -lbazsign: declare what this file calls in an \`extern "C"\` block with \`#[link(name = "bazsign")]\`, or write it with std; its own includes bring in foo.h (-lfoo): link that too (\`#[link(name = "foo")]\`) for what this file calls from them\n`,
    );
  });
});
