import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/retrieval/types.js';
import { IndexStore } from '../../src/store/index-store.js';
import { tempDir } from '../temp-dirs.js';

function tempDb(): string {
  const dir = tempDir('collection-text-');
  return join(dir, 'i.db');
}

function chunk(source: string, text: string): Chunk {
  return {
    id: `${source}#0`,
    collection: 'c',
    source,
    component: null,
    headings: ['Doc'],
    lines: [1, 1],
    text,
  };
}

function write(store: IndexStore, id: number, files: Record<string, string>): void {
  store.writeDocuments(
    id,
    Object.entries(files).map(([source, text]) => ({
      source,
      hash: source,
      size: 1,
      mtime: 1,
      title: '',
      chunks: [chunk(source, text)],
    })),
  );
}

const A = {
  'a1.md': 'the cache keeps pages for a timeout',
  'a2.md': 'a timeout closes idle sockets after thirty seconds of waiting',
  'a3.md': 'memory holds pages',
};
const B = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`b${i}.md`, `timeout memory ${'filler '.repeat(i * 3)}`]),
);

function hits(store: IndexStore, id: number): Array<[string, number]> {
  return store.searchText(id, '"cache" OR "timeout" OR "memory"', 10, [8, 1]).map((hit) => {
    const found = store.chunks([Number(hit.chunkId)]).get(Number(hit.chunkId))!;
    return [found.source, hit.score];
  });
}

/** Puts the file back in the shape of schema version 1: one FTS5 table shared by every collection. */
function toVersionOne(path: string): void {
  const db = new Database(path);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'chunks_fts_[0-9]*'")
    .pluck()
    .all() as string[];
  for (const table of tables.filter((name) => /^chunks_fts_\d+$/.test(name))) {
    db.exec(`DROP TRIGGER ${table}_insert; DROP TRIGGER ${table}_delete; DROP TABLE ${table};`);
  }
  db.exec(`
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
  heading, text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61');
CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
  INSERT INTO chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text); END;
CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  INSERT INTO chunks_fts (chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text); END;
INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');
UPDATE meta SET value = '1' WHERE key = 'schema_version';`);
  db.close();
}

describe('per-collection full-text statistics', () => {
  it("scores a collection's chunks the same whether or not another collection shares the file", () => {
    const store = IndexStore.open(tempDb());
    const a = store.saveCollection('a', '/a', 'v');
    write(store, a.id, A);
    const alone = hits(store, a.id);
    expect(alone.length).toBe(3);
    const b = store.saveCollection('b', '/b', 'v');
    write(store, b.id, B);
    expect(hits(store, a.id)).toEqual(alone);
    expect(store.chunkCount(a.id)).toBe(3);
    write(store, b.id, { 'b0.md': 'cache cache cache' });
    expect(hits(store, a.id)).toEqual(alone);
    store.close();
  });

  it('searches a version 1 file as it is, and a writer moves it to per-collection tables', () => {
    const path = tempDb();
    const fresh = IndexStore.open(path);
    const a = fresh.saveCollection('a', '/a', 'v');
    write(fresh, a.id, A);
    const alone = hits(fresh, a.id);
    const b = fresh.saveCollection('b', '/b', 'v');
    write(fresh, b.id, B);
    fresh.close();
    toVersionOne(path);

    const reader = IndexStore.open(path, { readOnly: true });
    const shared = hits(reader, a.id);
    expect(shared.map(([source]) => source).sort()).toEqual(['a1.md', 'a2.md', 'a3.md']);
    expect(shared).not.toEqual(alone);
    expect(reader.chunkCount(a.id)).toBe(9);
    reader.close();

    const writer = IndexStore.open(path);
    expect(hits(writer, a.id)).toEqual(alone);
    writer.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('2');
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'chunks_fts'").pluck().get()).toBe(0);
    db.close();
  });

  it('keeps each collection table in step with removed and replaced documents', () => {
    const store = IndexStore.open(tempDb());
    const a = store.saveCollection('a', '/a', 'v');
    write(store, a.id, A);
    store.writeDocuments(a.id, [], ['a1.md']);
    expect(
      hits(store, a.id)
        .map(([source]) => source)
        .sort(),
    ).toEqual(['a2.md', 'a3.md']);
    write(store, a.id, { 'a3.md': 'nothing relevant here' });
    expect(hits(store, a.id).map(([source]) => source)).toEqual(['a2.md']);
    expect(store.chunkCount(a.id)).toBe(2);
    store.close();
  });

  it("drops a removed collection's table and triggers; a renamed one keeps its table working", () => {
    const path = tempDb();
    const store = IndexStore.open(path);
    const a = store.saveCollection('a', '/a', 'v');
    write(store, a.id, A);
    const alone = hits(store, a.id);
    const b = store.saveCollection('b', '/b', 'v');
    write(store, b.id, B);
    expect(store.renameCollection('a', 'renamed')).toBe(true);
    expect(hits(store, a.id)).toEqual(alone);
    write(store, a.id, { 'a4.md': 'cache again' });
    expect(hits(store, a.id).map(([source]) => source)).toContain('a4.md');
    expect(store.removeCollection('b')).toBe(true);
    store.close();
    const db = new Database(path, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'chunks_fts%'").pluck().all();
    db.close();
    expect(names.filter((name) => String(name).startsWith(`chunks_fts_${b.id}`))).toEqual([]);
    expect(names).toContain(`chunks_fts_${a.id}`);
    expect(names).toContain(`chunks_fts_${a.id}_insert`);
    expect(names).toContain(`chunks_fts_${a.id}_delete`);
  });

  it('a collection that takes the row id of a removed one starts with empty statistics', () => {
    const store = IndexStore.open(tempDb());
    const a = store.saveCollection('a', '/a', 'v');
    write(store, a.id, A);
    const b = store.saveCollection('b', '/b', 'v');
    write(store, b.id, B);
    expect(store.termDocCounts(b.id, ['timeout']).get('timeout')).toBe(6);
    store.removeCollection('b');
    const c = store.saveCollection('c', '/c', 'v');
    expect(c.id).toBe(b.id);
    write(store, c.id, A);
    expect(store.termDocCounts(c.id, ['timeout']).get('timeout')).toBe(2);
    expect(hits(store, c.id)).toEqual(hits(store, a.id));
    expect(store.chunkCount(c.id)).toBe(3);
    store.close();
  });
});
