/** Documents and their chunks: fingerprints for incremental indexing, writes, and chunks read back. */
import type Database from 'better-sqlite3';
import type { Chunk } from '../../retrieval/types.js';
import { columnWatch } from '../database.js';
import type { DocumentFingerprint, DocumentTouch, DocumentWrite } from '../index-store.js';
import { KeptVectors } from '../kept-vectors.js';
import { type ChunkRow, toChunk } from '../rows.js';
import type { Prepare } from './statements.js';

export interface DocumentsTable {
  fingerprints(collectionId: number): Map<string, DocumentFingerprint>;
  touch(collectionId: number, touched: readonly DocumentTouch[]): void;
  write(collectionId: number, writes: readonly DocumentWrite[], removed: readonly string[]): void;
  chunks(ids: readonly number[]): Map<number, Chunk>;
  fileChars(collectionId: number, sources: readonly string[]): Map<string, number>;
  fileChunks(collectionId: number, sources: readonly string[]): Chunk[];
  chunkTokens(ids: readonly number[]): Map<number, Uint8Array>;
  chunkTexts(collectionId: number): string[];
}

/** Stored chunks by what was embedded, each with its row id and vector; the lowest id is taken first. */
type KeptRows = KeptVectors<{ id: number; vector: Buffer }>;

export function createDocumentsTable(db: Database.Database, statement: Prepare): DocumentsTable {
  // A file written by an older batuta, opened read-only, has no content_size yet (writers add it).
  const hasContentSize = columnWatch(db, 'documents', 'content_size');
  const hasTokens = columnWatch(db, 'chunks', 'tokens');
  // Merged sections (Chunk.members) are read where the file keeps them; an older file's chunks are cited whole.
  const hasMembers = columnWatch(db, 'chunks', 'members');
  const touch = db.transaction((collectionId: number, touched: readonly DocumentTouch[]) => {
    const update = statement(
      'UPDATE documents SET mtime = ?, content_size = coalesce(?, content_size) WHERE collection_id = ? AND source = ?',
    );
    for (const t of touched) update.run(t.mtime, t.contentSize ?? null, collectionId, t.source);
  });
  const insertChunks = (
    documentId: number | bigint,
    collectionId: number,
    write: DocumentWrite,
    kept: KeptRows,
  ) => {
    const insert = statement(
      `INSERT INTO chunks (id, document_id, collection_id, ordinal, component, headings, heading, line_start, line_end, text, vector, tokens, members)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    write.chunks.forEach((chunk, ordinal) => {
      const tokens = write.tokens?.[ordinal];
      const headings = JSON.stringify(chunk.headings);
      const reused = kept.take(headings, chunk.text);
      insert.run(
        reused?.id ?? null,
        documentId,
        collectionId,
        ordinal,
        chunk.component,
        headings,
        [write.title, ...chunk.headings].filter((part) => part !== '').join(' > '),
        chunk.lines[0],
        chunk.lines[1],
        chunk.text,
        reused?.vector ?? null,
        tokens ? Buffer.from(tokens.buffer, tokens.byteOffset, tokens.byteLength) : null,
        chunk.members === undefined ? null : JSON.stringify(chunk.members),
      );
    });
  };
  /**
   * The vectors of the chunks of `sources` as stored, by what was embedded (heading path and text), with
   * their row ids: a chunk written again with the same heading path and text takes both back, so a file
   * re-chunked with most of its text unchanged (a changed page, a new chunking version) is not embedded
   * again, and the HNSW file and the adapted model's record still know the chunk by its id. Vectors
   * stored are always the collection's current embedder's; a run that changes embedder embeds all again.
   */
  const keptVectors = (collectionId: number, sources: readonly string[]): KeptRows => {
    const read = statement(
      `SELECT k.id, k.headings, k.text, k.vector FROM chunks k JOIN documents d ON d.id = k.document_id
       WHERE d.collection_id = ? AND d.source = ? AND k.vector IS NOT NULL ORDER BY k.id DESC`,
    );
    const kept: KeptRows = new KeptVectors();
    for (const source of sources) {
      const rows = read.all(collectionId, source) as Array<{
        id: number;
        headings: string;
        text: string;
        vector: Buffer;
      }>;
      for (const row of rows) kept.add(row.headings, row.text, { id: row.id, vector: row.vector });
    }
    return kept;
  };
  const write = db.transaction(
    (collectionId: number, writes: readonly DocumentWrite[], removed: readonly string[]) => {
      const deleteChunks = statement(
        'DELETE FROM chunks WHERE document_id IN (SELECT id FROM documents WHERE collection_id = ? AND source = ?)',
      );
      const deleteDocument = statement('DELETE FROM documents WHERE collection_id = ? AND source = ?');
      const kept = keptVectors(
        collectionId,
        writes.map((w) => w.source),
      );
      for (const source of [...removed, ...writes.map((w) => w.source)]) {
        deleteChunks.run(collectionId, source);
        deleteDocument.run(collectionId, source);
      }
      const insertDocument = statement(
        'INSERT INTO documents (collection_id, source, hash, size, mtime, content_size) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const w of writes) {
        const { lastInsertRowid } = insertDocument.run(
          collectionId,
          w.source,
          w.hash,
          w.size,
          w.mtime,
          w.contentSize ?? w.size,
        );
        insertChunks(lastInsertRowid, collectionId, w, kept);
      }
      statement('UPDATE collections SET updated_at = ?, generation = generation + 1 WHERE id = ?').run(
        new Date().toISOString(),
        collectionId,
      );
    },
  );
  return {
    fingerprints(collectionId) {
      const rows = statement(
        `SELECT source, hash, size, mtime, ${hasContentSize() ? 'content_size' : 'NULL'} AS contentSize FROM documents WHERE collection_id = ?`,
      ).all(collectionId) as Array<DocumentFingerprint & { source: string }>;
      return new Map(rows.map(({ source, ...print }) => [source, print]));
    },
    touch: (collectionId, touched) => touch(collectionId, touched),
    write(collectionId, writes, removed) {
      if (writes.length > 0 || removed.length > 0) write(collectionId, writes, removed);
    },
    chunks(ids) {
      const rows = statement(
        `${chunkColumns(hasMembers())} WHERE k.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ids)) as ChunkRow[];
      return new Map(rows.map((row) => [row.id, toChunk(row)]));
    },
    fileChunks(collectionId, sources) {
      const rows = statement(
        `${chunkColumns(hasMembers())} WHERE d.collection_id = ? AND d.source IN (SELECT value FROM json_each(?))
         ORDER BY d.source, k.ordinal`,
      ).all(collectionId, JSON.stringify(sources)) as ChunkRow[];
      return rows.map(toChunk);
    },
    fileChars(collectionId, sources) {
      const rows = statement(
        `SELECT d.source, sum(length(k.text)) AS chars FROM documents d JOIN chunks k ON k.document_id = d.id
         WHERE d.collection_id = ? AND d.source IN (SELECT value FROM json_each(?)) GROUP BY d.source`,
      ).all(collectionId, JSON.stringify(sources)) as Array<{ source: string; chars: number }>;
      return new Map(rows.map((row) => [row.source, row.chars]));
    },
    chunkTokens(ids) {
      if (!hasTokens() || ids.length === 0) return new Map();
      const rows = statement(
        'SELECT id, tokens FROM chunks WHERE tokens IS NOT NULL AND id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(ids)) as Array<{ id: number; tokens: unknown }>;
      // A value of another type (a file edited by hand) is left out: the reranker reads that chunk's text.
      return new Map(rows.flatMap((row) => (Buffer.isBuffer(row.tokens) ? [[row.id, row.tokens]] : [])));
    },
    chunkTexts(collectionId) {
      return statement('SELECT heading || char(10) || text FROM chunks WHERE collection_id = ? ORDER BY id')
        .pluck()
        .all(collectionId) as string[];
    },
  };
}

/** The select of chunks with their source and collection name (members where the file keeps them). */
function chunkColumns(members: boolean): string {
  return `SELECT k.id, d.source, c.name AS collection, k.component, k.headings, k.line_start, k.line_end, k.text,
   ${members ? 'k.members' : 'NULL'} AS members
   FROM chunks k JOIN documents d ON d.id = k.document_id JOIN collections c ON c.id = k.collection_id`;
}
