/**
 * The plan of one project is the same whoever asks: `batuta plan --json` and the MCP tool migration_plan
 * of `batuta mcp` (over stdio and over HTTP) give the same plan, the oracle's recommendations included, for
 * a Python project that uses numpy and scikit-learn. With a damaged learned model (in a private copy of
 * the built package, test/cli/built-tree.ts) every entry plans from the mapping table and says why in the
 * plan's notes; without the model every entry still asks the oracle. `BATUTA_KNOWLEDGE_DIR` names the
 * knowledge folder for the server as it does for the CLI, so the agent's briefs quote the same recipes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { linkBuiltTree } from '../cli/built-tree.js';
import { tempDir } from '../temp-dirs.js';
import { textOf } from './harness.js';
import { startHttpProject } from './http-project.js';
import { BIN, projectServer } from './stdio-project.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/migration-ml');
const MODEL = join('dist', 'oracle-model.bin');
const BROKEN = resolve(import.meta.dirname, '../fixtures/knowledge-broken-layer');
const SMALL = resolve(import.meta.dirname, '../fixtures/knowledge-small');

interface PlanSummary {
  readonly recommendations: ReadonlyArray<{ component: string; reason: string; source: string }>;
  readonly notes: readonly string[];
}

interface Planned {
  readonly result: { phase: string; status: string; summary: PlanSummary; artifacts: string[] };
  readonly text: string;
}

/** A fresh copy of the fixture project. */
function copyProject(prefix: string): string {
  const project = tempDir(prefix);
  cpSync(FIXTURE, project, { recursive: true });
  return project;
}

/** Runs `cli` in `project` with a private HOME and cache, and `env`. */
function cliIn(project: string, cli = BIN, env: Record<string, string> = {}) {
  return (args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      cwd: project,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: project,
        XDG_CACHE_HOME: join(project, '.cache'),
        ...env,
      },
    });
}

/** `batuta analyze` then `batuta plan --json` on a fresh copy, run by `cli`. */
function planByCli(cli: string, env: Record<string, string> = {}): Planned {
  const run = cliIn(copyProject('batuta-plan-cli'), cli, env);
  const analyzed = run(['analyze', '.', '--json']);
  expect(analyzed.status, analyzed.stderr).toBe(0);
  const planned = run(['plan', '.', '--json']);
  expect(planned.status, planned.stderr).toBe(0);
  return { result: JSON.parse(planned.stdout) as Planned['result'], text: planned.stderr };
}

/** migration_analyze then migration_plan on the client's project. */
async function planOverMcp(client: Client): Promise<Planned> {
  const analyzed = await client.callTool({ name: 'migration_analyze', arguments: {} });
  expect(analyzed.isError, textOf(analyzed)).toBeFalsy();
  const planned = await client.callTool({ name: 'migration_plan', arguments: {} });
  expect(planned.isError, textOf(planned)).toBeFalsy();
  return { result: planned.structuredContent as Planned['result'], text: textOf(planned) };
}

async function planOverStdio(cli: string, env: Record<string, string> = {}): Promise<Planned> {
  const client = new Client({ name: 'plan-stdio', version: '1.0.0' });
  await client.connect(projectServer(copyProject('batuta-plan-stdio'), env, cli));
  try {
    return await planOverMcp(client);
  } finally {
    await client.close();
  }
}

async function planOverHttp(cli: string): Promise<Planned> {
  const server = await startHttpProject(copyProject('batuta-plan-http'), cli);
  try {
    const client = await server.connect('plan-http');
    const planned = await planOverMcp(client);
    await client.close();
    return planned;
  } finally {
    server.stop();
  }
}

/** What must not differ between the entries: everything but the time the phase took. */
const comparable = ({ result }: Planned) => ({ ...result, seconds: undefined });

describe('migration_plan and batuta plan on a numpy/scikit-learn project', () => {
  it('give the same plan over the CLI, stdio and HTTP, with the oracle recommendations', async () => {
    const cli = planByCli(BIN);
    const oracle = cli.result.summary.recommendations.filter((r) => r.source === 'oracle');
    expect(oracle.length, JSON.stringify(cli.result.summary.recommendations)).toBeGreaterThan(0);
    expect(cli.result.summary.notes).toEqual([]);
    const stdio = await planOverStdio(BIN);
    expect(comparable(stdio)).toEqual(comparable(cli));
    const http = await planOverHttp(BIN);
    expect(comparable(http)).toEqual(comparable(cli));
    for (const r of oracle) expect(stdio.text).toContain(`use ${r.component} (oracle)`);
  });

  it('plan from the mapping table with a damaged learned model, naming it in the notes', async () => {
    const tree = linkBuiltTree();
    const built = readFileSync(join(tree.root, MODEL));
    tree.replace(MODEL, built.subarray(0, built.length - 3));
    const cli = planByCli(tree.cli);
    const { recommendations, notes } = cli.result.summary;
    expect(recommendations.length).toBeGreaterThan(0);
    expect(recommendations.every((r) => r.source === 'mapping')).toBe(true);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(join(tree.root, MODEL));
    expect(notes[0]).toContain('npm run build');
    expect(notes[0]).toContain('mapping table');
    const stdio = await planOverStdio(tree.cli);
    expect(comparable(stdio)).toEqual(comparable(cli));
    expect(stdio.text).toContain(notes[0]);
    const http = await planOverHttp(tree.cli);
    expect(comparable(http)).toEqual(comparable(cli));
  });

  it('ask the oracle without its learned signal when the model is missing', async () => {
    const tree = linkBuiltTree();
    rmSync(join(tree.root, MODEL));
    const cli = planByCli(tree.cli);
    expect(cli.result.summary.recommendations.some((r) => r.source === 'oracle')).toBe(true);
    expect(comparable(await planOverStdio(tree.cli))).toEqual(comparable(cli));
  });
});

describe('BATUTA_KNOWLEDGE_DIR over MCP', () => {
  it('a knowledge folder that does not load: the plan notes it over MCP as in the CLI', async () => {
    const env = { BATUTA_KNOWLEDGE_DIR: BROKEN };
    const cli = planByCli(BIN, env);
    expect(cli.result.summary.recommendations.every((r) => r.source === 'mapping')).toBe(true);
    expect(cli.result.summary.notes[0]).toContain('trueno.yaml');
    expect(comparable(await planOverStdio(BIN, env))).toEqual(comparable(cli));
  });

  it('serves the components of the folder it names', async () => {
    const project = copyProject('batuta-knowledge-dir');
    const client = new Client({ name: 'knowledge-dir', version: '1.0.0' });
    await client.connect(projectServer(project, { BATUTA_KNOWLEDGE_DIR: SMALL }));
    const listed = await client.callTool({ name: 'list_components', arguments: {} });
    await client.close();
    const names = (listed.structuredContent as { components: Array<{ name: string }> }).components;
    expect(names.map((c) => c.name)).toEqual(['trueno', 'aprender']);
  });
});

/** Every TRANSLATE.md the transpile phase wrote, by crate, with the project folder written PROJECT. */
function briefsOf(project: string): Record<string, string> {
  const workspace = join(project, '.batuta', 'workspace');
  const crates = readdirSync(workspace, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return Object.fromEntries(
    crates.map((crate) => [
      crate.name,
      readFileSync(join(workspace, crate.name, 'TRANSLATE.md'), 'utf8').replaceAll(
        realpathSync(project),
        'PROJECT',
      ),
    ]),
  );
}

describe('migration_transpile by agent and batuta transpile --by agent', () => {
  it('write the same briefs, quoting the recipes of BATUTA_KNOWLEDGE_DIR', async () => {
    const env = { BATUTA_KNOWLEDGE_DIR: SMALL };
    const byCli = copyProject('batuta-briefs-cli');
    const run = cliIn(byCli, BIN, env);
    for (const phase of ['analyze', 'plan']) expect(run([phase, '.']).status).toBe(0);
    expect(run(['transpile', '.', '--by', 'agent']).status).toBe(1);
    const overMcp = copyProject('batuta-briefs-mcp');
    const client = new Client({ name: 'briefs', version: '1.0.0' });
    await client.connect(projectServer(overMcp, env));
    for (const name of ['migration_analyze', 'migration_plan'])
      await client.callTool({ name, arguments: {} });
    const transpiled = await client.callTool({ name: 'migration_transpile', arguments: { by: 'agent' } });
    const prompt = await client.getPrompt({
      name: 'translate_file',
      arguments: { path: '.', source: 'train.py' },
    });
    await client.close();
    expect((transpiled.structuredContent as { pending: unknown[] }).pending).toHaveLength(2);
    const briefs = briefsOf(byCli);
    expect(briefs['train']).toContain('Recipe `classify-iris`');
    expect(briefsOf(overMcp)).toEqual(briefs);
    expect(JSON.stringify(prompt.messages)).toContain('Recipe `classify-iris`');
  });
});
