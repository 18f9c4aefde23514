/**
 * End to end through the built `batuta` binary, strace on: a shell script that moves and removes files with
 * `mv` and `rm` (as gzip's zforce renames each compressed file to FILE.gz) is the same program as a translation
 * that renames and removes them itself; what the files become is still compared, so a translation that
 * renames to another name differs.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const write = (files: Record<string, string>) => writeFiles(project, files);
const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);

/** The translation, renaming to `FILE` + `suffix`. */
const rust = (suffix: string) =>
  [
    'fn main() {',
    '    for name in std::env::args().skip(1) {',
    `        std::fs::rename(&name, format!("{name}${suffix}")).unwrap();`,
    '        println!("{name} -- replaced");',
    '    }',
    '    std::fs::remove_file("stale").unwrap();',
    '}',
    '',
  ].join('\n');

beforeAll(() => {
  home = tempDir('batuta-file-utilities-e2e-');
  project = join(home, 'force');
  write({
    'force.sh':
      '#!/bin/sh\nfor i do\n  mv "$i" "$i.gz" && printf \'%s\\n\' "$i -- replaced"\ndone\nrm -f stale\n',
    packed: 'x\n',
    stale: 'old\n',
    'batuta.toml':
      '[[validation.cases]]\nname = "force"\nsource = "force.sh"\nargs = ["packed"]\nfiles = ["packed", "stale"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('a script that moves files with mv against a translation that renames them', {
  timeout: CARGO_TIMEOUT,
}, () => {
  it('behaves the same: the processes mv and rm are not counted, the renaming and removal are', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    expect(run('transpile', project, '--by', 'agent').code).toBe(1);
    write({ '.batuta/workspace/force/src/main.rs': rust('.gz') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.body['reason']).toBeUndefined();
    const summary = validated.body['summary'] as { strace: string; cases: Array<{ passed: boolean }> };
    expect(summary.strace).not.toMatch(/not found|disabled/);
    expect(summary.cases.map((c) => c.passed)).toEqual([true]);
  });

  it('differs when the translation renames to another name', () => {
    write({ '.batuta/workspace/force/src/main.rs': rust('.z') });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = runBatutaJson(['validate', project], home, RUST_ENV);
    expect(validated.code).toBe(1);
    expect(String(validated.body['reason'])).toContain(
      'force: file ./packed.gz exists only after the original program',
    );
  });
});
