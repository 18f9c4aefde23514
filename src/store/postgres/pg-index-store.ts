/**
 * The document index in PostgreSQL: collections, documents, chunks, BM25 postings, pgvector embeddings and
 * adapted models, so any number of stateless servers can search one database (and its streaming replicas).
 * Writes go to the primary, each batch in one transaction, so a search sees a whole batch or none of it;
 * searches go to `readUrl` when given, under a statement time limit.
 */
import type pg from 'pg';
import type { Chunk, ScoredChunk } from '../../retrieval/types.js';
import type { DocumentFingerprint, DocumentTouch, DocumentWrite, PendingChunk } from '../index-store.js';
import { bm25Query } from './bm25-sql.js';
import { createPool, type PoolOptions, translatePgError } from './connect.js';
import { FtsTokenizer } from './fts-terms.js';
import * as admin from './pg-admin.js';
import {
  type PgCollection,
  type PgStoreOptions,
  type ResolvedStoreOptions,
  resolveStoreOptions,
  toPgChunk,
  toPgCollection,
} from './pg-shapes.js';
import * as vectors from './pg-vectors.js';
import { ensureSchema, hasPgColumn } from './schema.js';
import { deleteDocuments, insertTerms, keptEmbeddings } from './writes.js';

export type { PgCollection, PgStoreOptions } from './pg-shapes.js';

/** Keys of the advisory lock an index run holds on its collection: this constant and hashtext(name). */
const LOCK_CLASS = 0x62617475;

export class PgIndexStore implements vectors.PgAccess {
  private readonly tokenizer = new FtsTokenizer();
  /**
   * Whether chunks.members exists; asked again on each read until it does, so a server started on a database
   * written before the column reads it as soon as another process's index run adds it.
   */
  private hasMembers = false;

  private constructor(
    readonly url: string,
    private readonly writes: pg.Pool,
    private readonly reads: pg.Pool,
    private readonly options: ResolvedStoreOptions,
  ) {}

  /** Connects, checks that the database is ours (creating the schema when `create`), and returns the store. */
  static async open(url: string, input: PgStoreOptions = {}): Promise<PgIndexStore> {
    const options = resolveStoreOptions(input);
    const pools: PoolOptions = options;
    const writes = createPool(url, pools, 'write');
    const reads = createPool(options.readUrl ?? url, pools, 'search');
    const store = new PgIndexStore(url, writes, reads, options);
    try {
      const client = await (options.create ? writes : reads).connect();
      try {
        await ensureSchema(client, options.create ? url : (options.readUrl ?? url), options.create);
      } finally {
        client.release();
      }
      return store;
    } catch (error) {
      await store.close();
      return translatePgError(options.readUrl ?? url, error);
    }
  }

  async close(): Promise<void> {
    this.tokenizer.close();
    await Promise.all([this.writes.end(), this.reads === this.writes ? null : this.reads.end()]);
  }

  /** A read on the search pool (the replica when there is one), under the search time limit. */
  async read<T extends pg.QueryResultRow>(text: string, values: unknown[] = [], name?: string): Promise<T[]> {
    try {
      return (await this.reads.query<T>(name === undefined ? { text, values } : { name, text, values })).rows;
    } catch (error) {
      return translatePgError(this.options.readUrl ?? this.url, error, this.options.searchTimeoutMs);
    }
  }

  /** A read in its own transaction on the search pool after `setting` (a SET LOCAL). */
  async readWith<T extends pg.QueryResultRow>(
    setting: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    const target = this.options.readUrl ?? this.url;
    const client = await this.reads.connect().catch((error) => translatePgError(target, error));
    try {
      await client.query('BEGIN');
      await client.query(setting);
      const { rows } = await client.query<T>(text, values);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      return translatePgError(target, error, this.options.searchTimeoutMs);
    } finally {
      client.release();
    }
  }

  /** Runs `work` in one transaction on the primary. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.writes.connect();
    } catch (error) {
      return translatePgError(this.url, error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      return translatePgError(this.url, error);
    } finally {
      client.release();
    }
  }

  async listCollections(): Promise<PgCollection[]> {
    const rows = await this.read('SELECT * FROM batuta.collections ORDER BY name');
    return rows.map(toPgCollection);
  }

  async getCollection(name: string): Promise<PgCollection | null> {
    const rows = await this.read('SELECT * FROM batuta.collections WHERE name = $1', [name]);
    return rows.length === 0 ? null : toPgCollection(rows[0]);
  }

  /** Creates the collection or updates its root and chunker version; returns the stored row. */
  async saveCollection(name: string, root: string, chunker: string): Promise<PgCollection> {
    const row = await this.transaction(async (client) => {
      const result = await client.query(
        `INSERT INTO batuta.collections (name, root, chunker) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET root = excluded.root, chunker = excluded.chunker, updated_at = now()
         RETURNING *`,
        [name, root, chunker],
      );
      return result.rows[0];
    });
    return toPgCollection(row);
  }

  /**
   * Holds the collection's advisory lock until the returned release is called: one index run per
   * collection across every server. When another process holds it, `onWait` hears who before this waits.
   */
  async lockCollection(name: string, onWait: (holder: string) => void): Promise<() => Promise<void>> {
    const client = await this.writes.connect().catch((error) => translatePgError(this.url, error));
    try {
      const taken = await client.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [
        LOCK_CLASS,
        name,
      ]);
      if (taken.rows[0].ok !== true) {
        const holder = await client.query(
          `SELECT a.application_name, a.client_addr::text AS addr, a.pid, a.xact_start
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid AND l.objid = hashtext($2)::oid`,
          [LOCK_CLASS, name],
        );
        const who = holder.rows[0];
        onWait(
          who === undefined
            ? 'another batuta process'
            : `${who.application_name || 'a client'} (server pid ${who.pid}${who.addr ? ` from ${who.addr}` : ''})`,
        );
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, name]);
      }
    } catch (error) {
      client.release();
      return translatePgError(this.url, error);
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, name]);
      } finally {
        client.release();
      }
    };
  }

  async setEmbedder(collectionId: number, embedder: string | null): Promise<void> {
    await this.transaction((client) =>
      client.query('UPDATE batuta.collections SET embedder = $2 WHERE id = $1', [collectionId, embedder]),
    );
  }

  /**
   * The stored fingerprint of each document. A document indexed before its text was kept (schema version 1)
   * gets an empty one, so the next index run reads and stores it again.
   */
  async fingerprints(collectionId: number): Promise<Map<string, DocumentFingerprint>> {
    const rows = await this.read<{
      source: string;
      hash: string;
      size: string;
      mtime: number;
      content_size: string | null;
    }>(
      `SELECT source, CASE WHEN body IS NULL THEN '' ELSE hash END AS hash, size,
         CASE WHEN body IS NULL THEN -1 ELSE mtime END AS mtime, content_size
       FROM batuta.documents WHERE collection_id = $1`,
      [collectionId],
    );
    return new Map(
      rows.map((row) => [
        row.source,
        {
          hash: row.hash,
          size: Number(row.size),
          mtime: row.mtime,
          contentSize: row.content_size === null ? null : Number(row.content_size),
        },
      ]),
    );
  }

  /** Replaces the given documents (and removes `removed` sources) with their chunks and postings, in one transaction. */
  async writeDocuments(
    collectionId: number,
    writes: readonly DocumentWrite[],
    removed: readonly string[] = [],
  ): Promise<void> {
    if (writes.length === 0 && removed.length === 0) return;
    await this.transaction(async (client) => {
      const sources = writes.map((write) => write.source);
      const kept = await keptEmbeddings(client, collectionId, sources);
      await deleteDocuments(client, collectionId, [...removed, ...sources]);
      if (writes.length > 0) await insertTerms(client, this.tokenizer, collectionId, writes, kept);
      await client.query(
        `UPDATE batuta.collections SET updated_at = now(), generation = generation + 1,
           chunk_count = (SELECT count(*) FROM batuta.chunks WHERE collection_id = $1),
           token_count = (SELECT coalesce(sum(token_count), 0) FROM batuta.chunks WHERE collection_id = $1)
         WHERE id = $1`,
        [collectionId],
      );
    });
  }

  /** BM25 over the collection's chunks for some words (each a quoted FTS5 phrase, ORed); see bm25-sql.ts. */
  async searchText(
    collectionId: number,
    words: readonly string[],
    limit: number,
    weights: readonly [number, number],
    headingsOnly = false,
  ): Promise<ScoredChunk[]> {
    const query = bm25Query(collectionId, this.tokenizer.phrases(words), { limit, weights, headingsOnly });
    if (query === null) return [];
    const rows = await this.read<{ id: string; score: number }>(query.text, query.values, query.name);
    return rows.map((row) => ({ chunkId: row.id, score: row.score }));
  }

  /** How many of the collection's chunks contain each word's first term (the common-word pruning). */
  async termDocCounts(collectionId: number, words: readonly string[]): Promise<Map<string, number>> {
    const phrases = this.tokenizer.phrases(words);
    const rows = await this.read<{ term: string; n: string }>(
      `SELECT term, count(*) AS n FROM batuta.postings WHERE collection_id = $1 AND term = ANY ($2::text[])
       GROUP BY term`,
      [collectionId, phrases.flatMap((terms) => terms.slice(0, 1))],
    );
    const counts = new Map(rows.map((row) => [row.term, Number(row.n)]));
    return new Map(words.map((word, i) => [word, counts.get(phrases[i]![0] ?? '') ?? 0]));
  }

  /** Chunks by id, with their collection name; missing ids are left out. */
  async chunks(collectionId: number, ids: readonly number[]): Promise<Map<number, Chunk>> {
    const rows = await this.read<Record<string, unknown>>(
      `${await this.chunkColumns()} WHERE k.collection_id = $1 AND k.id = ANY ($2::bigint[])`,
      [collectionId, ids],
    );
    return new Map(rows.map((row) => [Number(row['id']), toPgChunk(row)]));
  }

  /** Every chunk of the named documents (sources), each document's in file order; unknown sources give none. */
  async fileChunks(collectionId: number, sources: readonly string[]): Promise<Chunk[]> {
    const rows = await this.read<Record<string, unknown>>(
      `${await this.chunkColumns()} WHERE k.collection_id = $1 AND d.source = ANY ($2::text[])
       ORDER BY d.source, k.ordinal`,
      [collectionId, sources],
    );
    return rows.map(toPgChunk);
  }

  /** The select of chunks with their source and collection name (members where the database keeps them). */
  private async chunkColumns(): Promise<string> {
    this.hasMembers ||= await hasPgColumn(this, 'chunks', 'members');
    return `SELECT k.id, d.source, c.name AS collection, k.component, k.headings, k.line_start, k.line_end, k.text,
     ${this.hasMembers ? 'k.members' : 'NULL'} AS members
     FROM batuta.chunks k JOIN batuta.documents d ON d.collection_id = k.collection_id AND d.id = k.document_id
     JOIN batuta.collections c ON c.id = k.collection_id`;
  }

  /** Characters of text in all chunks of each named document (source); unknown sources are left out. */
  async fileChars(collectionId: number, sources: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.read<{ source: string; chars: string }>(
      `SELECT d.source, sum(length(k.text)) AS chars FROM batuta.documents d JOIN batuta.chunks k ON k.collection_id
       = d.collection_id AND k.document_id = d.id WHERE d.collection_id = $1 AND d.source = ANY ($2::text[]) GROUP BY d.source`,
      [collectionId, sources],
    );
    return new Map(rows.map((row) => [row.source, Number(row.chars)]));
  }

  /** Chunks without a vector, in id order after chunk id `after`. */
  async pendingChunks(collectionId: number, limit: number, after = 0): Promise<PendingChunk[]> {
    const rows = await this.read<{ id: string; text: string; headings: string[] }>(
      `SELECT id, text, headings FROM batuta.chunks WHERE collection_id = $1 AND embedding IS NULL AND id > $2
       ORDER BY id LIMIT $3`,
      [collectionId, after, limit],
    );
    return rows.map((row) => ({ id: Number(row.id), text: row.text, headings: row.headings }));
  }

  /**
   * Refreshes the planner statistics and the visibility map of the index tables after an index run, so
   * BM25 lookups are index-only scans of the postings key instead of visits to scattered heap pages.
   */
  async optimize(): Promise<void> {
    try {
      await this.writes.query('VACUUM (ANALYZE) batuta.postings, batuta.chunks, batuta.documents');
    } catch (error) {
      translatePgError(this.url, error);
    }
  }

  /** Records new modification times (and content sizes) of documents whose content hash did not change. */
  async touchDocuments(collectionId: number, touched: readonly DocumentTouch[]): Promise<void> {
    if (touched.length === 0) return;
    await this.transaction((client) =>
      client.query(
        `UPDATE batuta.documents d SET mtime = t.mtime, content_size = coalesce(t.content_size, d.content_size)
         FROM unnest($2::text[], $3::float8[], $4::bigint[]) AS t (source, mtime, content_size)
         WHERE d.collection_id = $1 AND d.source = t.source`,
        [
          collectionId,
          touched.map((t) => t.source),
          touched.map((t) => t.mtime),
          touched.map((t) => t.contentSize ?? null),
        ],
      ),
    );
  }

  /** Every chunk's heading line and text, in id order (adapting a model to the collection), as the SQLite store gives them. */
  async chunkTexts(collectionId: number): Promise<string[]> {
    const rows = await this.read<{ text: string }>(
      "SELECT heading || E'\\n' || text AS text FROM batuta.chunks WHERE collection_id = $1 ORDER BY id",
      [collectionId],
    );
    return rows.map((row) => row.text);
  }

  // Vectors and models (pg-vectors.ts), collection management (pg-admin.ts).
  saveVectors = (
    id: number,
    rows: ReadonlyArray<{ id: number; vector: Float32Array }>,
    options?: vectors.SaveVectorsOptions,
  ) => vectors.saveVectors(this, id, rows, options);
  buildVectorIndex = (id: number, dimension: number) => vectors.buildVectorIndex(this, id, dimension);
  searchVectors = (id: number, vector: Float32Array, limit: number): Promise<ScoredChunk[]> =>
    vectors.searchVectors(this, id, vector, limit);
  chunksAfter = (id: number, limit: number, after?: number) => vectors.chunksAfter(this, id, limit, after);
  vectorCounts = (id: number) => vectors.vectorCounts(this, id);
  vectorDimension = (id: number) => vectors.vectorDimension(this, id);
  allVectors = (id: number) => vectors.allVectors(this, id);
  vectorsOf = (id: number, embedder: string, ids: readonly number[]) =>
    vectors.vectorsOf(this, id, embedder, ids);
  saveModel = (id: number, model: string, files: ReadonlyMap<string, Uint8Array>, keep?: string | null) =>
    vectors.saveModel(this, id, model, files, keep);
  loadModel = (id: number, model: string, only?: readonly string[]) =>
    vectors.loadModel(this, id, model, only);
  chunkIds = (id: number, limit: number, after?: number) => vectors.chunkIds(this, id, limit, after);
  hasModel = (id: number, model: string) => vectors.hasModel(this, id, model);
  dropModelsExcept = (id: number, keep: string) => vectors.dropModelsExcept(this, id, keep);
  collectionSizes = () => admin.collectionSizes(this);
  fusionRecord = (id: number) => admin.fusionRecord(this, id);
  setFusionRecord = (id: number, record: string | null) => admin.setFusionRecord(this, id, record);
  chromeRecord = (id: number) => admin.chromeRecord(this, id);
  setChromeRecord = (id: number, record: string) => admin.setChromeRecord(this, id, record);
  documentBody = (id: number, source: string) => admin.documentBody(this, id, source);
  setSkippedCount = (id: number, count: number) => admin.setSkippedCount(this, id, count);
  removeCollection = (name: string) => admin.removeCollection(this, name);
  renameCollection = (from: string, to: string) => admin.renameCollection(this, from, to);
}
