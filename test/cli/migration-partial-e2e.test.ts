/**
 * End to end through the built `batuta` binary, as an agent translating a shell tool file by file: the
 * files translated so far are validated while the others wait (the gate stays shut, deploy refuses), status
 * and report say who translated each file, where it stands and the command for what is left; once every
 * file is written the same commands validate the whole project and the gate opens.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta, runBatutaJson } from './run-batuta.js';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from './rust-project.js';

let home: string;
let project: string;

const write = (files: Record<string, string>) => writeFiles(project, files);

const run = (...args: string[]) => runBatuta(args, home, RUST_ENV);
const json = (...args: string[]) => runBatutaJson(args, home, RUST_ENV);

beforeAll(() => {
  home = tempDir('batuta-partial-e2e-');
  project = join(home, 'greet');
  write({
    'lib.sh': 'shout() {\n  printf \'%s!\\n\' "$1"\n}\n',
    'hello.sh': '#!/bin/bash\n. "$(dirname "$0")/lib.sh"\nshout "hello $1"\n',
    'bye.sh': '#!/bin/bash\necho "bye $1"\n',
    'batuta.toml':
      '[[validation.cases]]\nname = "hello"\nsource = "hello.sh"\nargs = ["ann"]\n\n[[validation.cases]]\nname = "bye"\nsource = "bye.sh"\nargs = ["bob"]\n',
  });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('validating a migration file by file', { timeout: CARGO_TIMEOUT }, () => {
  it('refuses validation while no file is translated, naming the phase that has not passed', () => {
    expect(run('analyze', project).code).toBe(0);
    expect(run('plan', project).code).toBe(0);
    const waiting = json('transpile', project, '--by', 'agent');
    expect(waiting.code).toBe(1);
    expect((waiting.body['pending'] as Array<{ source: string }>).map((p) => p.source)).toEqual([
      'bye.sh',
      'lib.sh',
      'hello.sh',
    ]);
    expect(readFileSync(join(project, '.batuta/workspace/bye/TRANSLATE.md'), 'utf8')).toContain(
      `While other files still wait, \`batuta validate ${project}\` (\`migration_validate\`) already compares the`,
    );
    const refused = run('validate', project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('phase optimize has not run');
  });

  it('validates the one file translated, keeps the gate shut and says what is left and how', () => {
    write({
      '.batuta/workspace/bye/src/main.rs':
        'fn main() {\n    let who = std::env::args().nth(1).unwrap_or_default();\n    println!("bye {who}");\n}\n',
    });
    const transpiled = run('transpile', project);
    expect(transpiled.code).toBe(1);
    expect(transpiled.stdout).toContain(
      `again; to compare the 1 file done so far, run "batuta validate ${project}")`,
    );
    const partial = json('validate', project);
    expect(partial.code).toBe(1);
    expect(partial.body['reason']).toBe(
      `the 1 file translated so far (of 3) behaves the same; 2 files still wait for their translation: lib.sh, hello.sh (write each waiting file as its TRANSLATE.md says, then run "batuta transpile ${project}"; deploy needs every file validated)`,
    );
    const summary = partial.body['summary'] as Record<string, unknown>;
    expect(summary).toMatchObject({ partial: true, scope: ['bye.sh'], skipped: ['hello'] });
    expect(
      (summary['cases'] as Array<{ name: string; passed: boolean }>).map((c) => [c.name, c.passed]),
    ).toEqual([['bye', true]]);
    expect(run('deploy', project).stderr).toContain(
      `deploy: phase validate compared only the files translated so far (write each waiting file as its TRANSLATE.md says, then run "batuta transpile ${project}" first)`,
    );
    const status = run('status', project);
    expect(status.stdout).toContain('files: 1 of 3 validated\n');
    expect(status.stdout).toContain(
      `  hello.sh [waiting, by agent]: write .batuta/workspace/hello/src/main.rs (brief: its crate's TRANSLATE.md), then run "batuta transpile ${project}"`,
    );
    const report = run('report', project).stdout;
    expect(report).toContain('| 1 | bye.sh | agent | bye | same behaviour | - | - |');
    expect(report).toMatch(
      /\| 2 \| lib\.sh \| agent \| lib \| waiting \| write \.batuta\/workspace\/lib\/src\/lib\.rs/,
    );
  });

  it('validates the whole project once every file is written, and the gate opens', () => {
    write({
      '.batuta/workspace/lib/src/lib.rs': 'pub fn shout(text: &str) -> String {\n    format!("{text}!")\n}\n',
      '.batuta/workspace/hello/src/main.rs':
        'fn main() {\n    let who = std::env::args().nth(1).unwrap_or_default();\n    println!("{}", lib::shout(&format!("hello {who}")));\n}\n',
    });
    expect(run('transpile', project).code).toBe(0);
    expect(run('optimize', project).code).toBe(0);
    const validated = run('validate', project);
    expect(validated.stdout).toContain('validate: passed');
    expect(run('status', project).stdout).toContain('files: 3 of 3 validated\n');
  });
});
