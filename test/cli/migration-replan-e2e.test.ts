/**
 * End to end through the built `batuta` binary: a project changes while an agent translates it, and each
 * re-plan reaches the crates already prepared. A script that starts sourcing a new library gets that
 * library's crate as a dependency in its Cargo.toml; when a new file renames the library's crate (`io.c`
 * beside `io.sh`: `io` becomes `io-sh`), the unchanged script's Cargo.toml and brief follow, so the Rust the
 * brief asks for passes cargo build. A library the plan no longer sees imported (sourced through a variable)
 * leaves the Cargo.toml, but the same dependency written back by the agent stays through later re-plans.
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
const crateFile = (crate: string, file: string) =>
  readFileSync(join(project, '.batuta', 'workspace', crate, file), 'utf8');

/** analyze, plan and transpile by agent again, as after any change of the sources. */
function replan(): Array<{ source: string }> {
  expect(run('analyze', project).code).toBe(0);
  expect(run('plan', project).code).toBe(0);
  const transpiled = runBatutaJson(['transpile', project, '--by', 'agent'], home, RUST_ENV);
  return (transpiled.body['pending'] ?? []) as Array<{ source: string }>;
}

beforeAll(() => {
  home = tempDir('batuta-replan-e2e-');
  project = join(home, 'tool');
  write({ 'tool.sh': '#!/bin/sh\necho "hi $1"\n' });
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('re-planning a project an agent is translating', { timeout: CARGO_TIMEOUT }, () => {
  it("adds a library the script starts to source to its crate's Cargo.toml", () => {
    expect(replan().map((p) => p.source)).toEqual(['tool.sh']);
    expect(crateFile('tool', 'Cargo.toml')).not.toContain('[dependencies]');
    write({ 'tool.sh': '#!/bin/sh\n. ./io.sh\nshout "hi $1"\n', 'io.sh': 'shout() { echo "$1!"; }\n' });
    expect(replan().map((p) => p.source)).toEqual(['io.sh', 'tool.sh']);
    expect(crateFile('tool', 'Cargo.toml')).toContain(
      '\n[dependencies]\nio = { path = "../io" } # batuta: the plan\'s import of io.sh\n',
    );
    expect(crateFile('tool', 'TRANSLATE.md')).toContain('`io` (from io.sh, `use io::…`)');
  });

  it("follows a library crate's new name into the unchanged script's Cargo.toml and brief", () => {
    write({ 'io.c': 'int main(void) {\n  return 0;\n}\n' });
    expect(replan().map((p) => p.source)).toEqual(['io.c', 'io.sh', 'tool.sh']);
    const manifest = crateFile('tool', 'Cargo.toml');
    expect(manifest).toContain(
      '\n[dependencies]\nio-sh = { path = "../io-sh" } # batuta: the plan\'s import of io.sh\n',
    );
    expect(manifest).not.toContain('"../io"');
    expect(crateFile('tool', 'TRANSLATE.md')).toContain('`io-sh` (from io.sh, `use io_sh::…`)');
    write({
      '.batuta/workspace/io-sh/src/lib.rs':
        'pub fn shout(text: &str) -> String {\n    format!("{text}!")\n}\n',
      '.batuta/workspace/tool/src/main.rs':
        'fn main() {\n    let who = std::env::args().nth(1).unwrap_or_default();\n    println!("{}", io_sh::shout(&format!("hi {who}")));\n}\n',
    });
    const transpiled = runBatutaJson(['transpile', project], home, RUST_ENV);
    expect(transpiled.body['pending']).toEqual([expect.objectContaining({ source: 'io.c' })]);
    expect((transpiled.body['summary'] as { translated: string[] }).translated).toEqual(['io.sh', 'tool.sh']);
  });

  it('keeps a sibling dependency the agent added by hand for an import the plan does not see', () => {
    write({ 'tool.sh': '#!/bin/sh\nlib=./io.sh\n. "$lib"\nshout "hi $1"\n' });
    expect(replan().map((p) => p.source)).toEqual(['io.c', 'tool.sh']);
    const planned = crateFile('tool', 'Cargo.toml');
    expect(planned).not.toContain('io-sh');
    expect(crateFile('tool', 'TRANSLATE.md')).toContain('add it to Cargo.toml or build.rs. batuta keeps');
    const main = crateFile('tool', 'src/main.rs');
    write({
      '.batuta/workspace/tool/Cargo.toml': planned.replace(
        '[dependencies]\n',
        '[dependencies]\nio-sh = { path = "../io-sh" }\n',
      ),
      '.batuta/workspace/tool/src/main.rs': main.slice(main.indexOf('\n') + 1),
    });
    const transpiled = runBatutaJson(['transpile', project], home, RUST_ENV);
    expect((transpiled.body['summary'] as { translated: string[] }).translated).toContain('tool.sh');
    expect(replan().map((p) => p.source)).toEqual(['io.c']);
    expect(crateFile('tool', 'Cargo.toml')).toContain('\n[dependencies]\nio-sh = { path = "../io-sh" }\n');
  });
});
