import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatutaError } from '../../../src/errors.js';
import { collectionFiles, indexedText } from '../../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../../src/retrieval/indexing/indexer.js';
import { sampleForAdaptation } from '../../../src/retrieval/indexing/vector-sync.js';
import type { ModelProvider } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder, createFakeReranker } from '../fakes.js';

describe('sampleForAdaptation', () => {
  it('keeps everything under the cap and an even spread over it', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `t${String(i).padStart(9, '0')}`);
    expect(sampleForAdaptation(texts, 5000)).toEqual(texts);
    const sample = sampleForAdaptation(texts, 250);
    expect(sample).toHaveLength(25);
    expect(sample[0]).toBe(texts[0]);
    expect(sample.at(-1)).toBe(texts[96]);
    expect(sample.reduce((sum, text) => sum + text.length, 0)).toBeLessThanOrEqual(250);
  });
});

describe('indexedText', () => {
  it('puts the heading path before the body', () => {
    expect(indexedText(['A', 'B'], 'body')).toBe('A > B\nbody');
    expect(indexedText([], 'body')).toBe('body');
  });
});

describe('adaptation failures while indexing', () => {
  const tmp = tempDir('vector-sync-');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const root = join(tmp, 'docs');
  mkdirSync(root);
  writeFileSync(join(root, 'a.md'), '# A\n\nKernels and vectors.\n');
  const run = async (adapt: ModelProvider['adapt'], signal?: AbortSignal) => {
    const dbPath = join(tmp, `${Math.random().toString(36).slice(2)}.db`);
    const store = IndexStore.open(dbPath);
    const models: ModelProvider = {
      embedder: async () => createFakeEmbedder('fake-base/1'),
      adapt,
      reranker: async () => createFakeReranker(),
    };
    try {
      return await indexCollection({
        name: 'docs',
        root,
        store,
        models,
        ...collectionFiles(dbPath, 'docs'),
        ...(signal ? { signal } : {}),
      });
    } finally {
      store.close();
    }
  };

  it('stops the run when adaptation is cancelled', async () => {
    const controller = new AbortController();
    const cancelled = run(async (_texts, _dir, _progress, signal) => {
      controller.abort();
      expect(signal?.aborted).toBe(true);
      throw new BatutaError('CANCELLED', 'index: cancelled while adapting');
    }, controller.signal);
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('keeps indexing for BM25 and says why when adaptation fails', async () => {
    const summary = await run(async () => {
      throw new BatutaError('IO', 'adaptation failed: disk full');
    });
    expect(summary.added).toBe(1);
    expect(summary.notes).toEqual([
      'dense leg not updated: index: adapting the embedding model failed: adaptation failed: disk full',
    ]);
  });
});
