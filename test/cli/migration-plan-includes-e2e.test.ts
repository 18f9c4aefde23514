/**
 * End to end through the built `batuta` binary: what analyze and plan read from C and shell sources that
 * Debian's own tools are written like. A quoted include of a header on the compiler's include path
 * (`#include "zlib.h"` in zlib's examples; here `"stdio.h"` and a library folder given with -I in c_flags) is
 * read as a system header, not as a file the project lacks; a header found nowhere still is. A shell
 * `for arg do` (no `in`: the loop over "$@", as znew and zgrep write it) is no syntax error, nor is a case
 * pattern with a quoted blank after a glob (`?*' '?*)`, git-merge-resolve), whose sourced file stays an import;
 * a file that does not parse is counted in the debt grade's reasons.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, Plan } from '../../src/migration/types.js';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { writeFiles } from './rust-project.js';

let home: string;
let project: string;

beforeAll(() => {
  home = tempDir('batuta-plan-includes-e2e-');
  project = join(home, 'tools');
  writeFiles(home, { 'lib/include/extra.h': 'int extra(void);\n' });
  writeFiles(project, {
    'main.c':
      '#include "stdio.h"\n#include "extra.h"\n#include "config.h"\n\nint main(void) {\n  printf("%d\\n", VERSION);\n  return 0;\n}\n',
    'each.sh':
      '#!/bin/sh\nfor arg do\n  case "$arg" in\n  -*) echo "option $arg" ;;\n  *) echo "$arg" ;;\n  esac\ndone\n',
    'broken.sh': '#!/bin/sh\nif then fi\n',
    'merge.sh': '#!/bin/sh\ncase "$remotes" in\n?*\' \'?*)\n\texit 2 ;;\nesac\n. ./setup.sh\nsay merged\n',
    'setup.sh': 'say() { echo "$@"; }\n',
    'batuta.toml': `[validation]\nc_flags = ["-I${join(home, 'lib', 'include')}"]\n`,
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('analyze and plan of C and shell as Debian writes them', () => {
  it('reads `for arg do` without a syntax error', () => {
    const analyzed = runBatuta(['analyze', project], home);
    expect(analyzed.code).toBe(0);
    // The one file that does not parse is said in the singular.
    expect(analyzed.stdout).toContain('1 file does not parse cleanly (first: broken.sh)');
    const analysis = JSON.parse(readFileSync(join(project, '.batuta', 'analysis.json'), 'utf8')) as Analysis;
    const each = analysis.files.find((f) => f.path === 'each.sh')!;
    expect(each.syntaxErrors).toBe(0);
    expect(each.topLevelComplexity).toBeGreaterThan(1);
    expect(analysis.files.find((f) => f.path === 'merge.sh')!.syntaxErrors).toBe(0);
  });

  it('plans a script after the file it sources below a case pattern with a quoted blank', () => {
    const planned = runBatutaJson(['plan', project], home);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = planned.body['summary'] as Plan;
    const merge = plan.modules.find((m) => m.path === 'merge.sh')!;
    expect(merge.dependsOn).toEqual(['setup.sh']);
    expect(merge.risks).toEqual([]);
  });

  it('lists only the quoted include found nowhere as not in the project, and says where the others are', () => {
    const planned = runBatutaJson(['plan', project], home);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = planned.body['summary'] as Plan;
    const main = plan.modules.find((m) => m.path === 'main.c')!;
    expect(main.unresolved).toEqual(['"config.h"']);
    expect(plan.modules.find((m) => m.path === 'each.sh')!.risks).toEqual([]);
    const notes = plan.notes ?? [];
    expect(notes.find((n) => n.startsWith('quoted includes that are no file of the project'))).toMatch(
      new RegExp(
        `"extra\\.h" in main\\.c \\(${join(home, 'lib', 'include', 'extra.h')}\\); "stdio\\.h" in main\\.c \\(/usr/[^)]*/stdio\\.h\\)$`,
      ),
    );
    expect(notes).toContain(
      '1 local import names no file of the project (main.c: "config.h"): a library, build output or file left out; each brief asks the agent to write what its file uses from them',
    );
  });
});
