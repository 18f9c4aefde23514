/**
 * End to end over stdio with the built CLI's MCP server: an agent writes only the one Rust file, so it declares
 * the crate's dependencies with migration_submit_translation — a Rust crate the project holds (by path) and a
 * system library to link (libm, through the build.rs batuta writes). A malformed declaration is refused in one
 * line before anything is written; a crates.io crate this offline machine cannot fetch fails the submission's
 * build with a clear message at once, as does an extern function nothing links (the submission links); the declared ones are shown in the brief and the status, kept through a re-plan and
 * by a submission that declares none, and the crate validates and deploys with them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from '../cli/rust-project.js';
import { errorCodeOf, tempDir, textOf } from './harness.js';
import { projectServer, startAgentMigration } from './stdio-project.js';

const CODE = [
  'extern "C" {',
  '    fn cos(x: f64) -> f64;',
  '}',
  '',
  'fn main() {',
  '    let name = std::env::args().nth(1).unwrap_or_default();',
  '    println!("{}", textkit::shout(&name));',
  '    println!("{}", unsafe { cos(0.0) });',
  '}',
  '',
].join('\n');

const DECLARED = [
  { kind: 'project', name: 'textkit', path: 'rust/textkit' },
  { kind: 'system', name: 'm' },
];

describe('dependencies declared with a translation, over stdio', { timeout: CARGO_TIMEOUT }, () => {
  let home: ReturnType<typeof tempDir>;
  let project: string;
  let client: Client;
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args }, { timeout: CARGO_TIMEOUT });
  const crateFile = (file: string) => readFileSync(join(project, '.batuta/workspace/tool', file), 'utf8');
  beforeAll(async () => {
    home = tempDir('batuta-e2e-dependencies-');
    project = join(home.path, 'tool');
    writeFiles(project, {
      'tool.sh': ['#!/bin/bash', `echo "$\{1^^}"`, 'echo 1', ''].join('\n'),
      'rust/textkit/Cargo.toml': '[package]\nname = "textkit"\nversion = "0.1.0"\nedition = "2021"\n',
      'rust/textkit/src/lib.rs': 'pub fn shout(text: &str) -> String {\n    text.to_uppercase()\n}\n',
      'batuta.toml': '[[validation.cases]]\nname = "ann"\nsource = "tool.sh"\nargs = ["ann"]\n',
    });
    client = new Client({ name: 'e2e-dependencies', version: '1.0.0' });
    await client.connect(
      projectServer(project, { HOME: home.path, ...RUST_ENV, BATUTA_DB: join(home.path, 'i.db') }),
    );
    await startAgentMigration(call);
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('refuses a malformed declaration in one line, writing nothing', async () => {
    const refused = await call('migration_submit_translation', {
      source: 'tool.sh',
      code: CODE,
      dependencies: [{ kind: 'registry', name: 'serde', version: 'latest' }],
    });
    expect(errorCodeOf(refused)).toBe('INVALID_INPUT');
    expect(textOf(refused)).toMatch(
      /^migration_submit_translation: translation: dependency "serde": "latest" is not a Cargo version requirement \(write one such as "1"/,
    );
    expect(textOf(refused)).not.toContain('\n');
    expect(crateFile('src/main.rs')).toContain('batuta: translation pending');
    const outside = await call('migration_submit_translation', {
      source: 'tool.sh',
      code: CODE,
      dependencies: [{ kind: 'project', name: 'textkit', path: '../../etc' }],
    });
    expect(textOf(outside)).toContain('path "../../etc" is outside the project');
  });

  it('fails the submission at once, saying so, for a crates.io crate this offline machine cannot fetch', async () => {
    const offline = await call('migration_submit_translation', {
      source: 'tool.sh',
      code: CODE,
      dependencies: [...DECLARED, { kind: 'registry', name: 'batuta-no-such-crate', version: '^1.2' }],
    });
    expect(offline.structuredContent).toMatchObject({ passed: false });
    expect(textOf(offline)).toContain(
      "crate batuta-no-such-crate (a dependency of tool) is not in cargo's offline cache, and this machine builds offline",
    );
    expect(crateFile('Cargo.toml')).toContain(
      'batuta-no-such-crate = { version = "^1.2" } # batuta: declared with the translation of tool.sh',
    );
  });

  it('links at submission, so a library an extern block needs and nothing links fails at once', async () => {
    const unlinked = await call('migration_submit_translation', {
      source: 'tool.sh',
      code: CODE.replace(
        'fn cos(x: f64) -> f64;',
        'fn cos(x: f64) -> f64;\n    fn batuta_nowhere() -> i32;',
      ).replace(
        'println!("{}", unsafe { cos(0.0) });',
        'println!("{} {}", unsafe { cos(0.0) }, unsafe { batuta_nowhere() });',
      ),
      dependencies: DECLARED,
    });
    expect(unlinked.structuredContent).toMatchObject({ passed: false });
    expect(textOf(unlinked)).toContain('cargo build FAILED (1 error).');
    expect(textOf(unlinked)).toContain(
      '- error: the linker found no definition of batuta_nowhere (link the library that defines them: over MCP declare it',
    );
  });

  it('writes the declared crate and library, shows them, keeps them, and builds with them', async () => {
    const submitted = await call('migration_submit_translation', {
      source: 'tool.sh',
      code: CODE,
      dependencies: DECLARED,
    });
    expect(submitted.structuredContent).toMatchObject({ passed: true, dependencies: DECLARED });
    expect(textOf(submitted)).toContain(
      'Dependencies: textkit (project crate, rust/textkit); m (system library, linked by build.rs).',
    );
    expect(crateFile('Cargo.toml')).not.toContain('batuta-no-such-crate');
    expect(crateFile('build.rs')).toContain('println!("cargo:rustc-link-lib=m");');
    expect((await call('migration_transpile')).structuredContent).toMatchObject({ status: 'passed' });
    const prompt = await client.getPrompt({
      name: 'translate_file',
      arguments: { path: '.', source: 'tool.sh' },
    });
    expect((prompt.messages[0]!.content as { text: string }).text).toContain(
      '- Declared with the translation: textkit (project crate, rust/textkit); m (system library, linked by build.rs).',
    );
    expect(textOf(await call('migration_status'))).toContain(
      'tool.sh declares: textkit (project crate, rust/textkit); m (system library, linked by build.rs)',
    );
    // A re-plan rewrites only the plan's lines; a submission that declares nothing keeps what was declared.
    expect((await call('migration_plan')).isError).toBeFalsy();
    expect((await call('migration_transpile')).structuredContent).toMatchObject({ status: 'passed' });
    const again = await call('migration_submit_translation', { source: 'tool.sh', code: CODE });
    expect(again.structuredContent).toMatchObject({ passed: true, dependencies: DECLARED });
    expect((await call('migration_transpile')).structuredContent).toMatchObject({ status: 'passed' });
    expect((await call('migration_optimize')).structuredContent).toMatchObject({ status: 'passed' });
    const validated = await call('migration_validate');
    expect(validated.structuredContent, textOf(validated)).toMatchObject({ status: 'passed' });
    expect((await call('migration_deploy')).structuredContent).toMatchObject({ status: 'passed' });
  });
});
