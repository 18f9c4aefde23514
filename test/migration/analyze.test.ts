import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/migration/analyze.js';
import type { Analysis } from '../../src/migration/types.js';

const PY = `import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

def train(path):
    frame = pd.read_csv(path)
    model = RandomForestClassifier(n_estimators=10)
    if frame is None or path == "":
        return None
    return model

def kernel(a, b, n):
    total = 0
    for i in range(n):
        for j in range(n):
            total += a[i] * b[j]
    return np.dot(a, b) + total
`;

import { tempDir } from '../temp-dirs.js';

const C = `#include <stdio.h>
#include "util.h"

static int clamp(int x, int lo, int hi) {
  if (x < lo && lo > 0) return lo;
  return x > hi ? hi : x;
}

int main(void) {
  for (int i = 0; i < 3; i++) { printf("%d\\n", clamp(i, 0, 2)); }
  return 0;
}
`;

const SH = `#!/bin/sh
. ./lib.sh
greet() {
  if [ -n "$1" ] || [ -n "$2" ]; then echo "hi $1"; fi
}
for f in a b; do greet "$f"; done
`;

let root: string;
let analysis: Analysis;

beforeAll(async () => {
  root = tempDir('batuta-analyze-');
  writeFileSync(join(root, 'train.py'), PY);
  writeFileSync(join(root, 'main.c'), C);
  writeFileSync(join(root, 'util.h'), 'int helper(void);\n');
  writeFileSync(join(root, 'run'), SH);
  writeFileSync(join(root, 'requirements.txt'), 'numpy>=1.24\nscikit-learn==1.3  # models\n-r other.txt\n');
  writeFileSync(join(root, 'CMakeLists.txt'), 'find_package(OpenMP)\ntarget_link_libraries(app PRIVATE m)\n');
  writeFileSync(join(root, '.gitignore'), 'generated/\n');
  mkdirSync(join(root, 'generated'));
  writeFileSync(join(root, 'generated', 'big.py'), 'x = 1\n');
  mkdirSync(join(root, 'node_modules'));
  writeFileSync(join(root, 'node_modules', 'dep.py'), 'y = 2\n');
  analysis = await analyzeProject(root);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('analyzeProject', () => {
  it('finds languages by extension and shebang, skipping ignored and vendor folders', () => {
    expect(analysis.files.map((f) => f.path).sort()).toEqual(['main.c', 'run', 'train.py', 'util.h']);
    const python = analysis.languages.find((l) => l.language === 'python')!;
    expect(python).toMatchObject({ files: 1, lines: 17, functions: 2 });
    expect(analysis.files.find((f) => f.path === 'run')?.language).toBe('shell');
  });

  it('counts cyclomatic complexity and loop nesting per function', () => {
    const py = analysis.files.find((f) => f.path === 'train.py')!;
    const train = py.functions.find((f) => f.name === 'train')!;
    expect(train.complexity).toBe(3); // if + or
    const kernel = py.functions.find((f) => f.name === 'kernel')!;
    expect(kernel).toMatchObject({ complexity: 3, loopDepth: 2, line: 12 });
    expect(kernel.loopArithmetic).toBeGreaterThan(0);
    const c = analysis.files.find((f) => f.path === 'main.c')!;
    expect(c.functions.map((f) => [f.name, f.complexity])).toEqual([
      ['clamp', 4],
      ['main', 2],
    ]);
    const sh = analysis.files.find((f) => f.path === 'run')!;
    expect(sh.functions).toMatchObject([{ name: 'greet', complexity: 3 }]);
    expect(sh.topLevelComplexity).toBe(2);
  });

  it('records `from . import x` as the relative module .x', async () => {
    writeFileSync(join(root, 'rel.py'), 'from . import helpers\nfrom .models import Net\n');
    const again = await analyzeProject(root);
    expect(again.files.find((f) => f.path === 'rel.py')?.imports).toEqual(['.helpers', '.models']);
    expect(again.files.find((f) => f.path === 'rel.py')?.fromNames).toEqual(['.models.Net']);
    rmSync(join(root, 'rel.py'));
  });

  it('reads a file without extension or shebang as shell when a shell script sources it (git-sh-setup)', async () => {
    const at = join(root, 'tools');
    mkdirSync(at);
    writeFileSync(join(at, 'tool'), '#!/bin/sh\n. tool-setup\nsay hi\n');
    writeFileSync(
      join(at, 'tool-setup'),
      '# sourced by the tools\n. "$(dirname "$0")/tool-i18n"\nsay() { echo "$1"; }\n',
    );
    writeFileSync(join(at, 'tool-i18n'), 'gettext() { printf "%s" "$1"; }\n');
    writeFileSync(join(at, 'NOTES'), 'not sourced by anything\n');
    const again = await analyzeProject(root);
    const shell = again.files.filter((f) => f.path.startsWith('tools/')).map((f) => [f.path, f.language]);
    expect(shell.sort()).toEqual([
      ['tools/tool', 'shell'],
      ['tools/tool-i18n', 'shell'],
      ['tools/tool-setup', 'shell'],
    ]);
    expect(again.skipped).toBe(analysis.skipped + 1);
    rmSync(at, { recursive: true });
  });

  it('reads `for NAME do` (no `in`: the loop over "$@") as the loop POSIX says it is, not a syntax error', async () => {
    // tree-sitter-bash wants `;` or a newline before `do`; znew and zgrep write `for i do`.
    writeFileSync(
      join(root, 'each'),
      '#!/bin/sh\nshow() {\n  for arg do\n    . ./each-lib.sh\n    [ -n "$arg" ] && echo "$arg"\n  done\n}\nfor i  do echo "for j do $i"; done\nshow "$@"\n',
    );
    const again = await analyzeProject(root);
    const each = again.files.find((f) => f.path === 'each')!;
    expect(each.syntaxErrors).toBe(0);
    expect(each.functions).toMatchObject([
      { name: 'show', line: 2, endLine: 7, complexity: 3, loopDepth: 1 },
    ]);
    expect(each.topLevelComplexity).toBe(2);
    expect(each.imports).toEqual(['./each-lib.sh']);
    rmSync(join(root, 'each'));
  });

  it('reads a case pattern with a quoted blank after a glob (git-merge-resolve) and the `.` after it', async () => {
    // tree-sitter-bash errs on `?*' '?*)`; the ERROR region then swallowed the `. ./lib.sh` that follows.
    writeFileSync(
      join(root, 'resolve'),
      "#!/bin/sh\ncase \"$remotes\" in\n?*' '?*)\n\texit 2 ;;\nx*'a b'|?*'\t') echo two ;;\nesac\n. ./lib.sh\nfor a in 1 2; do echo \"$a\"; done\n",
    );
    const again = await analyzeProject(root);
    const resolve = again.files.find((f) => f.path === 'resolve')!;
    expect(resolve.syntaxErrors).toBe(0);
    expect(resolve.imports).toEqual(['./lib.sh']);
    expect(resolve.topLevelComplexity).toBe(4);
    rmSync(join(root, 'resolve'));
  });

  it("reads a calling-convention macro (expat's XMLCALL) as the word it is, not as syntax errors", async () => {
    // tree-sitter-c cannot expand macros: a lone word between a declaration's type and its name is an ERROR node.
    writeFileSync(
      join(root, 'handlers.c'),
      [
        'typedef void (XMLCALL *handler)(void *);',
        'static void XMLCALL start(void *data, const char *el) { (void)data; (void)el; }',
        'void XMLCALL declared(int x);',
        'API int exported(int x) { return x; }',
        'struct s { void (XMLCALL *fn)(void); };',
        // nettle's io.h: a format-attribute macro after a prototype; a bare one (NORETURN) too.
        'void werror(const char *format, ...) PRINTF_STYLE(1, 2);',
        'void die(int code) NORETURN;',
        // glibc's headers: several in a row.
        'extern int foo(const char *s) __THROW __nonnull((1));',
        'int broken(void) { int x = 1 +; return x; }',
        '',
      ].join('\n'),
    );
    const again = await analyzeProject(root);
    const handlers = again.files.find((f) => f.path === 'handlers.c')!;
    // Only `1 +;` is damage.
    expect(handlers.syntaxErrors).toBe(1);
    expect(handlers.functions.map((f) => f.name)).toEqual(['start', 'exported', 'broken']);
    rmSync(join(root, 'handlers.c'));
  });

  it('records the functions a C file calls by name, for the plan to link the files that define them', () => {
    expect(analysis.files.find((f) => f.path === 'main.c')!.calls).toEqual(['printf', 'clamp']);
    expect(analysis.files.find((f) => f.path === 'train.py')!.calls).toBeUndefined();
  });

  it('records imports, includes and sourced scripts', () => {
    expect(analysis.files.find((f) => f.path === 'train.py')?.imports).toEqual([
      'numpy',
      'pandas',
      'sklearn.ensemble',
    ]);
    expect(analysis.files.find((f) => f.path === 'main.c')?.imports).toEqual(['<stdio.h>', '"util.h"']);
    expect(analysis.files.find((f) => f.path === 'run')?.imports).toEqual(['./lib.sh']);
  });

  it('maps ML API calls through import aliases to stack components', () => {
    const byApi = Object.fromEntries(analysis.ml.map((m) => [m.api, m.component]));
    expect(byApi).toMatchObject({
      'numpy.dot': 'trueno',
      'pandas.read_csv': 'alimentar',
      'sklearn.ensemble.RandomForestClassifier': 'aprender',
    });
    expect(analysis.ml.find((m) => m.api === 'numpy.dot')).toMatchObject({ uses: 1, files: ['train.py'] });
  });

  it('reads dependency manifests', () => {
    const kinds = Object.fromEntries(analysis.manifests.map((m) => [m.kind, m.dependencies]));
    expect(kinds['requirements.txt']).toEqual(['numpy', 'scikit-learn']);
    expect(kinds['CMakeLists.txt']).toEqual(['OpenMP', 'm']);
  });

  it('grades clean code A and explains lower grades', () => {
    expect(analysis.debt.grade).toBe('A');
    expect(analysis.debt.reasons).toEqual([]);
  });

  it('rejects a missing path and a file with clear error codes', async () => {
    await expect(analyzeProject(join(root, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(analyzeProject(join(root, 'main.c'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(analyzeProject(root, { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
