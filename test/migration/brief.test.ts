import { describe, expect, it } from 'vitest';
import { PENDING_MARKER, renderBrief } from '../../src/migration/brief.js';
import type { PlanModule } from '../../src/migration/types.js';

const module: PlanModule = {
  path: 'model.py',
  language: 'python',
  transpiler: 'agent',
  crate: 'model',
  order: 1,
  dependsOn: [],
  unresolved: [],
  headers: [],
  crates: ['trueno'],
  risks: ['fit (line 3) has complexity 12: split it or expect manual fixes'],
};

/** A brief's input with nothing in it but the module and a one-line source. */
const BASE = {
  module,
  project: '/work/app',
  file: 'src/main.rs',
  workspaceFile: '.batuta/workspace/model/src/main.rs',
  source: 'print(1)\n',
  analysis: undefined,
  libraries: [],
  declared: [],
  cases: [],
  recipes: undefined,
  stale: undefined,
};

describe('renderBrief', () => {
  it('states the file to write, the analysis, the stack crates with recipes, the cases and the source', () => {
    const brief = renderBrief({
      module,
      project: '/work/app',
      file: 'src/main.rs',
      workspaceFile: '.batuta/workspace/model/src/main.rs',
      source: 'import numpy\nprint(numpy.dot([1], [2]))\n',
      analysis: {
        path: 'model.py',
        language: 'python',
        lines: 2,
        codeLines: 2,
        functions: [],
        topLevelComplexity: 1,
        imports: ['numpy'],
        apiUses: [{ api: 'numpy.dot', line: 2 }],
        syntaxErrors: 0,
      },
      libraries: [],
      declared: [],
      cases: [{ name: 'dot', source: 'model.py', args: ['-v'], stdin: '1 2\n', files: [] }],
      recipes: (component) =>
        component === 'trueno'
          ? [{ id: 'trueno-dot', problem: 'dot product', code: 'let d = a.dot(&b);' }]
          : [],
      stale: undefined,
    });
    expect(brief).toContain(
      'Write `src/main.rs` of the crate `model` (`.batuta/workspace/model/src/main.rs`)',
    );
    expect(brief).toContain(`(\`// ${PENDING_MARKER} …\`)`);
    expect(brief).toContain('run `batuta transpile /work/app` again');
    expect(brief).toContain(
      'While other files still wait, `batuta validate /work/app` (`migration_validate`) already compares the\n  files accepted so far',
    );
    expect(brief).toContain('- line 2: `numpy.dot` → trueno: trueno matrix ops');
    expect(brief).toContain('- risk: fit (line 3) has complexity 12');
    expect(brief).toContain(
      '### trueno\n\nRecipe `trueno-dot`: dot product\n\n```rust\nlet d = a.dot(&b);\n```',
    );
    expect(brief).toContain('- `dot`: args ["-v"]; stdin "1 2\\n"');
    expect(brief).toMatch(
      /## Source: model\.py\n\n```python\nimport numpy\nprint\(numpy\.dot\(\[1\], \[2\]\)\)\n```\n$/,
    );
    expect(brief).not.toContain('Update needed');
  });

  it('names the local imports the plan found no project file for, whose code the agent must write', () => {
    const brief = renderBrief({
      module: {
        ...module,
        path: 'enc.c',
        language: 'c',
        crates: [],
        risks: [],
        dependsOn: ['lib/io.c', 'lib/io.h'],
        unresolved: ['"config.h"', '"vendor/io.h"'],
      },
      project: '/work/app',
      file: 'src/main.rs',
      workspaceFile: '.batuta/workspace/enc/src/main.rs',
      source: 'int main(void) { return 0; }\n',
      analysis: {
        path: 'enc.c',
        language: 'c',
        lines: 1,
        codeLines: 1,
        functions: [],
        topLevelComplexity: 1,
        imports: ['"config.h"', '<stdio.h>', '"lib/io.h"', '"vendor/io.h"'],
        apiUses: [],
        syntaxErrors: 0,
      },
      libraries: [],
      declared: [],
      cases: [],
      recipes: undefined,
      stale: undefined,
    });
    expect(brief).toContain('- not in the project: "config.h", "vendor/io.h" (');
    expect(brief).toContain('runs both programs on the cases below');
  });

  it("names each system header's library and what the agent can do with it", () => {
    const header = (
      include: string,
      path: string,
      library: string,
      link: string[] = [],
      cLibrary = false,
    ) => ({
      include,
      path,
      library,
      link,
      cLibrary,
    });
    const brief = renderBrief({
      ...BASE,
      module: {
        ...module,
        path: 'b64.c',
        language: 'c',
        crates: [],
        risks: [],
        headers: [
          header('<stdio.h>', '/usr/include/stdio.h', 'libc6-dev', [], true),
          header('"base64.h"', '/usr/include/nettle/base64.h', 'nettle-dev', ['-lhogweed', '-lnettle']),
          // nm told which of the package's libraries defines what sha1.h declares: it is said on its own line.
          header('"sha1.h"', '/usr/include/nettle/sha1.h', 'nettle-dev', ['-lnettle']),
          header('<stdlib.h>', '/usr/include/stdlib.h', 'libc6-dev', [], true),
          header('"nettle-meta.h"', '/usr/include/nettle/nettle-meta.h', 'nettle-dev', [
            '-lhogweed',
            '-lnettle',
          ]),
          header('<linux/fs.h>', '/usr/include/linux/fs.h', 'linux-libc-dev'),
          header('<odd.h>', '/opt/include/odd.h', 'unknown'),
        ],
      },
      workspaceFile: '.batuta/workspace/b64/src/main.rs',
      source: 'int main(void) { return 0; }\n',
    });
    expect(brief).toContain(
      "- system headers of the C library and the compiler: <stdio.h>, <stdlib.h> (Rust's std covers them)",
    );
    expect(brief).toContain(
      '- headers of nettle-dev: "base64.h", "nettle-meta.h" (/usr/include/nettle), linked with -lhogweed -lnettle: declare what this file calls in an `extern "C"` block with `#[link(name = "hogweed")]` or `#[link(name = "nettle")]` (batuta could not tell which defines it: `nm -D --defined-only` on each library lists what it defines), or write it with std',
    );
    expect(brief).toContain(
      '- headers of nettle-dev: "sha1.h" (/usr/include/nettle), linked with -lnettle: declare what this file calls in an `extern "C"` block with `#[link(name = "nettle")]`, or write it with std',
    );
    expect(brief).toContain(
      '- headers of linux-libc-dev: <linux/fs.h> (/usr/include/linux), no library known to link: write what this file uses from them with std (or link the library they belong to with `#[link(name = …)]`)',
    );
    expect(brief).toContain(
      '- headers of an unknown library: <odd.h> (/opt/include): write what this file uses from them with std (or link the library they belong to with `#[link(name = …)]`)',
    );
  });

  it('tells the agent of a library that validation runs only the programs using it and cargo test', () => {
    const brief = renderBrief({
      ...BASE,
      module: { ...module, path: 'util.py', crates: [], risks: [] },
      file: 'src/lib.rs',
      workspaceFile: '.batuta/workspace/util/src/lib.rs',
      source: 'def twice(n):\n    return 2 * n\n',
    });
    expect(brief).toContain('a library never runs on its own');
    expect(brief).toContain('`#[cfg(test)]` tests');
    expect(brief).not.toContain('runs both programs');
    expect(brief).not.toMatch(/not in the project: .*io\.h/);
  });
});

describe('renderBrief: dependencies', () => {
  const input = { ...BASE, libraries: [{ crate: 'io-sh', path: 'io.sh' }] };

  it('says how an MCP agent declares a dependency, and lists the ones declared', () => {
    const none = renderBrief({ ...input, declared: [] });
    expect(none).toContain('- Dependencies available: `io-sh` (from io.sh, `use io_sh::…`).');
    expect(none).toContain(
      "- Another dependency (a project crate the plan does not see this file import, a system library to link, a\n  crates.io crate: this machine builds offline, so one not in cargo's cache fails the check): over MCP give it\n  in `migration_submit_translation`'s `dependencies`",
    );
    expect(none).not.toContain('Declared with the translation');
    const declared = renderBrief({
      ...input,
      declared: [
        { kind: 'system', name: 'nettle' },
        { kind: 'registry', name: 'libc', version: '0.2' },
      ],
    });
    expect(declared).toContain(
      '- Declared with the translation: nettle (system library, linked by build.rs); libc 0.2 (crates.io).',
    );
  });
});

describe('renderBrief: the first line', () => {
  const input = { ...BASE, module: { ...module, risks: [] } };

  it('says that an env line with an argument does not start the file run by name, and how validation runs it', () => {
    // The kernel hands env "python3 -u" as one program name: `./model.py` exits 127; `python3 -u model.py` runs.
    const brief = renderBrief({ ...input, source: '#!/usr/bin/env python3 -u\nprint(1)\n' });
    expect(brief).toContain(
      '- its first line `#!/usr/bin/env python3 -u` does not start it when run by name (env is handed "python3 -u" as one program name and exits 127; `#!/usr/bin/env -S python3 -u` would): validation runs it as python3 -u model.py, and the translation behaves as that does',
    );
    for (const line of ['#!/usr/bin/env -S python3 -u', '#!/usr/bin/env python3', '#!/usr/bin/python3 -u']) {
      expect(renderBrief({ ...input, source: `${line}\nprint(1)\n` })).not.toContain('does not start it');
    }
  });
});

describe('renderBrief: a header', () => {
  it('says a header crate holds only what the header itself defines, and may be left empty', () => {
    const header = { ...module, path: 'io.h', language: 'c' as const, crates: [], risks: [] };
    const brief = renderBrief({
      ...BASE,
      module: header,
      file: 'src/lib.rs',
      source: 'void werror(const char *f);\n',
    });
    expect(brief).toContain(
      '- `io.h` is a header: the functions it declares are defined by the project files that implement them, each translated in its own crate; write here only what the header itself defines (types, constants, macros, inline functions), or leave the file empty (without its first line) when it defines nothing.',
    );
    expect(renderBrief({ ...BASE, file: 'src/lib.rs' })).not.toContain('is a header');
  });
});
