/**
 * End to end over stdio with the built CLI's MCP server, as an agent translating a shell tool file by
 * file: after one submission, migration_validate compares that file while the other waits (the gate stays
 * shut and the reason names the call that moves the rest on), and migration_status lists each file's state
 * with the tool call that is next for it.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARGO_TIMEOUT, RUST_ENV, writeFiles } from '../cli/rust-project.js';
import { tempDir, textOf } from './harness.js';
import { projectServer } from './stdio-project.js';

describe('validating the files translated so far over stdio (built CLI, shell project)', {
  timeout: CARGO_TIMEOUT,
}, () => {
  let home: ReturnType<typeof tempDir>;
  let client: Client;
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args }, { timeout: CARGO_TIMEOUT });
  beforeAll(async () => {
    home = tempDir('batuta-e2e-partial-');
    const project = join(home.path, 'pair');
    writeFiles(project, {
      'up.sh': '#!/bin/bash\necho "up $1"\n',
      'down.sh': '#!/bin/bash\necho "down $1"\n',
      'batuta.toml':
        '[[validation.cases]]\nname = "up"\nsource = "up.sh"\nargs = ["x"]\n\n[[validation.cases]]\nname = "down"\nsource = "down.sh"\nargs = ["y"]\n',
    });
    client = new Client({ name: 'e2e-partial', version: '1.0.0' });
    await client.connect(projectServer(project, RUST_ENV));
  });
  afterAll(async () => {
    await client.close();
    home.remove();
  });

  it('compares the one file submitted, keeps the gate shut and tells what is next per file', async () => {
    expect((await call('migration_analyze')).structuredContent).toMatchObject({ status: 'passed' });
    expect((await call('migration_plan')).structuredContent).toMatchObject({ status: 'passed' });
    expect((await call('migration_transpile', { by: 'agent' })).structuredContent).toMatchObject({
      status: 'failed',
    });
    const code =
      'fn main() {\n    let a = std::env::args().nth(1).unwrap_or_default();\n    println!("up {a}");\n}\n';
    const submitted = await call('migration_submit_translation', { source: 'up.sh', code });
    expect(submitted.structuredContent).toMatchObject({ passed: true, waiting: ['down.sh'] });
    const transpiled = await call('migration_transpile');
    expect(transpiled.structuredContent).toMatchObject({ status: 'failed' });
    expect(textOf(transpiled)).toContain(
      'to compare the 1 file done so far, call migration_validate on the same path',
    );
    expect(textOf(transpiled)).toContain('waiting: down.sh -> .batuta/workspace/down/src/main.rs');
    expect(textOf(transpiled)).not.toContain('write');
    const validated = await call('migration_validate');
    expect(validated.structuredContent).toMatchObject({
      status: 'failed',
      summary: { partial: true, scope: ['up.sh'], skipped: ['down'] },
    });
    expect(textOf(validated)).toContain('the 1 file translated so far (of 2) behaves the same');
    expect(textOf(validated)).toContain(
      '1 file still waits for its translation: down.sh (call migration_submit_translation for each waiting file (brief: prompt translate_file), then call migration_transpile on the same path;',
    );
    const status = textOf(await call('migration_status'));
    expect(status).toContain('files: 1 of 2 validated');
    expect(status).toContain(
      'down.sh [waiting, by agent]: call migration_submit_translation with source "down.sh" and its Rust (brief: prompt translate_file), then call migration_transpile on the same path',
    );
    expect(status).not.toContain('write .batuta/workspace');
  });
});
