/**
 * Dependencies an agent declares with a translation (declared-dependencies.ts): a sibling project crate by path,
 * a system library to link, a crates.io crate with a version requirement. Each is checked strictly (one-line
 * errors naming the problem and the fix), written with batuta's mark and read back for the brief and status.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLibraries } from '../../src/migration/agent.js';
import {
  checkDependencies,
  type Dependency,
  declaredIn,
  describeDependency,
  goneReason,
  linkScript,
  withDeclared,
  withoutGoneCrates,
} from '../../src/migration/declared-dependencies.js';
import { writeFiles } from '../cli/rust-project.js';
import { tempDir } from '../temp-dirs.js';

let root: string;
let libraries: string;
const crateToml = (name: string, lib = true) =>
  `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n${lib ? '[lib]\npath = "src/lib.rs"\n' : `[[bin]]\nname = "${name}"\npath = "src/main.rs"\n`}`;

beforeAll(() => {
  root = tempDir('batuta-declared-dependencies-');
  libraries = join(root, 'syslib');
  writeFiles(root, {
    '.batuta/workspace/tool/Cargo.toml': crateToml('tool', false),
    '.batuta/workspace/tool/src/main.rs': 'fn main() {}\n',
    '.batuta/workspace/io-sh/Cargo.toml': crateToml('io-sh'),
    '.batuta/workspace/io-sh/src/lib.rs': '',
    '.batuta/workspace/other/Cargo.toml': crateToml('other', false),
    '.batuta/workspace/other/src/main.rs': 'fn main() {}\n',
    'rust/textkit/Cargo.toml': '[package]\nname = "textkit"\nversion = "0.2.0"\nedition = "2021"\n',
    'rust/textkit/src/lib.rs': '',
    'syslib/libnettle.so': '',
    'syslib/libgmp.a': '',
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = (list: unknown[]) => checkDependencies(root, 'tool', list as Dependency[], [libraries]);

describe('checkDependencies', () => {
  it('accepts a workspace crate, a project crate by path, a system library and a crates.io crate', () => {
    expect(
      check([
        { kind: 'project', name: 'io-sh' },
        { kind: 'project', name: 'textkit', path: 'rust/textkit' },
        { kind: 'system', name: 'nettle' },
        { kind: 'system', name: 'gmp' },
        { kind: 'registry', name: 'serde', version: '^1.0', features: ['derive'] },
      ]),
    ).toEqual([
      { kind: 'project', name: 'io-sh', path: '.batuta/workspace/io-sh' },
      { kind: 'project', name: 'textkit', path: 'rust/textkit' },
      { kind: 'system', name: 'nettle' },
      { kind: 'system', name: 'gmp' },
      { kind: 'registry', name: 'serde', version: '^1.0', features: ['derive'] },
    ]);
  });

  it('takes every version requirement Cargo takes', () => {
    for (const version of [
      '1',
      '1.2',
      '1.2.3',
      '^1.2',
      '~0.4.3',
      '=1.0.0-beta.1',
      '>=1.2, <2',
      '1.*',
      '*',
      '0.2.*',
    ]) {
      expect(check([{ kind: 'registry', name: 'libc', version }])).toHaveLength(1);
    }
  });

  it.each([
    [{ kind: 'project', name: 'io_sh' }, /"io_sh" is not a crate of the workspace \(give its folder as path/],
    [{ kind: 'project', name: 'x', path: '../elsewhere' }, /path "\.\.\/elsewhere" is outside the project/],
    [{ kind: 'project', name: 'x', path: '/usr/lib' }, /path "\/usr\/lib" is not relative to the project/],
    [
      { kind: 'project', name: 'wrong', path: 'rust/textkit' },
      /rust\/textkit holds the crate "textkit", not "wrong"/,
    ],
    [{ kind: 'project', name: 'tool' }, /"tool" is the crate this translation is written into/],
    [{ kind: 'project', name: 'other' }, /"other" is a program \(no library target\)/],
    [{ kind: 'system', name: '-lnettle' }, /give the library's name without -l or lib \("nettle"\)/],
    [
      { kind: 'system', name: 'zzbatuta' },
      /system library "zzbatuta" is not installed \(no libzzbatuta\.so or libzzbatuta\.a/,
    ],
    [
      { kind: 'registry', name: 'serde' },
      /crates\.io crate "serde" needs a version requirement \(e\.g\. version: "1"\)/,
    ],
    [{ kind: 'registry', name: 'serde', version: 'latest' }, /"latest" is not a Cargo version requirement/],
    [
      { kind: 'registry', name: 'serde', version: '1.0.x.y' },
      /"1\.0\.x\.y" is not a Cargo version requirement/,
    ],
    [{ kind: 'registry', name: '9lives', version: '1' }, /"9lives" is not a crates\.io crate name/],
    [
      { kind: 'registry', name: 'serde', version: '1', features: ['de rive'] },
      /feature "de rive" of serde is not a feature name/,
    ],
    [
      { kind: 'system', name: 'nettle', version: '1' },
      /version and features apply to crates\.io crates only/,
    ],
    [{ kind: 'registry', name: 'serde', version: '1', path: 'x' }, /path applies to project crates only/],
  ])('refuses %j in one line naming the problem and the fix', (dependency, message) => {
    let thrown: unknown;
    try {
      check([dependency]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    expect((thrown as Error).message).toMatch(/^translation: dependency /);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('refuses a name declared twice', () => {
    expect(() =>
      check([
        { kind: 'system', name: 'nettle' },
        { kind: 'system', name: 'nettle' },
      ]),
    ).toThrow(/"nettle" is declared twice \(declare each once\)/);
  });
});

const HEAD = crateToml('tool', false);
const PLANNED = 'io-sh = { path = "../io-sh" } # batuta: the plan\'s import of io.sh';
const DECLARED: Dependency[] = [
  { kind: 'project', name: 'textkit', path: 'rust/textkit' },
  { kind: 'system', name: 'nettle' },
  { kind: 'registry', name: 'serde', version: '^1.0', features: ['derive'] },
];

describe('withDeclared and declaredIn', () => {
  it('writes the crates into [dependencies] with their mark, and reads them back with the linked libraries', () => {
    const manifest = withDeclared(`${HEAD}\n[dependencies]\n${PLANNED}\n`, 'tool', DECLARED, 'tool.sh');
    expect(manifest).toBe(
      `${HEAD}\n[dependencies]\n${PLANNED}\n` +
        'textkit = { path = "../../../rust/textkit" } # batuta: declared with the translation of tool.sh\n' +
        'serde = { version = "^1.0", features = ["derive"] } # batuta: declared with the translation of tool.sh\n',
    );
    expect(linkScript(DECLARED, 'tool.sh')).toContain('println!("cargo:rustc-link-lib=nettle");');
    expect(declaredIn(manifest, 'tool', linkScript(DECLARED, 'tool.sh'))).toEqual(DECLARED);
    expect(DECLARED.map(describeDependency)).toEqual([
      'textkit (project crate, rust/textkit)',
      'nettle (system library, linked by build.rs)',
      'serde ^1.0 with derive (crates.io)',
    ]);
  });

  it("replaces what an earlier submission declared, keeping the plan's lines and the agent's own", () => {
    const first = withDeclared(
      `${HEAD}\n[dependencies]\n${PLANNED}\nlibc = "0.2"\n`,
      'tool',
      DECLARED,
      'tool.sh',
    );
    const second = withDeclared(first, 'tool', [{ kind: 'system', name: 'nettle' }], 'tool.sh');
    expect(second).toBe(`${HEAD}\n[dependencies]\n${PLANNED}\nlibc = "0.2"\n`);
    expect(withDeclared(HEAD, 'tool', DECLARED.slice(2), 'tool.sh')).toBe(
      `${HEAD}\n[dependencies]\nserde = { version = "^1.0", features = ["derive"] } # batuta: declared with the translation of tool.sh\n`,
    );
    expect(linkScript([], 'tool.sh')).toBeUndefined();
  });

  it('keeps the declared crates through a re-plan, which rewrites only its own lines', () => {
    const manifest = withDeclared(`${HEAD}\n[dependencies]\n${PLANNED}\n`, 'tool', DECLARED, 'tool.sh');
    const replanned = withLibraries(manifest, []);
    expect(declaredIn(replanned, 'tool', undefined)).toEqual([DECLARED[0], DECLARED[2]]);
    expect(replanned).not.toContain('io-sh');
  });

  it('takes out a declared project crate whose folder is gone, and says how to declare it again', () => {
    const declared: Dependency[] = [
      { kind: 'project', name: 'words', path: '.batuta/workspace/words' },
      ...DECLARED,
    ];
    const manifest = withDeclared(`${HEAD}\n[dependencies]\n${PLANNED}\n`, 'tool', declared, 'tool.sh');
    // words has no folder (a re-plan set it aside): cargo could not load the workspace with it.
    const { manifest: kept, gone } = withoutGoneCrates(root, 'tool', manifest);
    expect(gone).toEqual([{ kind: 'project', name: 'words', path: '.batuta/workspace/words' }]);
    expect(declaredIn(kept, 'tool', undefined)).toEqual([DECLARED[0], DECLARED[2]]);
    expect(kept).toContain(PLANNED);
    expect(withoutGoneCrates(root, 'tool', kept)).toEqual({ manifest: kept, gone: [] });
    expect(goneReason(gone)).toBe(
      "its declared dependency words (.batuta/workspace/words) has no Cargo.toml any more, so batuta took it out of Cargo.toml (declare the crate under its new name or path in migration_submit_translation's dependencies, or write the code without it)",
    );
  });
});
