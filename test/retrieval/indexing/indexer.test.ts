import { existsSync, mkdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatutaError } from '../../../src/errors.js';
import { collectionFiles, vectorFile } from '../../../src/retrieval/dense/vector-files.js';
import { type IndexOptions, indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import type { SearchMode } from '../../../src/retrieval/request.js';
import type { SearchOutcome } from '../../../src/retrieval/search/hybrid.js';
import { createSearcher } from '../../../src/retrieval/search/searcher.js';
import type { Embedder } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeModels } from '../fakes.js';

function setup() {
  const dir = tempDir('indexer-');
  const root = join(dir, 'docs');
  mkdirSync(join(root, 'guide'), { recursive: true });
  writeFileSync(
    join(root, 'trueno.md'),
    '# Trueno\n\nSIMD kernels for vectors.\n\n## GPU\n\nLarge matrices go to the GPU.\n',
  );
  writeFileSync(join(root, 'guide', 'install.rst'), 'Install\n=======\n\nRun cargo install batuta.\n');
  writeFileSync(join(root, 'notes.txt'), 'Plain notes about quantization of weights.\n');
  writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const dbPath = join(dir, 'index.db');
  const store = IndexStore.open(dbPath);
  const run = (embedder: Embedder | null, extra: Partial<IndexOptions> = {}) =>
    indexCollection({
      name: 'docs',
      root,
      store,
      models: embedder === null ? null : createFakeModels(embedder),
      ...collectionFiles(dbPath, 'docs'),
      ...extra,
    });
  return { dir, root, dbPath, store, run };
}

/** A search for the top 3 files, without reranking. */
function searchRequest(question: string, mode: SearchMode) {
  return { question, k: 3, mode, rerank: false, explain: false };
}

async function codeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return error instanceof BatutaError ? error.code : `OTHER ${String(error)}`;
  }
  return undefined;
}

describe('indexCollection', () => {
  it('indexes supported files, then skips unchanged, replaces changed and removes deleted ones', async () => {
    const { root, store, run } = setup();
    const embedder = createFakeEmbedder();
    const first = await run(embedder);
    expect(first).toMatchObject({
      files: 3,
      added: 3,
      updated: 0,
      removed: 0,
      unchanged: 0,
      embedder: 'fake-bow/1',
    });
    expect(first.embedded).toBe(first.chunks);
    const again = await run(embedder);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 3, embedded: 0 });
    writeFileSync(join(root, 'notes.txt'), 'Plain notes about pruning.\n');
    rmSync(join(root, 'guide', 'install.rst'));
    const touched = join(root, 'trueno.md');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000));
    const third = await run(embedder);
    expect(third).toMatchObject({ files: 2, added: 0, updated: 1, removed: 1, unchanged: 1, embedded: 1 });
    expect([...store.fingerprints(store.getCollection('docs')!.id).keys()].sort()).toEqual([
      'notes.txt',
      'trueno.md',
    ]);
  });

  it('re-embeds everything when the embedder changes and re-chunks when the chunker version changes', async () => {
    const { dbPath, store, run, root } = setup();
    const first = await run(createFakeEmbedder('fake/1'));
    const other = createFakeEmbedder('fake/2');
    const second = await run(other);
    expect(second).toMatchObject({ unchanged: 3, embedder: 'fake/2', embedded: first.chunks });
    store.saveCollection('docs', root, 'older-chunker');
    const third = await run(other);
    // Chunked again with the same texts: every chunk keeps its vector.
    expect(third).toMatchObject({ rechunked: true, updated: 3, embedded: 0 });
    expect(store.getCollection('docs')!.chunker).not.toBe('older-chunker');
    const { vectorStem } = collectionFiles(dbPath, 'docs');
    expect(existsSync(vectorFile(vectorStem, 'fake/2'))).toBe(true);
    expect(existsSync(vectorFile(vectorStem, 'fake/1'))).toBe(false);
  });

  it('leaves out binary files, skips oversized and non-UTF-8 files with a reason, keeps what was indexed', async () => {
    const { root, run } = setup();
    await run(null);
    writeFileSync(join(root, 'blob.md'), Buffer.from([0x41, 0x00, 0x42]));
    writeFileSync(join(root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(root, 'notes.txt'), `${'big '.repeat(400)}\n`);
    const summary = await run(null, { maxFileBytes: 1000 });
    const reasons = Object.fromEntries(summary.skipped.map((skip) => [skip.source, skip.reason]));
    // Binary content is found when the files are selected (as a dry-run finds it), the rest on reading.
    expect(summary.excluded).toContainEqual(expect.objectContaining({ source: 'blob.md', rule: 'binary' }));
    expect(Object.keys(reasons).sort()).toEqual(['latin1.txt', 'notes.txt']);
    expect(reasons['latin1.txt']).toContain('UTF-8');
    expect(reasons['notes.txt']).toContain('larger');
    expect(summary).toMatchObject({ removed: 0, embedder: null });
    expect(summary.chunks).toBeGreaterThanOrEqual(3);
  });

  it('rejects a missing folder, a file, a bad name and a name already used for another folder', async () => {
    const { dir, store, dbPath, run } = setup();
    const base = { store, models: null, ...collectionFiles(dbPath, 'x') };
    expect(await codeOf(() => indexCollection({ ...base, name: 'x', root: join(dir, 'nope') }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(() => indexCollection({ ...base, name: 'x', root: dbPath }))).toBe('INVALID_INPUT');
    expect(await codeOf(() => indexCollection({ ...base, name: 'specs', root: dir }))).toBe('INVALID_INPUT');
    expect(await codeOf(() => indexCollection({ ...base, name: '../up', root: dir }))).toBe('INVALID_INPUT');
    await run(null);
    expect(await codeOf(() => indexCollection({ ...base, name: 'docs', root: dir }))).toBe('INVALID_INPUT');
  });

  it('loses nothing indexed before a crash and finishes the job on the next run', async () => {
    const { store, run, dbPath } = setup();
    const working = createFakeEmbedder('fake/1');
    const failing: Embedder = {
      id: 'fake/1',
      dimension: working.dimension,
      embed: async () => {
        throw new Error('power cut');
      },
    };
    await expect(run(failing)).rejects.toThrow('power cut');
    const id = store.getCollection('docs')!.id;
    expect(store.fingerprints(id).size).toBe(3);
    expect(store.pendingChunks(id, 100).length).toBeGreaterThan(0);
    const resumed = await run(working);
    expect(resumed).toMatchObject({ unchanged: 3, added: 0 });
    expect(resumed.embedded).toBe(resumed.chunks);
    const vectorPath = vectorFile(collectionFiles(dbPath, 'docs').vectorStem, working.id);
    rmSync(vectorPath);
    store.saveCollection('docs', store.getCollection('docs')!.root, store.getCollection('docs')!.chunker);
    const rebuilt = await run(working);
    expect(rebuilt.embedded).toBe(0);
    expect(existsSync(vectorPath)).toBe(true);
  });

  it('serves hybrid searches over what it indexed, and notes a model mismatch', async () => {
    const { dbPath, run } = setup();
    await run(createFakeEmbedder('fake/1'));
    const request = { question: 'GPU matrices', k: 5, mode: 'hybrid' as const, rerank: true, explain: true };
    const searcher = createSearcher({ dbPath, models: createFakeModels(createFakeEmbedder('fake/1')) });
    const { results, notes } = await searcher.search('docs', request);
    expect(notes).toEqual([]);
    expect(results[0]).toMatchObject({
      collection: 'docs',
      source: 'trueno.md',
      heading: 'Trueno > GPU',
      lines: [7, 7],
    });
    expect(results[0]!.explain!.ranks).toMatchObject({ bm25: 1, dense: 1, rerank: 1 });
    searcher.close();
    const mismatched = createSearcher({ dbPath, models: createFakeModels(createFakeEmbedder('fake/2')) });
    const outcome = await mismatched.search('docs', request);
    expect(outcome.notes.join()).toContain('indexed with model "fake/1"');
    expect(outcome.results[0]!.source).toBe('trueno.md');
    await expect(mismatched.search('nothing', request)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    mismatched.close();
  });

  it('stops on cancellation, keeping what was indexed', async () => {
    const { store, run } = setup();
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf(() => run(null, { signal: controller.signal }))).toBe('CANCELLED');
    const row = store.getCollection('docs')!;
    expect(row.documents).toBeGreaterThan(0);
    expect(await run(null)).toMatchObject({ files: 3 });
  });

  it('reads back indexed documents and lists collections with their sizes', async () => {
    const { dbPath, run } = setup();
    await run(null);
    const searcher = createSearcher({ dbPath, models: null });
    expect((await searcher.readDocument('docs', 'guide/install.rst')).text).toContain('cargo install batuta');
    await expect(searcher.readDocument('docs', '../secret.txt')).rejects.toThrow(/has no document/);
    await expect(searcher.readDocument('docs', 'image.png')).rejects.toThrow(/has no document/);
    const infos = await searcher.collections();
    expect(infos[0]!.name).toBe('specs');
    expect(infos[1]).toMatchObject({ name: 'docs', documents: 3 });
    searcher.close();
  });

  it('indexes for BM25 and notes why when the model files cannot be loaded', async () => {
    const { store, dbPath, root } = setup();
    const broken = {
      embedder: async () => {
        throw new Error('models: manifest.json is missing');
      },
      reranker: async () => {
        throw new Error('models: reranker.onnx is missing');
      },
    };
    const summary = await indexCollection({
      name: 'docs',
      root,
      store,
      models: broken,
      ...collectionFiles(dbPath, 'docs'),
    });
    expect(summary).toMatchObject({ added: 3, embedder: null });
    expect(summary.notes[0]).toContain('manifest.json is missing');
    const searcher = createSearcher({ dbPath, models: broken });
    const request = { question: 'GPU', k: 3, mode: 'hybrid' as const, rerank: true, explain: false };
    const outcome = await searcher.search('docs', request);
    expect(outcome.results[0]!.source).toBe('trueno.md');
    expect(outcome.notes).toHaveLength(2);
    searcher.close();
  });

  it('keeps serving the old vectors while a new embedder re-embeds, then swaps in one step', async () => {
    const { dbPath, run } = setup();
    const one = createFakeEmbedder('fake/1');
    const first = await run(one);
    const plain = createFakeEmbedder('fake/2', 32);
    // The searcher's provider knows both models; the current one is fake/2 as soon as re-embedding starts.
    const searcher = createSearcher({
      dbPath,
      models: {
        embedder: async (_dir, wanted) => (wanted === 'fake/1' ? one : plain),
        reranker: async () => null,
      },
    });
    const request = searchRequest('gpu matrices', 'dense');
    const seen: SearchOutcome[] = [];
    const two: Embedder = {
      ...plain,
      async embed(texts) {
        if (seen.length === 0) seen.push(await searcher.search('docs', request));
        return plain.embed(texts);
      },
    };
    expect(await run(two)).toMatchObject({ embedder: 'fake/2', embedded: first.chunks });
    // Dense-only searches fail when the dense leg is unavailable, so these ran on vectors.
    const [during] = seen;
    expect(during!.results[0]!.source).toBe('trueno.md');
    expect((await searcher.search('docs', request)).results[0]!.source).toBe('trueno.md');
    searcher.close();
  });

  it('moves an index from the one-file-per-collection layout without re-embedding', async () => {
    const { dbPath, run } = setup();
    const embedder = createFakeEmbedder('fake/1');
    await run(embedder);
    const { vectorStem } = collectionFiles(dbPath, 'docs');
    const legacy = `${vectorStem}.hnsw`;
    renameSync(vectorFile(vectorStem, 'fake/1'), legacy);
    const searcher = createSearcher({ dbPath, models: createFakeModels(embedder) });
    const request = searchRequest('gpu matrices', 'hybrid');
    expect((await searcher.search('docs', request)).notes.join()).toMatch(/vector file of "docs" is missing/);
    searcher.close();
    expect(await run(embedder)).toMatchObject({ unchanged: 3, embedded: 0 });
    expect(existsSync(vectorFile(vectorStem, 'fake/1'))).toBe(true);
    expect(existsSync(legacy)).toBe(false);
  });

  it('leaves the old vectors in place when re-embedding is cancelled', async () => {
    const { dbPath, store, run } = setup();
    const first = await run(createFakeEmbedder('fake/1'));
    const controller = new AbortController();
    const outcome = run(createFakeEmbedder('fake/2'), {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'embed') controller.abort();
      },
    });
    await expect(outcome).rejects.toMatchObject({ code: 'CANCELLED' });
    const row = store.getCollection('docs')!;
    expect(row.embedder).toBe('fake/1');
    expect(store.getCollectionById(row.id)!.pendingVectors).toBe(0);
    const { vectorStem } = collectionFiles(dbPath, 'docs');
    expect(existsSync(vectorFile(vectorStem, 'fake/1'))).toBe(true);
    expect(first.chunks).toBeGreaterThan(0);
  });

  it("keeps a searcher's loaded model and vector file while only new vectors are added beside it", async () => {
    const { root, dbPath, run } = setup();
    const embedder = createFakeEmbedder('fake/1');
    await run(embedder);
    let loads = 0;
    const searcher = createSearcher({
      dbPath,
      models: {
        embedder: async () => {
          loads += 1;
          return embedder;
        },
        reranker: async () => null,
      },
    });
    const request = searchRequest('striped horses savanna', 'dense');
    await searcher.search('docs', request);
    writeFileSync(join(root, 'zebra.md'), '# Zebra\n\nStriped horses graze the savanna.\n');
    await run(embedder);
    expect((await searcher.search('docs', request)).results[0]!.source).toBe('zebra.md');
    expect(loads).toBe(1);
    writeFileSync(join(root, 'zebra.md'), '# Zebra\n\nStriped horses sleep standing.\n');
    await run(embedder, { deltaMax: 0 });
    expect((await searcher.search('docs', request)).results[0]!.source).toBe('zebra.md');
    expect(loads).toBe(2);
    searcher.close();
  });

  it('serves a few new vectors beside the HNSW file instead of rewriting it', async () => {
    const { root, dbPath, run } = setup();
    const embedder = createFakeEmbedder('fake/1');
    await run(embedder);
    const vectorPath = vectorFile(collectionFiles(dbPath, 'docs').vectorStem, embedder.id);
    const before = statSync(vectorPath).mtimeMs;
    writeFileSync(join(root, 'zebra.md'), '# Zebra\n\nStriped horses graze the savanna.\n');
    expect(await run(embedder)).toMatchObject({ added: 1, embedded: 1 });
    expect(statSync(vectorPath).mtimeMs).toBe(before);
    const searcher = createSearcher({ dbPath, models: createFakeModels(embedder) });
    const request = searchRequest('striped horses savanna', 'dense');
    expect((await searcher.search('docs', request)).results[0]!.source).toBe('zebra.md');
    searcher.close();
    writeFileSync(join(root, 'zebra.md'), '# Zebra\n\nStriped horses sleep standing.\n');
    await run(embedder, { deltaMax: 0 });
    expect(statSync(vectorPath).mtimeMs).not.toBe(before);
    const rewritten = createSearcher({ dbPath, models: createFakeModels(embedder) });
    expect(
      (await rewritten.search('docs', { ...request, question: 'sleep standing' })).results[0]!.source,
    ).toBe('zebra.md');
    rewritten.close();
  });
});

describe('indexCollection: choosing the fusion', () => {
  function gardenSetup() {
    const dir = tempDir('indexer-fusion-');
    const root = join(dir, 'garden');
    mkdirSync(root);
    const topics = ['tomatoes', 'roses', 'compost', 'lawns', 'herbs', 'soil'];
    const sections = [
      'Staking tall vines',
      'Watering in summer heat',
      'Pruning after flowering',
      'Feeding weak plants',
    ];
    for (const topic of topics) {
      const body = sections
        .map((heading) => `## ${heading} of ${topic}\n\nAdvice about ${topic}: careful seasonal work.\n`)
        .join('\n');
      writeFileSync(
        join(root, `${topic}.md`),
        `# Growing ${topic}\n\nAn overview of ${topic} care.\n\n${body}`,
      );
    }
    const dbPath = join(dir, 'index.db');
    const store = IndexStore.open(dbPath);
    const run = (extra: Partial<IndexOptions> = {}) =>
      indexCollection({
        name: 'garden',
        root,
        store,
        models: createFakeModels(createFakeEmbedder('fake/1')),
        ...collectionFiles(dbPath, 'garden'),
        ...extra,
      });
    return { root, store, run };
  }

  it('reports the calibration as a phase and stops there on cancellation, keeping no stale choice', async () => {
    const { root, store, run } = gardenSetup();
    const seen: Array<{ done: number; total: number }> = [];
    const first = await run({
      onProgress: (progress) => {
        if (progress.phase === 'calibrate') seen.push({ done: progress.done, total: progress.total });
      },
    });
    expect(first.fusion).toMatchObject({ fresh: true });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
    expect(seen.every((step) => step.done <= step.total)).toBe(true);
    const id = store.getCollection('garden')!.id;
    expect(store.fusionRecord(id)).not.toBeNull();

    writeFileSync(join(root, 'roses.md'), '# Growing roses\n\n## Black spot\n\nRemove the fallen leaves.\n');
    const controller = new AbortController();
    const cancelled = run({
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'calibrate') controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    // The old choice was made for the folder as it was: the next run must choose again, not keep it.
    expect(store.fusionRecord(id)).toBeNull();
    expect(await run()).toMatchObject({ unchanged: 6, fusion: { fresh: true } });
    expect(store.fusionRecord(id)).not.toBeNull();
  });
});
