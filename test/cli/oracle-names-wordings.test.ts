/**
 * The stack's current crate names written the ways people type them (any case, `_` or `-`, old or new)
 * through every lookup of the built CLI and of `batuta mcp` over stdio, in questions, and in the projects
 * `batuta analyze` reads; answers name the component as here and say what it is published as now.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'dist/src/cli/main.js');
const run = promisify(execFile);
const HOME = tempDir('batuta-names-wordings-');

async function batuta(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME, XDG_CACHE_HOME: join(HOME, '.cache') };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: HOME, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const out = await batuta(...args, '--json');
  expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(0);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

const SHOW: ReadonlyArray<readonly [string, string, string]> = [
  ['aprender_serve', 'realizar', 'aprender-serve'],
  ['APRENDER-SERVE', 'realizar', 'aprender-serve'],
  ['Realizar', 'realizar', 'aprender-serve'],
  ['aprender_compute', 'trueno', 'aprender-compute'],
  ['Aprender-Data', 'alimentar', 'aprender-data'],
  ['aprender_rag', 'trueno-rag', 'aprender-rag'],
  ['Aprender-Registry', 'pacha', 'aprender-registry'],
  ['aprender-orchestrate', 'batuta', 'aprender-orchestrate'],
  ['APRENDER_PROFILE', 'renacer', 'aprender-profile'],
  ['Trueno_RAG', 'trueno-rag', 'aprender-rag'],
];

const CAPABILITIES: ReadonlyArray<readonly [string, string]> = [
  ['Aprender-Compute', 'trueno'],
  ['aprender_train', 'entrenar'],
  ['APRENDER-DISTRIBUTE', 'repartir'],
];

const ROUTES: ReadonlyArray<readonly [string[], string, string]> = [
  [['--integrations', 'aprender-train -> aprender-serve'], 'entrenar', 'realizar'],
  [['--integrations', 'Aprender_Data -> APRENDER-TRAIN'], 'alimentar', 'entrenar'],
  [['--integrate', 'aprender-data,aprender-train'], 'alimentar', 'entrenar'],
  [['--integrate', 'alimentar,Aprender_Train'], 'alimentar', 'entrenar'],
  [['--integrations', 'aprender_compute -> trueno-db'], 'trueno', 'trueno-db'],
];

interface Answer {
  readonly problem: { readonly components: string[] };
  readonly primary: { readonly component: string; readonly published?: { crate: string } } | null;
}

const QUESTIONS: ReadonlyArray<readonly [string, string, string]> = [
  ['we use aprender-rag in our Cargo.toml, how do we add reranking?', 'trueno-rag', 'aprender-rag'],
  ['is aprender_compute fast enough for matrix multiplication?', 'trueno', 'aprender-compute'],
  ['version our models with Aprender-Registry', 'pacha', 'aprender-registry'],
  ['how does APRENDER-PROFILE compare system calls?', 'renacer', 'aprender-profile'],
  ['load parquet files with aprender-data', 'alimentar', 'aprender-data'],
];

describe.concurrent('lookups accept old and new names in any spelling (built CLI)', () => {
  for (const [typed, name, crate] of SHOW) {
    it(`--show ${typed}`, async () => {
      const shown = (await json('oracle', '--show', typed)).component as {
        name: string;
        published: { crate: string };
      };
      expect(shown.name).toBe(name);
      expect(shown.published.crate).toBe(crate);
    });
  }

  it('--show in text names the component and its crate', async () => {
    const text = await batuta('oracle', '--show', 'Aprender_Data');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/alimentar/i);
    expect(text.stdout).toContain('aprender-data');
  });

  for (const [typed, name] of CAPABILITIES) {
    it(`--list-capabilities ${typed}`, async () => {
      expect((await json('oracle', '--list-capabilities', typed)).component).toBe(name);
    });
  }

  it('--capability lists components with what they are published as', async () => {
    const found = (await json('oracle', '--capability', 'webassembly')).components as Array<{
      name: string;
      published?: { crate: string };
    }>;
    const trueno = found.find((c) => c.name === 'trueno');
    expect(trueno?.published?.crate).toBe('aprender-compute');
  });

  it('--list gives each component what it is published as', async () => {
    const layers = (await json('oracle', '--list')).layers as Array<{
      components: Array<{ name: string; published?: { crate: string } }>;
    }>;
    const all = layers.flatMap((l) => l.components);
    expect(all.find((c) => c.name === 'realizar')?.published?.crate).toBe('aprender-serve');
  });

  it('text and markdown listings say what a renamed component is now', async () => {
    const list = await batuta('oracle', '--list');
    expect(list.stdout).toMatch(/realizar\s+\S+\s+now aprender-serve\s/);
    const caps = await batuta('oracle', '--list-capabilities', 'aprender_compute');
    expect(caps.stdout).toContain('Capabilities of trueno (now aprender-compute):');
    const table = await batuta('oracle', '--replaces', 'numpy', '--format', 'markdown');
    expect(table.stdout).toContain('| trueno | aprender-compute |');
  });

  for (const [args, from, to] of ROUTES) {
    it(args.join(' '), async () => {
      const route = await json('oracle', ...args);
      expect([route['from'], route['to']]).toEqual([from, to]);
    });
  }

  for (const [question, name, crate] of QUESTIONS) {
    it(question, async () => {
      const answer = (await json('oracle', question)) as unknown as Answer;
      expect(answer.problem.components).toContain(name);
      expect(answer.primary?.component).toBe(name);
      expect(answer.primary?.published?.crate).toBe(crate);
    });
  }

  it('a question naming two new crates understands both', async () => {
    const answer = (await json(
      'oracle',
      'aprender-distribute or aprender-train for multi-node training?',
    )) as unknown as Answer;
    expect(answer.problem.components).toEqual(expect.arrayContaining(['repartir', 'entrenar']));
  });
});

describe('batuta analyze reads stack crates under either name (built CLI)', () => {
  let project: string;
  beforeAll(() => {
    project = join(HOME, 'mixed');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'Cargo.toml'),
      '[package]\nname = "mixed"\nversion = "0.1.0"\n\n[dependencies]\naprender-compute = "0.30"\nrealizar = "0.6"\nserde = "1"\n',
    );
    writeFileSync(
      join(project, 'app.py'),
      'import numpy as np\nimport aprender_rag\n\nprint(np.zeros(3).sum(), aprender_rag)\n',
    );
  });

  it('lists the stack components the project already uses, under their names here', async () => {
    const analysis = await json('analyze', project);
    const used = (analysis['summary'] as Record<string, unknown>)['stackComponents'] as Array<{
      component: string;
      crate: string;
      as: string;
    }>;
    expect(used).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ component: 'trueno', crate: 'aprender-compute' }),
        expect.objectContaining({ component: 'realizar', crate: 'aprender-serve' }),
        expect.objectContaining({ component: 'trueno-rag', crate: 'aprender-rag' }),
      ]),
    );
    expect(used.map((u) => u.component)).not.toContain('serde');
    const text = await batuta('analyze', project);
    expect(text.stdout).toMatch(/stack component trueno \(published as aprender-compute\)/);
  });
});

describe('batuta mcp graph tools accept either name (built CLI over stdio)', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'names-wordings', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp'],
        cwd: HOME,
        env: { PATH: process.env['PATH'] ?? '', HOME, XDG_CACHE_HOME: join(HOME, '.cache') },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    rmSync(HOME, { recursive: true, force: true });
  });

  it('get_component takes APRENDER_SERVE', async () => {
    const shown = await client.callTool({ name: 'get_component', arguments: { name: 'APRENDER_SERVE' } });
    expect(shown.isError).toBeFalsy();
    const component = (
      shown.structuredContent as { component: { name: string; published: { crate: string } } }
    ).component;
    expect(component.name).toBe('realizar');
    expect(component.published.crate).toBe('aprender-serve');
    const text = (shown.content as Array<{ type: string; text: string }>).map((c) => c.text).join('\n');
    expect(text).toContain('Published as aprender-serve');
  });

  it('find_integrations takes aprender_data and Aprender-Train', async () => {
    const route = await client.callTool({
      name: 'find_integrations',
      arguments: { from: 'aprender_data', to: 'Aprender-Train' },
    });
    expect(route.isError).toBeFalsy();
    expect(route.structuredContent).toMatchObject({ from: 'alimentar', to: 'entrenar' });
  });

  it('list_components says what each is published as', async () => {
    const list = await client.callTool({ name: 'list_components', arguments: {} });
    const components = (
      list.structuredContent as { components: Array<{ name: string; published?: { crate: string } }> }
    ).components;
    expect(components.find((c) => c.name === 'trueno')?.published?.crate).toBe('aprender-compute');
    const text = (list.content as Array<{ type: string; text: string }>).map((c) => c.text).join('\n');
    expect(text).toMatch(/- trueno .*published as aprender-compute/);
  });
});
