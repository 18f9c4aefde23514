/**
 * Collections, documents, chunks, vectors and fingerprints in the index database. Every write that
 * changes what a reader can see runs in one transaction, so a search never sees a half-written file and
 * a crash loses only the batch in flight.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Chunk, ScoredChunk } from '../retrieval/types.js';
import { openDatabase, translateSqliteError } from './database.js';
import { type ChunkRow, toChunk, toCollection } from './rows.js';

/** A persisted collection and the versions its chunks and vectors were built with. */
export interface CollectionHead {
  readonly id: number;
  readonly name: string;
  readonly root: string;
  readonly chunker: string;
  readonly embedder: string | null;
  readonly updatedAt: string;
  /** Bumped by every write to the collection's chunks or vectors. */
  readonly generation: number;
  /** The generation the HNSW file was last saved at; equal to `generation` when it is up to date. */
  readonly vectorGeneration: number;
}

/** A collection with its document and chunk counts. */
export interface CollectionRow extends CollectionHead {
  readonly documents: number;
  readonly chunks: number;
}

/** A document's fingerprint as stored. */
export interface DocumentFingerprint {
  readonly hash: string;
  readonly size: number;
  /** Modification time (ms) when last read; a file with the same size and mtime is not read again. */
  readonly mtime: number;
}

/** One document to store with its chunks (chunk ids are replaced by row ids). */
export interface DocumentWrite {
  readonly source: string;
  readonly hash: string;
  readonly size: number;
  readonly mtime: number;
  /** Extra words for the weighted heading column of every chunk (e.g. the file name), or ''. */
  readonly title: string;
  readonly chunks: readonly Chunk[];
}

/** The HNSW file of a collection when it was last written: its largest label and its live labels. */
export interface VectorFileState {
  readonly maxId: number;
  readonly live: number;
}

const VectorFileStateSchema = z.object({
  maxId: z.number().int().describe('Largest chunk id in the HNSW file'),
  live: z.number().int().describe('Labels in the file that were live when it was written'),
});

/** A chunk that still needs a vector. */
export interface PendingChunk {
  readonly id: number;
  readonly text: string;
  readonly headings: readonly string[];
}

/** The index database of `batuta index` and `batuta oracle --rag`. */
export class IndexStore {
  private readonly statements = new Map<string, Database.Statement>();
  /** Whether this connection created its temp fts5vocab table. */
  private vocabulary = false;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** A prepared statement, prepared once per store (searches run the same few statements repeatedly). */
  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** Opens or creates the database; see openDatabase for the checks. */
  static open(path: string, options: { mustExist?: boolean } = {}): IndexStore {
    return new IndexStore(openDatabase(path, options), path);
  }

  close(): void {
    this.db.close();
  }

  getCollectionById(id: number): (CollectionRow & { pendingVectors: number }) | null {
    const row = this.listCollections().find((collection) => collection.id === id);
    if (row === undefined) return null;
    const pending = this.guard(
      () =>
        this.db
          .prepare('SELECT count(*) FROM chunks WHERE collection_id = ? AND vector IS NULL')
          .pluck()
          .get(id) as number,
    );
    return { ...row, pendingVectors: pending };
  }

  listCollections(): CollectionRow[] {
    return this.guard(() =>
      (
        this.db
          .prepare(
            `SELECT c.*, (SELECT count(*) FROM documents d WHERE d.collection_id = c.id) AS documents,
             (SELECT count(*) FROM chunks k WHERE k.collection_id = c.id) AS chunks
             FROM collections c ORDER BY c.name`,
          )
          .all() as Array<Record<string, unknown>>
      ).map(toCollection),
    );
  }

  getCollection(name: string): CollectionRow | null {
    return this.listCollections().find((row) => row.name === name) ?? null;
  }

  /** The collection row without counts: cheap enough to check before every search. */
  headOf(name: string): CollectionHead | null {
    const row = this.guard(
      () =>
        this.statement('SELECT * FROM collections WHERE name = ?').get(name) as
          | Record<string, unknown>
          | undefined,
    );
    return row === undefined ? null : toCollection({ ...row, documents: -1, chunks: -1 });
  }

  /** Creates the collection or updates its root and chunker version; returns the stored row. */
  saveCollection(name: string, root: string, chunker: string): CollectionRow {
    this.guard(() =>
      this.db
        .prepare(
          `INSERT INTO collections (name, root, chunker, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET root = excluded.root, chunker = excluded.chunker,
           updated_at = excluded.updated_at`,
        )
        .run(name, root, chunker, new Date().toISOString()),
    );
    return this.getCollection(name)!;
  }

  /** Records which embedder the collection's vectors come from (null: no vectors). */
  setEmbedder(collectionId: number, embedder: string | null): void {
    this.guard(() =>
      this.db.prepare('UPDATE collections SET embedder = ? WHERE id = ?').run(embedder, collectionId),
    );
  }

  fingerprints(collectionId: number): Map<string, DocumentFingerprint> {
    const rows = this.guard(
      () =>
        this.db
          .prepare('SELECT source, hash, size, mtime FROM documents WHERE collection_id = ?')
          .all(collectionId) as Array<DocumentFingerprint & { source: string }>,
    );
    return new Map(rows.map(({ source, ...print }) => [source, print]));
  }

  /** Records new modification times of documents whose content hash did not change. */
  touchDocuments(collectionId: number, touched: ReadonlyArray<{ source: string; mtime: number }>): void {
    const update = this.db.prepare('UPDATE documents SET mtime = ? WHERE collection_id = ? AND source = ?');
    const run = this.db.transaction(() => {
      for (const { source, mtime } of touched) update.run(mtime, collectionId, source);
    });
    this.guard(() => run());
  }

  /** Replaces the given documents (and removes `removed` sources) in one transaction. */
  writeDocuments(
    collectionId: number,
    writes: readonly DocumentWrite[],
    removed: readonly string[] = [],
  ): void {
    if (writes.length === 0 && removed.length === 0) return;
    const deleteChunks = this.db.prepare(
      'DELETE FROM chunks WHERE document_id IN (SELECT id FROM documents WHERE collection_id = ? AND source = ?)',
    );
    const deleteDocument = this.db.prepare('DELETE FROM documents WHERE collection_id = ? AND source = ?');
    const insertDocument = this.db.prepare(
      'INSERT INTO documents (collection_id, source, hash, size, mtime) VALUES (?, ?, ?, ?, ?)',
    );
    const insertChunk = this.db.prepare(
      `INSERT INTO chunks (document_id, collection_id, ordinal, component, headings, heading, line_start, line_end, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const run = this.db.transaction(() => {
      for (const source of [...removed, ...writes.map((write) => write.source)]) {
        deleteChunks.run(collectionId, source);
        deleteDocument.run(collectionId, source);
      }
      for (const write of writes) {
        const documentId = insertDocument.run(
          collectionId,
          write.source,
          write.hash,
          write.size,
          write.mtime,
        ).lastInsertRowid;
        write.chunks.forEach((chunk, ordinal) => {
          insertChunk.run(
            documentId,
            collectionId,
            ordinal,
            chunk.component,
            JSON.stringify(chunk.headings),
            [write.title, ...chunk.headings].filter((part) => part !== '').join(' > '),
            chunk.lines[0],
            chunk.lines[1],
            chunk.text,
          );
        });
      }
      this.db
        .prepare('UPDATE collections SET updated_at = ?, generation = generation + 1 WHERE id = ?')
        .run(new Date().toISOString(), collectionId);
    });
    this.guard(() => run());
  }

  /**
   * Records that the collection's vectors at `generation` are served: by the HNSW file, whose largest
   * label and live label count are `file` when the file was (re)written, plus the vectors above
   * `file.maxId`, which searches scan directly.
   */
  markVectorIndexSaved(collectionId: number, generation: number, file?: VectorFileState): void {
    const run = this.db.transaction(() => {
      this.db
        .prepare('UPDATE collections SET vector_generation = ? WHERE id = ?')
        .run(generation, collectionId);
      if (file !== undefined) {
        this.db
          .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
          .run(`vectors:${collectionId}`, JSON.stringify(file));
      }
    });
    this.guard(() => run());
  }

  /**
   * What identified the collection's embedding model when its vectors were last brought up to date
   * (indexing/vector-sync.ts compares it to skip loading the model when nothing needs embedding).
   */
  modelStamp(collectionId: number): string | null {
    const value = this.guard(() =>
      this.statement('SELECT value FROM meta WHERE key = ?').pluck().get(`model-stamp:${collectionId}`),
    );
    return typeof value === 'string' ? value : null;
  }

  setModelStamp(collectionId: number, stamp: string | null): void {
    const key = `model-stamp:${collectionId}`;
    this.guard(() =>
      stamp === null
        ? this.statement('DELETE FROM meta WHERE key = ?').run(key)
        : this.statement('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, stamp),
    );
  }

  /** What the collection's HNSW file held when it was last written, or null when unknown. */
  vectorFileState(collectionId: number): VectorFileState | null {
    const value = this.guard(
      () =>
        this.statement('SELECT value FROM meta WHERE key = ?').pluck().get(`vectors:${collectionId}`) as
          | string
          | undefined,
    );
    if (value === undefined) return null;
    const parsed = VectorFileStateSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  }

  /** Vectors of the collection's chunks with ids above `afterId` (the ones not in the HNSW file). */
  vectorsAfter(collectionId: number, afterId: number): Map<number, Float32Array> {
    const rows = this.guard(
      () =>
        this.statement(
          'SELECT id, vector FROM chunks WHERE id > ? AND collection_id = ? AND vector IS NOT NULL ORDER BY id',
        ).all(afterId, collectionId) as Array<{ id: number; vector: Buffer }>,
    );
    return new Map(rows.map((row) => [row.id, new Float32Array(new Uint8Array(row.vector).buffer)]));
  }

  /** How many of the collection's chunks have a vector, split at `id`: [at or below, above]. */
  vectorCountsAround(collectionId: number, id: number): [number, number] {
    // All chunks minus pending ones, each counted from an index (no read of the wide chunk rows).
    const row = this.guard(
      () =>
        this.statement(
          `SELECT (SELECT count(*) FROM chunks WHERE collection_id = @c AND id <= @id) AS allBelow,
                  (SELECT count(*) FROM chunks WHERE collection_id = @c AND id > @id) AS allAbove,
                  (SELECT count(*) FROM chunks WHERE collection_id = @c AND vector IS NULL AND id <= @id) AS pendingBelow,
                  (SELECT count(*) FROM chunks WHERE collection_id = @c AND vector IS NULL AND id > @id) AS pendingAbove`,
        ).get({ c: collectionId, id }) as {
          allBelow: number;
          allAbove: number;
          pendingBelow: number;
          pendingAbove: number;
        },
    );
    return [row.allBelow - row.pendingBelow, row.allAbove - row.pendingAbove];
  }

  private hasPendingIndex(): boolean {
    const found = this.guard(() =>
      this.statement("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'chunks_pending'").get(),
    );
    return found !== undefined;
  }

  private bump(collectionId: number): void {
    this.db.prepare('UPDATE collections SET generation = generation + 1 WHERE id = ?').run(collectionId);
  }

  /**
   * Chunks without a vector, in id order, after chunk id `after` (pass the last id of the previous page:
   * restarting from the beginning would rescan every filled row on each page).
   */
  pendingChunks(collectionId: number, limit: number, after = 0): PendingChunk[] {
    // Without statistics SQLite prefers the plain collection index and reads every wide chunk row;
    // the partial index of pending chunks (database.ts, made by writers) holds only the rows wanted.
    const via = this.hasPendingIndex() ? 'INDEXED BY chunks_pending' : '';
    return this.chunkPage(
      `SELECT id, text, headings FROM chunks ${via} WHERE id > ? AND collection_id = ? AND vector IS NULL ORDER BY id LIMIT ?`,
      [after, collectionId, limit],
    );
  }

  /** Every chunk, with or without a vector, in id order after chunk id `after` (re-embedding). */
  chunksAfter(collectionId: number, limit: number, after = 0): PendingChunk[] {
    return this.chunkPage(
      'SELECT id, text, headings FROM chunks WHERE id > ? AND collection_id = ? ORDER BY id LIMIT ?',
      [after, collectionId, limit],
    );
  }

  private chunkPage(sql: string, parameters: readonly number[]): PendingChunk[] {
    const rows = this.guard(
      () => this.statement(sql).all(...parameters) as Array<{ id: number; text: string; headings: string }>,
    );
    return rows.map((row) => ({
      id: row.id,
      text: row.text,
      headings: JSON.parse(row.headings) as string[],
    }));
  }

  /** Every chunk text of a collection in id order (for adapting a model to the collection). */
  chunkTexts(collectionId: number): string[] {
    return this.guard(
      () =>
        this.db
          .prepare('SELECT heading || char(10) || text FROM chunks WHERE collection_id = ? ORDER BY id')
          .pluck()
          .all(collectionId) as string[],
    );
  }

  /** Stores vectors in one transaction. */
  saveVectors(collectionId: number, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>): void {
    const update = this.db.prepare('UPDATE chunks SET vector = ? WHERE id = ? AND collection_id = ?');
    const run = this.db.transaction(() => {
      for (const { id, vector } of vectors) {
        update.run(Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), id, collectionId);
      }
      this.bump(collectionId);
    });
    this.guard(() => run());
  }

  /**
   * Puts a whole new set of vectors from another embedder in place of the old ones, in one transaction,
   * once the HNSW file for them (`file`) is written: a search sees either the old embedder and vectors or
   * the new ones, never a mix. Chunks missing from `vectors` are left without one.
   */
  replaceVectors(
    collectionId: number,
    embedder: string,
    vectors: ReadonlyArray<{ id: number; vector: Float32Array }>,
    file: VectorFileState,
  ): void {
    const run = this.db.transaction(() => {
      const chunks = this.db
        .prepare('SELECT count(*) FROM chunks WHERE collection_id = ?')
        .pluck()
        .get(collectionId) as number;
      // Every chunk gets a new vector in the usual case: then the rows are written once, not cleared first.
      if (vectors.length !== chunks) {
        this.db.prepare('UPDATE chunks SET vector = NULL WHERE collection_id = ?').run(collectionId);
      }
      this.saveVectors(collectionId, vectors);
      this.setEmbedder(collectionId, embedder);
      const generation = this.db
        .prepare('SELECT generation FROM collections WHERE id = ?')
        .pluck()
        .get(collectionId) as number;
      this.markVectorIndexSaved(collectionId, generation, file);
    });
    this.guard(() => run());
  }

  /** Ids of the chunks of a collection that have a vector. */
  vectorIds(collectionId: number): number[] {
    return this.guard(
      () =>
        this.db
          .prepare('SELECT id FROM chunks WHERE collection_id = ? AND vector IS NOT NULL ORDER BY id')
          .pluck()
          .all(collectionId) as number[],
    );
  }

  /** Stored vectors of the given chunk ids. */
  vectors(ids: readonly number[]): Map<number, Float32Array> {
    const select = this.db.prepare('SELECT id, vector FROM chunks WHERE id = ? AND vector IS NOT NULL');
    const found = new Map<number, Float32Array>();
    this.guard(() => {
      for (const id of ids) {
        const row = select.get(id) as { id: number; vector: Buffer } | undefined;
        if (row) found.set(row.id, new Float32Array(new Uint8Array(row.vector).buffer));
      }
    });
    return found;
  }

  /** Chunks by row id, with their collection name; missing ids are left out. One query for all ids. */
  chunks(ids: readonly number[]): Map<number, Chunk> {
    const rows = this.guard(
      () =>
        this.statement(
          `SELECT k.id, d.source, c.name AS collection, k.component, k.headings, k.line_start, k.line_end, k.text
           FROM chunks k JOIN documents d ON d.id = k.document_id JOIN collections c ON c.id = k.collection_id
           WHERE k.id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(ids)) as ChunkRow[],
    );
    return new Map(rows.map((row) => [row.id, toChunk(row)]));
  }

  /**
   * FTS5 BM25 search inside one collection. `match` is an FTS5 expression (built by the retrieval layer);
   * `weights` weigh the heading and body columns. Scores are returned positive, higher is better.
   */
  searchText(
    collectionId: number,
    match: string,
    limit: number,
    weights: readonly [number, number],
  ): ScoredChunk[] {
    // With one collection in the file the join that filters by collection is pure cost (half the time).
    const alone = (this.statement('SELECT count(*) FROM collections').pluck().get() as number) === 1;
    const sql = alone
      ? `SELECT rowid AS id, bm25(chunks_fts, ?, ?) AS score FROM chunks_fts
         WHERE chunks_fts MATCH ? AND ? > 0 ORDER BY score LIMIT ?`
      : `SELECT f.rowid AS id, bm25(chunks_fts, ?, ?) AS score FROM chunks_fts f
         JOIN chunks k ON k.id = f.rowid
         WHERE chunks_fts MATCH ? AND k.collection_id = ? ORDER BY score LIMIT ?`;
    const rows = this.guard(
      () =>
        this.statement(sql).all(weights[0], weights[1], match, collectionId, limit) as Array<{
          id: number;
          score: number;
        }>,
    );
    return rows.map((row) => ({ chunkId: String(row.id), score: -row.score }));
  }

  /**
   * How many chunks of the whole index contain each (already stemmed) term, from FTS5's vocabulary;
   * terms it does not know count 0. Lets the query drop words so common they only cost time.
   */
  termDocCounts(terms: readonly string[]): Map<string, number> {
    return this.guard(() => {
      if (!this.vocabulary) {
        this.db.exec(
          "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunks_vocab USING fts5vocab(main, chunks_fts, 'row')",
        );
        this.vocabulary = true;
      }
      const select = this.statement('SELECT doc FROM temp.chunks_vocab WHERE term = ?').pluck();
      return new Map(terms.map((term) => [term, (select.get(term) as number | undefined) ?? 0]));
    });
  }

  /** Number of chunks in the whole index (the N of document frequencies). */
  chunkCount(): number {
    return this.guard(() => this.statement('SELECT count(*) FROM chunks').pluck().get() as number);
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      return translateSqliteError(this.path, error);
    }
  }
}
