import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createFtsLegs,
  ftsOrQuery,
  pruneCommonWords,
  wordDocCounts,
} from '../../../src/retrieval/sparse/fts-index.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { IndexStore } from '../../../src/store/index-store.js';
import { tempDir } from '../../temp-dirs.js';

const dir = tempDir('fts-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunk = (source: string, text: string): Chunk => ({
  id: source,
  collection: 'x',
  source,
  component: null,
  headings: [],
  lines: [1, 1],
  text,
});

describe('FTS5 queries', () => {
  it('ORs the quoted content words of a question, without stop words or duplicates', () => {
    expect(ftsOrQuery('How do I train a model, and train it on the GPU?')).toBe(
      '"train" OR "model" OR "gpu"',
    );
    expect(ftsOrQuery('what is it?')).toBeNull();
  });

  it('drops words most chunks contain while rarer ones remain, else keeps the two rarest', () => {
    const counts = new Map([
      ['return', 900],
      ['error', 300],
      ['main', 40],
    ]);
    expect(pruneCommonWords(['return', 'error', 'main'], counts, 1000, 0.15)).toEqual(['main']);
    expect(pruneCommonWords(['return', 'error'], counts, 1000, 0.15)).toEqual(['error', 'return']);
    expect(pruneCommonWords(['return', 'error', 'main'], counts, 1000, 1)).toEqual([
      'return',
      'error',
      'main',
    ]);
  });

  it('counts the chunks holding a word under the stem FTS5 stored for it', () => {
    const store = IndexStore.open(join(dir, 'counts.db'));
    const c = store.saveCollection('c', '/c', 'v');
    store.writeDocuments(c.id, [
      {
        source: 'a.md',
        hash: 'h',
        size: 1,
        mtime: 1,
        title: '',
        chunks: [chunk('a.md', 'gave generously, quickly')],
      },
      {
        source: 'b.md',
        hash: 'h',
        size: 1,
        mtime: 1,
        title: '',
        chunks: [chunk('b.md', 'a generous gift, quickly')],
      },
      { source: 'c.md', hash: 'h', size: 1, mtime: 1, title: '', chunks: [chunk('c.md', 'a quick gift')] },
    ]);
    const counts = wordDocCounts(store, c.id, ['generously', 'quickly', 'gift', 'absent']);
    expect(Object.fromEntries(counts)).toEqual({ generously: 2, quickly: 2, gift: 2, absent: 0 });
    store.close();
  });

  it('searches one collection of a file holding several', () => {
    const store = IndexStore.open(join(dir, 'i.db'));
    const a = store.saveCollection('a', '/a', 'v');
    const b = store.saveCollection('b', '/b', 'v');
    const write = (id: number, source: string, text: string) =>
      store.writeDocuments(id, [
        { source, hash: 'h', size: 1, mtime: 1, title: '', chunks: [chunk(source, text)] },
      ]);
    write(a.id, 'a.md', 'kernels on the gpu');
    write(b.id, 'b.md', 'gpu memory pools');
    const sources = (collection: number) =>
      createFtsLegs(store, collection)
        .sparse.search('gpu', 10)
        .map((hit) => store.chunks([Number(hit.chunkId)]).get(Number(hit.chunkId))!.source);
    expect(sources(a.id)).toEqual(['a.md']);
    expect(sources(b.id)).toEqual(['b.md']);
    expect(store.termDocCounts(a.id, ['gpu', 'kernel', 'memori', 'nothing'])).toEqual(
      new Map([
        ['gpu', 1],
        ['kernel', 1],
        ['memori', 0],
        ['nothing', 0],
      ]),
    );
    expect(store.termDocCounts(b.id, ['gpu', 'kernel', 'memori'])).toEqual(
      new Map([
        ['gpu', 1],
        ['kernel', 0],
        ['memori', 1],
      ]),
    );
    expect([store.chunkCount(a.id), store.chunkCount(b.id)]).toEqual([1, 1]);
    store.close();
  });
});
