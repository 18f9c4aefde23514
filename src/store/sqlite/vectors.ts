/**
 * Chunk vectors and the bookkeeping of each collection's HNSW file: which generation of the vectors the
 * file serves, what it held when written, and the stamp of the model the vectors came from.
 */
import type Database from 'better-sqlite3';
import { checkShape, number, object, optional, string } from '../../shapes.js';
import type { PendingChunk, VectorFileState } from '../index-store.js';
import type { CollectionsTable } from './collections.js';
import type { MetaTable } from './meta.js';
import type { Prepare } from './statements.js';

/** What the metadata says of a collection's HNSW file; anything else there is ignored. */
const checkFileState = object<VectorFileState>({
  maxId: number({ int: true }),
  live: number({ int: true }),
  sha256: optional(string),
  bytes: optional(number({ int: true })),
});

type VectorWrite = ReadonlyArray<{ id: number; vector: Float32Array }>;

export interface VectorsTable {
  markIndexSaved(collectionId: number, generation: number, file?: VectorFileState): void;
  modelStamp(collectionId: number): string | null;
  setModelStamp(collectionId: number, stamp: string | null): void;
  fileState(collectionId: number): VectorFileState | null;
  after(collectionId: number, afterId: number): Map<number, Float32Array>;
  countsAround(collectionId: number, id: number): [number, number];
  pending(collectionId: number, limit: number, after: number): PendingChunk[];
  chunksAfter(collectionId: number, limit: number, after: number): PendingChunk[];
  save(collectionId: number, vectors: VectorWrite): void;
  replace(collectionId: number, embedder: string, vectors: VectorWrite, file: VectorFileState): void;
  ids(collectionId: number): number[];
  get(ids: readonly number[]): Map<number, Float32Array>;
  of(collectionId: number, embedder: string, ids: readonly number[]): Map<number, Float32Array>;
}

const fileKey = (collectionId: number) => `vectors:${collectionId}`;
const stampKey = (collectionId: number) => `model-stamp:${collectionId}`;
const asVector = (blob: Buffer) => new Float32Array(new Uint8Array(blob).buffer);

export function createVectorsTable(
  db: Database.Database,
  statement: Prepare,
  collections: CollectionsTable,
  meta: MetaTable,
): VectorsTable {
  const markIndexSaved = db.transaction(
    (collectionId: number, generation: number, file?: VectorFileState) => {
      statement('UPDATE collections SET vector_generation = ? WHERE id = ?').run(generation, collectionId);
      if (file !== undefined) meta.set(fileKey(collectionId), JSON.stringify(file));
    },
  );
  const save = db.transaction((collectionId: number, vectors: VectorWrite) => {
    const update = statement('UPDATE chunks SET vector = ? WHERE id = ? AND collection_id = ?');
    for (const { id, vector } of vectors) {
      update.run(Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), id, collectionId);
    }
    collections.bump(collectionId);
  });
  const replace = db.transaction(
    (collectionId: number, embedder: string, vectors: VectorWrite, file: VectorFileState) => {
      const chunks = statement('SELECT count(*) FROM chunks WHERE collection_id = ?')
        .pluck()
        .get(collectionId) as number;
      // Every chunk gets a new vector in the usual case: then the rows are written once, not cleared first.
      if (vectors.length !== chunks) {
        statement('UPDATE chunks SET vector = NULL WHERE collection_id = ?').run(collectionId);
      }
      save(collectionId, vectors);
      collections.setEmbedder(collectionId, embedder);
      markIndexSaved(collectionId, collections.generation(collectionId), file);
    },
  );
  const page = (sql: string, parameters: readonly number[]): PendingChunk[] =>
    (statement(sql).all(...parameters) as Array<{ id: number; text: string; headings: string }>).map(
      (row) => ({ id: row.id, text: row.text, headings: JSON.parse(row.headings) as string[] }),
    );
  const hasPendingIndex = () =>
    statement("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'chunks_pending'").get() !==
    undefined;
  return {
    markIndexSaved: (collectionId, generation, file) => markIndexSaved(collectionId, generation, file),
    modelStamp: (collectionId) => meta.get(stampKey(collectionId)),
    setModelStamp(collectionId, stamp) {
      if (stamp === null) meta.remove(stampKey(collectionId));
      else meta.set(stampKey(collectionId), stamp);
    },
    fileState(collectionId) {
      const value = meta.get(fileKey(collectionId));
      if (value === null) return null;
      const checked = checkShape(checkFileState, JSON.parse(value));
      return 'value' in checked ? checked.value : null;
    },
    after(collectionId, afterId) {
      const rows = statement(
        'SELECT id, vector FROM chunks WHERE id > ? AND collection_id = ? AND vector IS NOT NULL ORDER BY id',
      ).all(afterId, collectionId) as Array<{ id: number; vector: Buffer }>;
      return new Map(rows.map((row) => [row.id, asVector(row.vector)]));
    },
    countsAround(collectionId, id) {
      // All chunks minus pending ones, each counted from an index (no read of the wide chunk rows).
      const row = statement(
        `SELECT (SELECT count(*) FROM chunks WHERE collection_id = @c AND id <= @id) AS allBelow,
                (SELECT count(*) FROM chunks WHERE collection_id = @c AND id > @id) AS allAbove,
                (SELECT count(*) FROM chunks WHERE collection_id = @c AND vector IS NULL AND id <= @id) AS pendingBelow,
                (SELECT count(*) FROM chunks WHERE collection_id = @c AND vector IS NULL AND id > @id) AS pendingAbove`,
      ).get({ c: collectionId, id }) as Record<
        'allBelow' | 'allAbove' | 'pendingBelow' | 'pendingAbove',
        number
      >;
      return [row.allBelow - row.pendingBelow, row.allAbove - row.pendingAbove];
    },
    pending(collectionId, limit, after) {
      // Without statistics SQLite prefers the plain collection index and reads every wide chunk row;
      // the partial index of pending chunks (database.ts, made by writers) holds only the rows wanted.
      const via = hasPendingIndex() ? 'INDEXED BY chunks_pending' : '';
      return page(
        `SELECT id, text, headings FROM chunks ${via} WHERE id > ? AND collection_id = ? AND vector IS NULL ORDER BY id LIMIT ?`,
        [after, collectionId, limit],
      );
    },
    chunksAfter(collectionId, limit, after) {
      return page(
        'SELECT id, text, headings FROM chunks WHERE id > ? AND collection_id = ? ORDER BY id LIMIT ?',
        [after, collectionId, limit],
      );
    },
    save: (collectionId, vectors) => save(collectionId, vectors),
    replace: (collectionId, embedder, vectors, file) => replace(collectionId, embedder, vectors, file),
    ids(collectionId) {
      return statement('SELECT id FROM chunks WHERE collection_id = ? AND vector IS NOT NULL ORDER BY id')
        .pluck()
        .all(collectionId) as number[];
    },
    of(collectionId, embedder, ids) {
      // One statement for any number of ids (a JSON array), read in one snapshot with the embedder check.
      const rows = statement(
        `SELECT k.id, k.vector FROM json_each(?) AS j JOIN chunks k ON k.id = j.value
         JOIN collections c ON c.id = k.collection_id
         WHERE k.collection_id = ? AND c.embedder = ? AND k.vector IS NOT NULL`,
      ).all(JSON.stringify(ids), collectionId, embedder) as Array<{ id: number; vector: Buffer }>;
      return new Map(rows.map((row) => [row.id, asVector(row.vector)]));
    },
    get(ids) {
      const select = statement('SELECT id, vector FROM chunks WHERE id = ? AND vector IS NOT NULL');
      const found = new Map<number, Float32Array>();
      for (const id of ids) {
        const row = select.get(id) as { id: number; vector: Buffer } | undefined;
        if (row) found.set(row.id, asVector(row.vector));
      }
      return found;
    },
  };
}
