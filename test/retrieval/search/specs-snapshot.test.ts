import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModelProvider } from '../../../src/retrieval/models/provider.js';
import { createSpecCiter } from '../../../src/retrieval/search/citations.js';
import { settingsOf } from '../../../src/retrieval/search/hybrid.js';
import {
  createMemoryDense,
  defaultSpecsSnapshotPath,
  findSpecsDir,
  loadMemoryCollection,
  type MemoryCollection,
  SPECS_COLLECTION,
} from '../../../src/retrieval/search/memory-collection.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import { writeSpecsSnapshot } from '../../../src/retrieval/search/specs-snapshot.js';
import { runBatuta } from '../../cli/run-batuta.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder } from '../fakes.js';

const tmp = tempDir('specs-snap-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const specs = join(tmp, 'specs');
const snapshot = join(tmp, 'specs-snapshot.json');
const QUESTIONS = [
  'matrix multiplication on the GPU',
  'train with LoRA adapters',
  'five phases of a migration',
];

function writeSpecs(): void {
  const files: Record<string, string> = {
    'trueno.md':
      '---\ncomponent: trueno\n---\n# Trueno\n\nCompute kernels.\n\n## GPU dispatch\n\nLarge matrix multiplication moves to the GPU.\n',
    'entrenar.md': '# Entrenar\n\nTraining loops with LoRA adapters.\n\n## Optimizers\n\nAdam and SGD.\n',
    'workflow.md': '# Workflow\n\nFive phases from analysis to deployment of a migration.\n',
  };
  rmSync(specs, { recursive: true, force: true });
  mkdirSync(specs, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(specs, name), text);
}

function answers(collection: MemoryCollection): unknown[] {
  return QUESTIONS.map((q) => ({
    all: collection.sparse.search(q, 10),
    trueno: collection.sparse.searchComponents(q, 3, new Set(['trueno'])),
  }));
}

describe('the specs snapshot', () => {
  it('is used when it matches the files and gives the same chunks and ranking as building', async () => {
    writeSpecs();
    await writeSpecsSnapshot(specs, snapshot, null);
    const built = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot: null });
    const loaded = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot });
    expect(built.fromSnapshot).toBe(false);
    expect(loaded.fromSnapshot).toBe(true);
    expect([...loaded.chunks.values()]).toEqual([...built.chunks.values()]);
    expect(answers(loaded)).toEqual(answers(built));
    expect(answers(loaded)[0]).toMatchObject({ all: [{ chunkId: 'trueno.md#1' }] });
  });

  it('is ignored when a spec file changes, and the results follow the changed file', async () => {
    writeSpecs();
    await writeSpecsSnapshot(specs, snapshot, null);
    writeFileSync(join(specs, 'entrenar.md'), '# Entrenar\n\nFive phases of GPU matrix multiplication.\n');
    const loaded = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot });
    const built = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot: null });
    expect(loaded.fromSnapshot).toBe(false);
    expect(answers(loaded)).toEqual(answers(built));
    expect(loaded.chunks.get('entrenar.md#0')?.text).toContain('Five phases');
  });

  it('is ignored when a spec file is added or removed, or the snapshot is unreadable', async () => {
    writeSpecs();
    await writeSpecsSnapshot(specs, snapshot, null);
    writeFileSync(join(specs, 'pacha.md'), '# Pacha\n\nModel registry.\n');
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fromSnapshot).toBe(false);
    rmSync(join(specs, 'pacha.md'));
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fromSnapshot).toBe(true);
    rmSync(join(specs, 'workflow.md'));
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fromSnapshot).toBe(false);
    writeSpecs();
    writeFileSync(snapshot, '{"fingerprint": truncated');
    expect(loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot }).fromSnapshot).toBe(false);
    expect(
      loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot: join(tmp, 'none.json') }).fromSnapshot,
    ).toBe(false);
  });

  it('of the shipped specs cites the same passages as building the index', async () => {
    const path = await writeSpecsSnapshot(findSpecsDir(), join(tmp, 'shipped.json'), null);
    expect(loadMemoryCollection(SPECS_COLLECTION, findSpecsDir(), { snapshot: path }).fromSnapshot).toBe(
      true,
    );
    const fast = createSpecCiter(findSpecsDir(), path);
    const slow = createSpecCiter(findSpecsDir(), null);
    const components = ['entrenar', 'trueno', 'realizar', 'aprender', 'pacha'];
    for (const q of ['How do I train a model on GPU?', 'vector search in the browser', 'serve a model'])
      expect(fast(q, components)).toEqual(slow(q, components));
  });
});

describe('snapshot vectors', () => {
  it('serve the dense leg with the same embedder and are recomputed for another one', async () => {
    writeSpecs();
    const maker = createFakeEmbedder('fake-bow/1');
    await writeSpecsSnapshot(specs, snapshot, maker);
    const loaded = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot });
    const built = loadMemoryCollection(SPECS_COLLECTION, specs, { snapshot: null });
    expect(loaded.savedVectors?.embedder).toBe('fake-bow/1');
    const same = createFakeEmbedder('fake-bow/1');
    const [query] = await same.embed(['matrix multiplication GPU']);
    const fromSnapshot = await createMemoryDense(loaded, same);
    expect(same.calls).toBe(1);
    const fresh = createFakeEmbedder('fake-bow/1');
    const computed = await createMemoryDense(built, fresh);
    expect(fresh.calls).toBe(1);
    expect(await fromSnapshot.search(query!, 5)).toEqual(await computed.search(query!, 5));
    expect((await fromSnapshot.search(query!, 1))[0]?.chunkId).toBe('trueno.md#1');
    const other = createFakeEmbedder('fake-bow/2');
    await createMemoryDense(loaded, other);
    expect(other.calls).toBe(1);
  });
});

describe('batuta oracle with the built snapshot', () => {
  it('the build wrote a snapshot that matches the shipped specs, and the CLI cites the same passages', () => {
    expect(existsSync(defaultSpecsSnapshotPath())).toBe(true);
    expect(JSON.parse(readFileSync(defaultSpecsSnapshotPath(), 'utf8'))).toHaveProperty('fingerprint');
    const shipped = { snapshot: defaultSpecsSnapshotPath() };
    expect(loadMemoryCollection(SPECS_COLLECTION, findSpecsDir(), shipped).fromSnapshot).toBe(true);
    const question = 'How do I train a model on GPU?';
    const run = runBatuta(['oracle', '--json', question], tmp);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as {
      primary: { component: string };
      supporting: { component: string }[];
      citations: unknown[];
    };
    const components = [answer.primary.component, ...answer.supporting.map((s) => s.component)];
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations).toEqual(createSpecCiter(findSpecsDir(), null)(question, components));
  });

  it('oracle --rag over specs gives the same results as a searcher that builds everything', async () => {
    const question = 'How do I train a model on GPU?';
    const run = runBatuta(['oracle', '--rag', '--json', '--explain', question, '-k', '8'], tmp);
    expect(run.code).toBe(0);
    // Building everything here calibrates nothing: give it the fusion the build chose for the specs.
    const models = createModelProvider();
    const { fusion } = loadMemoryCollection(SPECS_COLLECTION, findSpecsDir(), {
      snapshot: defaultSpecsSnapshotPath(),
    });
    expect(fusion).toBeDefined();
    const settings = settingsOf(fusion!, (await models.reranker())?.id ?? null);
    const searcher = createSearcher({ dbPath: null, models, specsSnapshot: null, settings });
    const request = { question, k: 8, mode: 'hybrid' as const, rerank: true, explain: true };
    const expected = await searcher.search(SPECS_COLLECTION, request);
    searcher.close();
    expect(JSON.parse(run.stdout).results).toEqual(expected.results);
    expect(JSON.parse(run.stdout).fusion).toMatchObject({ source: 'collection', record: fusion });
  });
});
