import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BatutaError } from '../../src/errors.js';
import type { Chunk } from '../../src/retrieval/types.js';
import { columnWatch } from '../../src/store/database.js';
import { IndexStore } from '../../src/store/index-store.js';
import { tempDir as scratchDir } from '../temp-dirs.js';

function tempDir(): string {
  const dir = scratchDir('store-');
  return dir;
}

function chunk(source: string, text: string, headings: string[] = ['Doc']): Chunk {
  return { id: `${source}#0`, collection: 'c', source, component: null, headings, lines: [1, 2], text };
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('IndexStore', () => {
  it('stores documents, searches them with FTS5 OR queries, replaces and removes them', () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id } = store.saveCollection('c', '/docs', 'v1');
    store.writeDocuments(id, [
      {
        source: 'a.md',
        hash: 'h1',
        size: 1,
        mtime: 1,
        title: 'a',
        chunks: [chunk('a.md', 'vectors are stored in trueno-db')],
      },
      {
        source: 'b.md',
        hash: 'h2',
        size: 1,
        mtime: 1,
        title: 'b',
        chunks: [chunk('b.md', 'training runs on the GPU')],
      },
    ]);
    const search = (match: string) =>
      store
        .searchText(id, match, 10, [2, 1])
        .map((hit) => store.chunks([Number(hit.chunkId)]).get(Number(hit.chunkId))!.source);
    expect(search('"vector" OR "gpu"').sort()).toEqual(['a.md', 'b.md']);
    expect(search('"trained"')).toEqual(['b.md']);
    store.writeDocuments(
      id,
      [
        {
          source: 'a.md',
          hash: 'h3',
          size: 2,
          mtime: 2,
          title: 'a',
          chunks: [chunk('a.md', 'now about kernels')],
        },
      ],
      ['b.md'],
    );
    expect(search('"vector" OR "gpu"')).toEqual([]);
    expect(search('"kernels"')).toEqual(['a.md']);
    expect([...store.fingerprints(id).entries()]).toEqual([
      ['a.md', { hash: 'h3', size: 2, mtime: 2, contentSize: 2 }],
    ]);
    expect(store.getCollection('c')).toMatchObject({ documents: 1, chunks: 1 });
    store.close();
  });

  it("sums the characters of each named document's chunks, leaving out unknown sources", () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id } = store.saveCollection('c', '/docs', 'v1');
    const two = [chunk('a.md', 'twelve chars'), { ...chunk('a.md', 'and ten more'), id: 'a.md#1' }];
    store.writeDocuments(id, [
      { source: 'a.md', hash: 'h', size: 1, mtime: 1, title: 'a', chunks: two },
      { source: 'b.md', hash: 'h', size: 1, mtime: 1, title: 'b', chunks: [chunk('b.md', 'café')] },
    ]);
    expect(store.fileChars(id, ['a.md', 'b.md', 'gone.md'])).toEqual(
      new Map([
        ['a.md', 24],
        ['b.md', 4],
      ]),
    );
    const other = store.saveCollection('d', '/other', 'v1');
    expect(store.fileChars(other.id, ['a.md']).size).toBe(0);
    store.close();
  });

  it('reads every chunk of the named documents in file order, leaving out unknown sources', () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id } = store.saveCollection('c', '/docs', 'v1');
    const two = [chunk('a.md', 'first part'), { ...chunk('a.md', 'second part'), id: 'a.md#1' }];
    store.writeDocuments(id, [
      { source: 'b.md', hash: 'h', size: 1, mtime: 1, title: 'b', chunks: [chunk('b.md', 'other')] },
      { source: 'a.md', hash: 'h', size: 1, mtime: 1, title: 'a', chunks: two },
    ]);
    const read = store.fileChunks(id, ['a.md', 'gone.md']);
    expect(read.map((c) => [c.source, c.text, c.collection])).toEqual([
      ['a.md', 'first part', 'c'],
      ['a.md', 'second part', 'c'],
    ]);
    expect(store.chunks(read.map((c) => Number(c.id))).size).toBe(2);
    const other = store.saveCollection('d', '/other', 'v1');
    expect(store.fileChunks(other.id, ['a.md'])).toEqual([]);
    store.close();
  });

  it("keeps a merged chunk's members beside it; an index written before them reads its chunks without", () => {
    const path = join(tempDir(), 'i.db');
    const store = IndexStore.open(path);
    const { id } = store.saveCollection('c', '/docs', 'v1');
    const members = [
      { headings: ['Doc', 'alpha'], lines: [1, 1] as const, from: 0 },
      { headings: ['Doc', 'beta'], lines: [2, 2] as const, from: 1 },
    ];
    const merged = { ...chunk('a.html', 'alpha\nbeta'), members };
    store.writeDocuments(id, [
      { source: 'a.html', hash: 'h', size: 1, mtime: 1, title: 'a', chunks: [merged, chunk('b.md', 'b')] },
    ]);
    const read = store.chunks([1, 2]);
    expect(read.get(1)).toEqual({ ...merged, id: '1' });
    expect(read.get(2)!.members).toBeUndefined();
    store.close();
    const raw = new Database(path);
    raw.exec('UPDATE chunks SET members = \'[{"headings": 3}]\' WHERE id = 1');
    raw.close();
    const damaged = IndexStore.open(path, { readOnly: true });
    expect(() => damaged.chunks([1])).toThrow(
      /index: chunk 1 has malformed merged sections \(run "batuta index/,
    );
    damaged.close();
    // What an index written before members were kept looks like: no column (a search adds none).
    const old = new Database(path);
    old.exec('ALTER TABLE chunks DROP COLUMN members');
    old.close();
    const search = IndexStore.open(path, { readOnly: true });
    expect(search.chunks([1]).get(1)).toEqual({ ...chunk('a.html', 'alpha\nbeta'), id: '1' });
    search.close();
  });

  it('weights the heading column over the body', () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id } = store.saveCollection('c', '/docs', 'v1');
    store.writeDocuments(id, [
      {
        source: 'body.md',
        hash: 'h',
        size: 1,
        mtime: 1,
        title: '',
        chunks: [chunk('body.md', 'quantization of weights here', ['Other'])],
      },
      {
        source: 'head.md',
        hash: 'h',
        size: 1,
        mtime: 1,
        title: '',
        chunks: [chunk('head.md', 'some text of similar size', ['Quantization'])],
      },
    ]);
    const [first] = store.searchText(id, '"quantization"', 10, [8, 1]);
    expect(store.chunks([Number(first!.chunkId)]).get(Number(first!.chunkId))!.source).toBe('head.md');
    store.close();
  });

  it('keeps vectors per chunk and bumps the generation on every write', () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id, generation } = store.saveCollection('c', '/docs', 'v1');
    store.writeDocuments(id, [
      { source: 'a.md', hash: 'h', size: 1, mtime: 1, title: '', chunks: [chunk('a.md', 'x')] },
    ]);
    const [pending] = store.pendingChunks(id, 10);
    store.saveVectors(id, [{ id: pending!.id, vector: Float32Array.from([0.6, 0.8]) }]);
    expect(store.pendingChunks(id, 10)).toEqual([]);
    expect([...store.vectors([pending!.id]).values()][0]).toEqual(Float32Array.from([0.6, 0.8]));
    expect(store.getCollection('c')!.generation).toBe(generation + 2);
    store.close();
  });

  it('replaces all vectors, the embedder and the vector file state in one step', () => {
    const store = IndexStore.open(join(tempDir(), 'i.db'));
    const { id } = store.saveCollection('c', '/docs', 'v1');
    store.writeDocuments(id, [
      {
        source: 'a.md',
        hash: 'h',
        size: 1,
        mtime: 1,
        title: '',
        chunks: [chunk('a.md', 'x'), chunk('a.md', 'y')],
      },
    ]);
    const [first, second] = store.chunksAfter(id, 10);
    store.setEmbedder(id, 'old/1');
    store.saveVectors(id, [
      { id: first!.id, vector: Float32Array.from([1, 0]) },
      { id: second!.id, vector: Float32Array.from([0, 1]) },
    ]);
    expect(store.chunksAfter(id, 10, first!.id).map((c) => c.id)).toEqual([second!.id]);
    store.replaceVectors(id, 'new/2', [{ id: second!.id, vector: Float32Array.from([0.6, 0.8]) }], {
      maxId: second!.id,
      live: 1,
    });
    const row = store.getCollection('c')!;
    expect(row.embedder).toBe('new/2');
    expect(row.vectorGeneration).toBe(row.generation);
    expect(store.vectorFileState(id)).toEqual({ maxId: second!.id, live: 1 });
    expect([...store.vectors([first!.id, second!.id])]).toEqual([
      [second!.id, Float32Array.from([0.6, 0.8])],
    ]);
    store.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'just some text that is not a database at all\n');
    expect(codeOf(() => IndexStore.open(path))).toBe('CORRUPT_STORE');
    expect(readFileSync(path, 'utf8')).toBe('just some text that is not a database at all\n');
  });

  it('refuses a SQLite database that another program made, without writing to it', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE people (name TEXT)');
    other.close();
    const before = readFileSync(path);
    expect(codeOf(() => IndexStore.open(path))).toBe('CORRUPT_STORE');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer schema and a damaged one', () => {
    const dir = tempDir();
    const path = join(dir, 'i.db');
    IndexStore.open(path).close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(codeOf(() => IndexStore.open(path))).toBe('CORRUPT_STORE');
    const damaged = join(dir, 'damaged.db');
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, 4096 * 2);
    writeFileSync(damaged, bytes);
    expect(codeOf(() => IndexStore.open(damaged))).toBe('CORRUPT_STORE');
  });

  it('reports a missing database for searches instead of creating it', () => {
    expect(codeOf(() => IndexStore.open(join(tempDir(), 'none.db'), { mustExist: true }))).toBe('NOT_FOUND');
  });
});

describe('IndexStore.removeIfUnused', () => {
  it('keeps a database another connection has open, and removes it with its WAL files once none has', () => {
    const path = join(tempDir(), 'shared.db');
    IndexStore.open(path).close();
    const other = IndexStore.open(path, { readOnly: true });
    expect(IndexStore.removeIfUnused(path)).toBe(false);
    expect(existsSync(path)).toBe(true);
    expect(other.listCollections()).toEqual([]);
    other.close();
    expect(IndexStore.removeIfUnused(path)).toBe(true);
    for (const end of ['', '-wal', '-shm']) expect(existsSync(path + end)).toBe(false);
  });
});

describe('columnWatch', () => {
  it('sees a column another connection adds while this one stays open, and keeps seeing it', () => {
    const path = join(tempDir(), 'watch.db');
    const mine = new Database(path);
    mine.exec('CREATE TABLE chunks (id INTEGER PRIMARY KEY)');
    const hasMembers = columnWatch(mine, 'chunks', 'members');
    expect(hasMembers()).toBe(false);
    const other = new Database(path);
    other.exec('ALTER TABLE chunks ADD COLUMN members TEXT');
    other.close();
    expect(hasMembers()).toBe(true);
    expect(hasMembers()).toBe(true);
    mine.close();
  });
});
