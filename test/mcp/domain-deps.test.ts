/**
 * The adapters from the real domain to ServerDeps, in-process: signals and progress reach the indexer and
 * the migration phases, and the graph adapter answers from the shipped knowledge.
 */
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocsDeps } from '../../mcp/docs-deps.js';
import { createGraphDeps } from '../../mcp/graph-deps.js';
import { createMigrationDeps } from '../../mcp/migration-deps.js';
import { BatutaError, loadKnowledge } from '../../src/index.js';
import { tempDir } from './harness.js';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof BatutaError ? error.code : `OTHER ${String(error)}`;
  }
}

describe('domain adapters', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('batuta-adapters-');
  });
  afterEach(() => dir.remove());

  it('docs: indexes a folder (BM25 only without models), reports progress, and honours an aborted signal', async () => {
    const notes = join(dir.path, 'notes');
    mkdirSync(notes);
    for (const name of ['a', 'b', 'c'])
      writeFileSync(join(notes, `${name}.md`), `# ${name}\n\nabout ${name} kilns\n`);
    const logs: string[] = [];
    const docs = createDocsDeps({
      db: join(dir.path, 'db', 'index.db'),
      loadModels: async () => ({ models: null, note: 'no models in this test' }),
      log: (line) => logs.push(line),
    });
    const cancelled = docs.indexFolder!(notes, 'notes', {
      signal: AbortSignal.abort(),
      onProgress: () => {},
    });
    expect(await codeOf(cancelled)).toBe('CANCELLED');
    const fractions: number[] = [];
    const summary = await docs.indexFolder!(notes, 'notes', {
      signal: new AbortController().signal,
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(summary).toMatchObject({ collection: 'notes', chunks: 3 });
    expect(summary.added + summary.unchanged).toBe(3);
    expect(fractions.at(-1)).toBe(1);
    const found = await docs.search('kilns about b', {
      k: 3,
      collection: 'notes',
      mode: 'bm25',
      rerank: false,
    });
    expect(found.results.map((hit) => hit.source)).toContain('b.md');
    expect(found.reranked).toBe(false);
    const hybrid = await docs.search('kilns about b', {
      k: 3,
      collection: 'notes',
      mode: 'hybrid',
      rerank: true,
    });
    expect(hybrid.notes.join()).toMatch(/^dense leg unavailable: .*searching with BM25 only/);
    expect((await docs.readDocument('notes', 'b.md', [realpathSync(dir.path)])).text).toContain(
      'about b kilns',
    );
    await expect(docs.readDocument('notes', 'b.md', [realpathSync(join(dir.path, 'db'))])).rejects.toThrow(
      /outside the allowed roots/,
    );
    expect((await docs.collections()).map((c) => c.name)).toEqual(['specs', 'notes']);
    expect(logs.some((line) => line.includes('BM25 only'))).toBe(true);
    docs.close();
  });

  it('migration: maps counted progress to fractions and stops on an aborted signal', async () => {
    cpSync(resolve(import.meta.dirname, '../fixtures/migration'), join(dir.path, 'fixture'), {
      recursive: true,
    });
    const project = join(dir.path, 'fixture', 'project');
    const migration = createMigrationDeps();
    const aborted = migration.runPhase(
      'analyze',
      project,
      { signal: AbortSignal.abort(), onProgress: () => {} },
      {},
    );
    expect(await codeOf(aborted)).toBe('CANCELLED');
    const fractions: number[] = [];
    const result = await migration.runPhase(
      'analyze',
      project,
      { signal: new AbortController().signal, onProgress: (fraction) => fractions.push(fraction) },
      {},
    );
    expect(result.status).toBe('passed');
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect((await migration.status(project)).next).toBe('plan');
  });

  it('migration: finds programs named without a path on the search path it was given', async () => {
    cpSync(resolve(import.meta.dirname, '../fixtures/migration'), join(dir.path, 'fixture'), {
      recursive: true,
    });
    const project = join(dir.path, 'fixture', 'project');
    const toml = join(project, 'batuta.toml');
    writeFileSync(
      toml,
      readFileSync(toml, 'utf8').replaceAll('"../tools/fake-transpile"', '"fake-transpile"'),
    );
    const tools = join(dir.path, 'fixture', 'tools');
    const control = { signal: new AbortController().signal, onProgress: () => {} };
    const found = createMigrationDeps({ searchPath: `${tools}${delimiter}${process.env['PATH'] ?? ''}` });
    for (const phase of ['analyze', 'plan'] as const) await found.runPhase(phase, project, control, {});
    expect((await found.runPhase('transpile', project, control, {})).status).toBe('passed');
  });

  it('graph: answers from the shipped knowledge and ranks recipes by shared words', () => {
    const graph = createGraphDeps(loadKnowledge());
    expect(graph.listComponents()).toHaveLength(20);
    expect(graph.getComponent('Trueno DB').name).toBe('trueno-db');
    const recipes = graph.searchRecipes({ query: 'serve a model over HTTP' }, 3);
    expect(recipes[0]?.components).toContain('realizar');
    expect(graph.searchRecipes({ query: 'zzz qqq' }, 3)).toEqual([]);
    expect(graph.searchRecipes({}, 100).length).toBeGreaterThan(3);
  });
});
