import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../src/errors.js';
import { crateName, planMigration } from '../../src/migration/plan.js';
import type { Analysis, FileAnalysis } from '../../src/migration/types.js';
import type { Recommendation } from '../../src/oracle/types.js';

function file(path: string, over: Partial<FileAnalysis> = {}): FileAnalysis {
  const language = path.endsWith('.py') ? 'python' : path.endsWith('.sh') ? 'shell' : 'c';
  return {
    path,
    language,
    lines: 10,
    codeLines: 8,
    functions: [],
    topLevelComplexity: 1,
    imports: [],
    apiUses: [],
    syntaxErrors: 0,
    ...over,
  };
}

function analysis(files: FileAnalysis[]): Analysis {
  return {
    root: '/p',
    languages: [],
    files,
    ml: [],
    manifests: [],
    debt: { grade: 'A', score: 100, reasons: [] },
    skipped: 0,
  };
}

/** One Python file using numpy.dot, with the analysis' mapping of it to trueno. */
function numpyAnalysis(path: string): Analysis {
  const ml = [
    {
      library: 'numpy',
      api: 'numpy.dot',
      component: 'trueno',
      replacement: 'matmul',
      uses: 1,
      files: [path],
    },
  ];
  return { ...analysis([file(path, { apiUses: [{ api: 'numpy.dot', line: 1 }] })]), ml };
}

describe('planMigration', () => {
  it('orders files after the project files they import', () => {
    const plan = planMigration(
      analysis([
        file('app/main.py', { imports: ['app.models', '.util'] }),
        file('app/models.py', { imports: ['numpy'], apiUses: [{ api: 'numpy.dot', line: 3 }] }),
        file('app/util.py'),
        file('run.sh', { imports: ['./lib.sh'] }),
        file('lib.sh'),
      ]),
    );
    const order = plan.modules.map((m) => m.path);
    expect(order.indexOf('app/models.py')).toBeLessThan(order.indexOf('app/main.py'));
    expect(order.indexOf('app/util.py')).toBeLessThan(order.indexOf('app/main.py'));
    expect(order.indexOf('lib.sh')).toBeLessThan(order.indexOf('run.sh'));
    const main = plan.modules.find((m) => m.path === 'app/main.py')!;
    expect(main).toMatchObject({
      transpiler: 'depyler',
      crate: 'app-main',
      dependsOn: ['app/models.py', 'app/util.py'],
    });
    expect(plan.modules.find((m) => m.path === 'app/models.py')?.crates).toEqual(['trueno']);
    expect(plan.modules.find((m) => m.path === 'run.sh')?.transpiler).toBe('bashrs');
    expect(plan.transpilers.map((t) => t.install).sort()).toEqual([
      'cargo install bashrs',
      'cargo install depyler',
    ]);
  });

  it('follows `from . import x` to a sibling module', () => {
    const plan = planMigration(
      analysis([file('pkg/app.py', { imports: ['.helpers'] }), file('pkg/helpers.py')]),
    );
    expect(plan.modules.map((m) => m.path)).toEqual(['pkg/helpers.py', 'pkg/app.py']);
  });

  it('follows imports that name the project folder when the folder is itself a package', () => {
    const root = { ...analysis([]), root: '/src/crcgen' };
    const plan = planMigration({
      ...root,
      files: [
        file('__init__.py', { imports: ['crcgen.core'] }),
        file('core.py', { imports: ['crcgen._tables', 'sys'] }),
        file('_tables.py'),
      ],
    });
    expect(plan.modules.map((m) => [m.path, m.dependsOn])).toEqual([
      ['_tables.py', []],
      ['core.py', ['_tables.py']],
      ['__init__.py', ['core.py']],
    ]);
  });

  it('does not read the folder name as a package without an __init__.py', () => {
    const plan = planMigration({
      ...analysis([file('core.py', { imports: ['scripts.tables'] }), file('tables.py')]),
      root: '/home/me/scripts',
    });
    expect(plan.modules.find((m) => m.path === 'core.py')?.dependsOn).toEqual([]);
  });

  it('reads imports of a package whose folder carries a suffix (pkg-1.2, certifi-main) as that package', () => {
    const plan = planMigration({
      ...analysis([
        file('__init__.py', { imports: ['.core'] }),
        file('core.py'),
        file('__main__.py', { imports: ['pkg', 'pkg.core', 'pkg.gone', 'os.path'] }),
      ]),
      root: '/src/pkg-1.2',
    });
    const main = plan.modules.find((m) => m.path === '__main__.py')!;
    expect(main.dependsOn).toEqual(['__init__.py', 'core.py']);
    expect(main.unresolved).toEqual(['pkg.gone']);
    expect(plan.notes.join('\n')).toMatch(/"pkg-1\.2".*imported as `pkg`/);
  });

  it('does not read a longer word as the folder package (osutils does not make `import os` local)', () => {
    const plan = planMigration({
      ...analysis([file('__init__.py'), file('walk.py', { imports: ['os', 'os.path'] })]),
      root: '/src/osutils',
    });
    expect(plan.modules.find((m) => m.path === 'walk.py')).toMatchObject({ dependsOn: [], unresolved: [] });
  });

  it('records the local imports it found no project file for: headers, sourced files, relative and own-package imports', () => {
    const plan = planMigration({
      ...analysis([
        file('enc.c', { imports: ['<stdio.h>', '"config.h"', '"io.h"'] }),
        file('io.h'),
        file('run.sh', { imports: ['./lib/missing.sh', '"$(dirname "$0")"/here.sh'] }),
        file('here.sh'),
        file('app/__init__.py', { imports: ['.where'] }),
        file('app/cli.py', { imports: ['app.nothing', 'json', '.', '.gone.deeper'] }),
      ]),
    });
    const unresolved = Object.fromEntries(plan.modules.map((m) => [m.path, m.unresolved]));
    expect(unresolved).toEqual({
      'enc.c': ['"config.h"'],
      'io.h': [],
      'run.sh': ['./lib/missing.sh'],
      'here.sh': [],
      'app/__init__.py': [],
      'app/cli.py': ['app.nothing', '.gone.deeper'],
    });
  });

  it("tells a quoted include found on the compiler's include path (a system header) from one that is missing", () => {
    const found = (path: string, library = 'unknown', link: string[] = [], cLibrary = false) => ({
      path,
      library,
      link,
      cLibrary,
    });
    const onPath: Record<string, ReturnType<typeof found>> = {
      'zlib.h': found('/usr/include/zlib.h', 'zlib1g-dev', ['-lz']),
      'io.h': found('/usr/include/io.h'),
      'api.h': found('/p/include/api.h'),
      'stdio.h': found('/usr/include/stdio.h', 'libc6-dev', [], true),
    };
    const plan = planMigration(
      analysis([
        file('zpipe.c', { imports: ['<stdio.h>', '"zlib.h"', '"config.h"', '"io.h"', '"api.h"'] }),
        file('include/api.h'),
        file('gzlog.c', { imports: ['"zlib.h"'] }),
        file('io.h'),
      ]),
      undefined,
      {},
      (header) => onPath[header],
    );
    const unresolved = Object.fromEntries(plan.modules.map((m) => [m.path, m.unresolved]));
    // The project's own io.h comes first, as the compiler searches the including file's folder first.
    expect(unresolved).toEqual({ 'zpipe.c': ['"config.h"'], 'gzlog.c': [], 'io.h': [], 'include/api.h': [] });
    // A project folder on the include path (c_flags -Iinclude) holds project files: a dependency.
    expect(plan.modules.find((m) => m.path === 'zpipe.c')?.dependsOn).toEqual(['include/api.h', 'io.h']);
    expect(plan.notes).toContain(
      'quoted includes that are no file of the project but headers on the compiler\'s include path, read like <…> includes (a library the program links, not a file to write): "zlib.h" in gzlog.c, zpipe.c (/usr/include/zlib.h)',
    );
    expect(plan.notes?.find((n) => n.includes('names no file of the project'))).toContain(
      'zpipe.c: "config.h"',
    );
    // Each file lists the system and library headers it includes, quoted or angle, with what provides them.
    expect(plan.modules.find((m) => m.path === 'zpipe.c')?.headers).toEqual([
      { include: '<stdio.h>', ...onPath['stdio.h'] },
      { include: '"zlib.h"', ...onPath['zlib.h'] },
    ]);
    expect(plan.modules.find((m) => m.path === 'io.h')?.headers).toEqual([]);
  });

  it("names a package's __init__.py and __main__.py crates after the package", () => {
    const plan = planMigration({
      ...analysis([
        file('__init__.py'),
        file('__main__.py', { imports: ['certifi'] }),
        file('cli/__init__.py'),
        file('cli/main.py'),
        file('tool/__main__.py'),
      ]),
      root: '/src/certifi-2024.7.4',
    });
    expect(Object.fromEntries(plan.modules.map((m) => [m.path, m.crate]))).toEqual({
      '__init__.py': 'certifi',
      '__main__.py': 'certifi-main',
      'cli/__init__.py': 'cli',
      'cli/main.py': 'cli-main',
      'tool/__main__.py': 'tool',
    });
  });

  it('follows `from pkg import sub` to the submodule when the project has one, and to the package otherwise', () => {
    const plan = planMigration(
      analysis([
        file('wheel/bdist.py', {
          imports: ['.vendored.packaging', 'wheel.cli'],
          fromNames: ['.vendored.packaging.tags', '.vendored.packaging.Version', 'wheel.cli.WheelError'],
        }),
        file('wheel/vendored/packaging/__init__.py'),
        file('wheel/vendored/packaging/tags.py'),
        file('wheel/cli.py'),
      ]),
    );
    expect(plan.modules.find((m) => m.path === 'wheel/bdist.py')).toMatchObject({
      dependsOn: ['wheel/cli.py', 'wheel/vendored/packaging/__init__.py', 'wheel/vendored/packaging/tags.py'],
      unresolved: [],
    });
  });

  it('resolves quoted C includes, not system headers', () => {
    const plan = planMigration(
      analysis([file('src/main.c', { imports: ['<stdio.h>', '"util.h"'] }), file('src/util.h')]),
    );
    expect(plan.modules.map((m) => m.path)).toEqual(['src/util.h', 'src/main.c']);
    expect(plan.modules[1]?.transpiler).toBe('decy');
  });

  it('makes a C file that includes a header depend on the file that implements it, each in its own crate', () => {
    const plan = planMigration(
      analysis([
        file('enc.c', { imports: ['<stdio.h>', '"io.h"'] }),
        file('io.c', { imports: ['"io.h"'] }),
        file('io.h'),
      ]),
    );
    expect(plan.modules.map((m) => [m.path, m.crate, m.dependsOn])).toEqual([
      ['io.h', 'io-h', []],
      ['io.c', 'io-c', ['io.h']],
      ['enc.c', 'enc', ['io.c', 'io.h']],
    ]);
  });

  it('makes a C file depend on the project file without main that defines a function it calls', () => {
    // nettle's examples: io.h declares read_rsa_key, which read_rsa_key.c (not io.c) defines.
    const fn = (name: string) => ({
      name,
      line: 1,
      endLine: 2,
      complexity: 1,
      loopDepth: 0,
      loopArithmetic: 0,
    });
    const plan = planMigration(
      analysis([
        file('rsa-sign.c', {
          imports: ['"io.h"'],
          functions: [fn('main'), fn('usage')],
          calls: ['werror', 'read_rsa_key', 'usage', 'printf'],
        }),
        file('read_rsa_key.c', {
          imports: ['"io.h"'],
          functions: [fn('read_rsa_key')],
          calls: ['read_file'],
        }),
        file('io.c', { imports: ['"io.h"'], functions: [fn('werror'), fn('read_file')], calls: [] }),
        file('io.h'),
        // A program's usage() (tool.c has main) and one rsa-sign.c defines itself: neither is a dependency.
        file('tool.c', { functions: [fn('main'), fn('usage')], calls: [] }),
        file('helpers.c', { functions: [fn('usage')], calls: [] }),
      ]),
    );
    expect(Object.fromEntries(plan.modules.map((m) => [m.path, m.dependsOn]))).toEqual({
      'io.h': [],
      'io.c': ['io.h'],
      'read_rsa_key.c': ['io.c', 'io.h'],
      'rsa-sign.c': ['io.c', 'io.h', 'read_rsa_key.c'],
      'tool.c': [],
      'helpers.c': [],
    });
  });

  it("never names a crate after one of Rust's own, which its dependents could no longer reach", () => {
    const plan = planMigration(
      analysis([file('core.py'), file('alloc.c'), file('test', { language: 'shell' }), file('io.py')]),
    );
    expect(plan.modules.map((m) => m.crate).sort()).toEqual(['alloc-c', 'core-py', 'io', 'm-test']);
  });

  it('follows a shell script sourcing a file beside itself through its own folder', () => {
    const plan = planMigration(
      analysis([
        file('bin/tool', { language: 'shell', imports: ['\u0024{script_path%/*}/../libexec/tool-lib'] }),
        file('bin/other', { language: 'shell', imports: ['"$(dirname "$0")"/common.sh'] }),
        file('bin/common.sh'),
        file('libexec/tool-lib', { language: 'shell' }),
      ]),
    );
    const deps = Object.fromEntries(plan.modules.map((m) => [m.path, m.dependsOn]));
    expect(deps['bin/tool']).toEqual(['libexec/tool-lib']);
    expect(deps['bin/other']).toEqual(['bin/common.sh']);
  });

  it('puts a file that imports a cycle after the whole cycle, and does not call it part of the cycle', () => {
    const plan = planMigration(
      analysis([
        file('__main__.py', { imports: ['.cli'] }),
        file('cli.py', { imports: ['.files'] }),
        file('files.py', { imports: ['.cli', '.util'] }),
        file('util.py'),
      ]),
    );
    expect(plan.modules.map((m) => [m.path, m.risks.some((r) => r.includes('import cycle'))])).toEqual([
      ['util.py', false],
      ['cli.py', true],
      ['files.py', true],
      ['__main__.py', false],
    ]);
  });

  it('flags cycles, complex functions and trained models as risks', () => {
    const plan = planMigration(
      analysis([
        file('a.py', {
          imports: ['b'],
          functions: [{ name: 'big', line: 4, endLine: 90, complexity: 14, loopDepth: 1, loopArithmetic: 0 }],
        }),
        file('b.py', { imports: ['a'], apiUses: [{ api: 'sklearn.cluster.KMeans', line: 2 }] }),
      ]),
    );
    const risks = plan.modules.flatMap((m) => m.risks).join('\n');
    expect(risks).toMatch(/import cycle/);
    expect(risks).toMatch(/big \(line 4\) has complexity 14/);
    expect(risks).toMatch(/sklearn\.cluster\.KMeans/);
    expect(plan.modules.map((m) => m.order)).toEqual([1, 2]);
  });
});

describe('oracle recommendations', () => {
  it('asks the oracle about the project and adds its picks beside the mapping table', () => {
    const asked: string[] = [];
    const oracle = {
      answer(question: string): Recommendation {
        asked.push(question);
        return {
          primary: { component: 'aprender', rationale: 'classical ML in Rust' },
          supporting: [{ component: 'alimentar', rationale: 'loads the CSV data' }],
        } as unknown as Recommendation;
      },
    };
    const plan = planMigration(numpyAnalysis('train.py'), () => oracle);
    expect(asked).toEqual(['migrate python code that uses numpy to Rust']);
    expect(plan.recommendations).toEqual([
      { component: 'trueno', reason: 'replaces numpy.dot → matmul', source: 'mapping' },
      { component: 'aprender', reason: 'classical ML in Rust', source: 'oracle' },
      { component: 'alimentar', reason: 'loads the CSV data', source: 'oracle' },
    ]);
  });

  it('works without an oracle from the mapping table alone', () => {
    const plan = planMigration(analysis([file('a.sh')]));
    expect(plan.recommendations).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it('plans from the mapping table when the oracle cannot be built, and says why in the notes', () => {
    const damaged = new InvalidDataError('oracle: the learned model /m.bin is damaged (run npm run build)');
    const plan = planMigration(numpyAnalysis('t.py'), () => {
      throw damaged;
    });
    expect(plan.recommendations.map((r) => r.source)).toEqual(['mapping']);
    expect(plan.notes).toHaveLength(1);
    expect(plan.notes[0]).toContain(damaged.message);
    expect(plan.notes[0]).toContain('mapping table');
  });

  it('does not hide a bug in the oracle behind a note', () => {
    const broken = () => {
      throw new TypeError('not a function');
    };
    expect(() => planMigration(analysis([file('a.py')]), broken)).toThrow(TypeError);
  });

  it('builds the oracle only when there is source to ask about', () => {
    let built = 0;
    const count = () => {
      built += 1;
      return { answer: () => ({ primary: null, supporting: [] }) as unknown as Recommendation };
    };
    planMigration(analysis([]), count);
    expect(built).toBe(0);
    planMigration(analysis([file('a.py')]), count);
    expect(built).toBe(1);
  });
});

describe('crateName', () => {
  it('makes valid Cargo package names from paths', () => {
    expect(crateName('pkg/io_utils.py')).toBe('pkg-io-utils');
    expect(crateName('2fast.sh')).toBe('m-2fast');
  });
});
