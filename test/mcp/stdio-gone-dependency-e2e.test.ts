/**
 * End to end over stdio with the built CLI's MCP server: an agent declares a sibling library crate of the
 * workspace (words, the crate of words.sh) with its translation; then words.sh is renamed and a re-plan sets
 * its crate aside. The declaration points at a folder with no Cargo.toml any more, which would stop cargo from
 * loading the whole workspace: batuta takes the line out and the file waits with one line naming the fix
 * (declare the crate at its new name), while the other crates are checked as usual.
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from '../cli/rust-project.js';
import { tempDir, textOf } from './harness.js';
import { projectServer, startAgentMigration } from './stdio-project.js';

const WORDS = 'pub fn shout(text: &str) -> String {\n    text.to_uppercase()\n}\n';
const TOOL = 'fn main() {\n    println!("{}", words::shout("ann"));\n}\n';
const OTHER = 'fn main() {\n    println!("{}", "ANN");\n}\n';

describe('a declared sibling crate that a re-plan sets aside, over stdio', { timeout: CARGO_TIMEOUT }, () => {
  let home: ReturnType<typeof tempDir>;
  let project: string;
  let client: Client;
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args }, { timeout: CARGO_TIMEOUT });
  beforeAll(async () => {
    home = tempDir('batuta-e2e-gone-dependency-');
    project = join(home.path, 'tool');
    writeFiles(project, {
      // tool.sh sources words.sh through a variable, which the plan cannot see: the agent declares the crate.
      'tool.sh': '#!/bin/bash\nlib=./words.sh\n. "$lib"\nshout ann\n',
      'other.sh': '#!/bin/bash\n. ./words.sh\nshout ann\n',
      'words.sh': `shout() { echo "$\{1^^}"; }\n`,
    });
    client = new Client({ name: 'e2e-gone-dependency', version: '1.0.0' });
    await client.connect(projectServer(project, RUST_ENV));
    await startAgentMigration(call);
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('takes the declaration out and says how to declare the crate again', async () => {
    for (const [source, code, dependencies] of [
      ['words.sh', WORDS, undefined],
      ['other.sh', OTHER, undefined],
      ['tool.sh', TOOL, [{ kind: 'project', name: 'words' }]],
    ] as const) {
      const submitted = await call('migration_submit_translation', { source, code, dependencies });
      expect(submitted.structuredContent, textOf(submitted)).toMatchObject({ passed: true });
    }
    expect((await call('migration_transpile')).structuredContent).toMatchObject({ status: 'passed' });
    renameSync(join(project, 'words.sh'), join(project, 'wordlib.sh'));
    writeFiles(project, { 'other.sh': '#!/bin/bash\n. ./wordlib.sh\nshout ann\n' });
    expect((await call('migration_analyze')).isError).toBeFalsy();
    expect((await call('migration_plan')).isError).toBeFalsy();
    const transpiled = await call('migration_transpile', { by: 'agent' });
    const { pending } = transpiled.structuredContent as { pending?: { source: string; reason: string }[] };
    if (pending === undefined) throw new Error(`no pending files: ${textOf(transpiled)}`);
    expect(pending.find((p) => p.source === 'tool.sh')?.reason).toBe(
      "its declared dependency words (.batuta/workspace/words) has no Cargo.toml any more, so batuta took it out of Cargo.toml (declare the crate under its new name or path in migration_submit_translation's dependencies, or write the code without it)",
    );
    // The workspace still loads: other.sh (edited) waits for its update and wordlib.sh for its translation,
    // not on cargo failing to read tool's manifest.
    expect(pending.map((p) => [p.source, p.reason])).toEqual([
      ['tool.sh', expect.stringMatching(/^its declared dependency words/)],
      ['wordlib.sh', 'translation pending'],
      ['other.sh', 'the source changed since its translation was written'],
    ]);
    const manifest = readFileSync(join(project, '.batuta/workspace/tool/Cargo.toml'), 'utf8');
    expect(manifest).not.toContain('words =');
  });
});
