/**
 * Chunk vectors (pgvector, HNSW cosine) and adapted embedder models (bytea) of the PostgreSQL index. Both are
 * written on the primary inside one transaction each: a search sees a collection's vectors, embedder and
 * model before a swap or after it, never a mix, and servers need no local copy of either.
 */
import type pg from 'pg';
import pgvector from 'pgvector';
import type { ScoredChunk } from '../../retrieval/types.js';
import type { PendingChunk } from '../index-store.js';
import { EF_SEARCH } from './connect.js';
import { vectorIndexName, vectorIndexSql } from './writes.js';

/** What these functions need from the store: reads (on the replica when there is one) and transactions on the primary. */
export interface PgAccess {
  /** A read; with `name`, its statement is prepared once per connection. */
  read<T extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<T[]>;
  /** A read in its own transaction after `setting` (a SET LOCAL). */
  readWith<T extends pg.QueryResultRow>(setting: string, text: string, values: unknown[]): Promise<T[]>;
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

type VectorRow = { readonly id: number; readonly vector: Float32Array };

/** Builds the collection's HNSW index for a dimension when it does not exist yet (never locks the table otherwise). */
async function ensureVectorIndex(
  client: pg.PoolClient,
  collectionId: number,
  dimension: number,
): Promise<void> {
  const present = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [
    `batuta.${vectorIndexName(collectionId, dimension)}`,
  ]);
  if (present.rows[0].present !== true) await client.query(vectorIndexSql(collectionId, dimension));
}

/**
 * Memory for building an HNSW index in one go (pgvector builds it far faster when the graph fits): enough
 * for about 300k vectors of 224 dimensions; set for the building transaction only.
 */
const BUILD_MEMORY = '512MB';

/** How saveVectors treats the collection's HNSW index. */
export interface SaveVectorsOptions {
  /** The embedder every vector of the collection now comes from: replaces all of them in this transaction. */
  readonly swapTo?: string | undefined;
  /**
   * Leave the HNSW index for buildVectorIndex (a bulk load into a collection without vectors): adding
   * vectors to a built index one by one costs much more than building it once over all of them.
   */
  readonly deferIndex?: boolean | undefined;
}

/**
 * Stores vectors of some chunks. With `swapTo`, they replace every vector of the collection and the
 * collection's embedder becomes `swapTo` in the same transaction: searches keep the old vectors and embedder
 * until it commits, then see only the new ones.
 */
export async function saveVectors(
  access: PgAccess,
  collectionId: number,
  vectors: readonly VectorRow[],
  options: SaveVectorsOptions = {},
): Promise<void> {
  const { swapTo } = options;
  await access.transaction(async (client) => {
    if (swapTo !== undefined) {
      await client.query(
        'UPDATE batuta.chunks SET embedding = NULL WHERE collection_id = $1 AND embedding IS NOT NULL',
        [collectionId],
      );
      await client.query('UPDATE batuta.collections SET embedder = $2 WHERE id = $1', [collectionId, swapTo]);
    }
    if (options.deferIndex !== true)
      for (const dimension of new Set(vectors.map((v) => v.vector.length))) {
        await ensureVectorIndex(client, collectionId, dimension);
      }
    await client.query(
      `UPDATE batuta.chunks k SET embedding = v.embedding::vector
       FROM unnest($2::bigint[], $3::text[]) AS v (id, embedding) WHERE k.collection_id = $1 AND k.id = v.id`,
      [collectionId, vectors.map((v) => v.id), vectors.map((v) => pgvector.toSql(Array.from(v.vector)))],
    );
    await client.query('UPDATE batuta.collections SET generation = generation + 1 WHERE id = $1', [
      collectionId,
    ]);
  });
}

/**
 * Builds the collection's HNSW index for a dimension when it is missing (after a bulk load, or a load that
 * was interrupted before its index was built), with BUILD_MEMORY for the build.
 */
export async function buildVectorIndex(
  access: PgAccess,
  collectionId: number,
  dimension: number,
): Promise<void> {
  await access.transaction(async (client) => {
    await client.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
    await ensureVectorIndex(client, collectionId, dimension);
  });
}

/** The `limit` chunks nearest to `vector` by cosine (pgvector HNSW); score is the cosine similarity. */
export async function searchVectors(
  access: PgAccess,
  collectionId: number,
  vector: Float32Array,
  limit: number,
): Promise<ScoredChunk[]> {
  const d = Math.trunc(vector.length);
  const sql = `SELECT id, 1 - (embedding::vector(${d}) <=> $1::vector(${d})) AS score FROM batuta.chunks
    WHERE collection_id = ${Math.trunc(collectionId)} AND vector_dims(embedding) = ${d}
    ORDER BY embedding::vector(${d}) <=> $1::vector(${d}) LIMIT $2`;
  const values = [pgvector.toSql(Array.from(vector)), limit];
  // An HNSW scan returns at most ef_search rows: a deeper search raises it for its own transaction.
  const rows =
    limit <= EF_SEARCH
      ? await access.read<{ id: string; score: number }>(sql, values)
      : await access.readWith<{ id: string; score: number }>(
          `SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.trunc(limit))}`,
          sql,
          values,
        );
  return rows.map((row) => ({ chunkId: row.id, score: row.score }));
}

/** Every chunk in id order after chunk id `after`, with or without a vector (re-embedding, adaptation). */
export async function chunksAfter(
  access: PgAccess,
  collectionId: number,
  limit: number,
  after = 0,
): Promise<PendingChunk[]> {
  const rows = await access.read<{ id: string; text: string; headings: string[] }>(
    `SELECT id, text, headings FROM batuta.chunks WHERE collection_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    [collectionId, after, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), text: row.text, headings: row.headings }));
}

/** Every vector of the collection by chunk id (pgvector's text form keeps each float4 exactly). */
export async function allVectors(access: PgAccess, collectionId: number): Promise<Map<number, Float32Array>> {
  const rows = await access.read<{ id: string; embedding: string }>(
    'SELECT id, embedding::text AS embedding FROM batuta.chunks WHERE collection_id = $1 AND embedding IS NOT NULL',
    [collectionId],
  );
  return new Map(rows.map((row) => [Number(row.id), Float32Array.from(pgvector.fromSql(row.embedding))]));
}

/**
 * Stored vectors of the given chunks of a collection while its vectors come from `embedder` (one statement,
 * so never another embedder's); ids without one are left out.
 */
export async function vectorsOf(
  access: PgAccess,
  collectionId: number,
  embedder: string,
  ids: readonly number[],
): Promise<Map<number, Float32Array>> {
  const rows = await access.read<{ id: string; embedding: string }>(
    `SELECT k.id, k.embedding::text AS embedding FROM batuta.chunks k JOIN batuta.collections c
     ON c.id = k.collection_id WHERE k.collection_id = $1 AND c.embedder = $2 AND k.id = ANY ($3::bigint[])
     AND k.embedding IS NOT NULL`,
    [collectionId, embedder, ids],
    'batuta-vectors-of',
  );
  return new Map(rows.map((row) => [Number(row.id), Float32Array.from(pgvector.fromSql(row.embedding))]));
}

/** The dimension of the collection's vectors, or null when it has none. */
export async function vectorDimension(access: PgAccess, collectionId: number): Promise<number | null> {
  const rows = await access.read<{ d: number }>(
    'SELECT vector_dims(embedding) AS d FROM batuta.chunks WHERE collection_id = $1 AND embedding IS NOT NULL LIMIT 1',
    [collectionId],
  );
  return rows[0]?.d ?? null;
}

/** How many of the collection's chunks have a vector and how many wait for one. */
export async function vectorCounts(
  access: PgAccess,
  collectionId: number,
): Promise<{ withVector: number; pending: number }> {
  const rows = await access.read<{ with_vector: string; pending: string }>(
    `SELECT count(embedding) AS with_vector, count(*) - count(embedding) AS pending
     FROM batuta.chunks WHERE collection_id = $1`,
    [collectionId],
  );
  return { withVector: Number(rows[0]?.with_vector ?? 0), pending: Number(rows[0]?.pending ?? 0) };
}

/**
 * Stores the files of one adapted model of the collection under its embedder id, and removes the
 * collection's other models except `keep` (the one its vectors still come from until a swap).
 */
export async function saveModel(
  access: PgAccess,
  collectionId: number,
  model: string,
  files: ReadonlyMap<string, Uint8Array>,
  keep: string | null = null,
): Promise<void> {
  await access.transaction(async (client) => {
    await client.query('DELETE FROM batuta.models WHERE collection_id = $1 AND model <> ALL ($2::text[])', [
      collectionId,
      keep === null ? [] : [keep],
    ]);
    await client.query(
      `INSERT INTO batuta.models (collection_id, model, file, bytes)
       SELECT $1, $2, * FROM unnest($3::text[], $4::bytea[])`,
      [collectionId, model, [...files.keys()], [...files.values()].map((bytes) => Buffer.from(bytes))],
    );
  });
}

/** Whether the database holds the collection's model `model` (without reading its files). */
export async function hasModel(access: PgAccess, collectionId: number, model: string): Promise<boolean> {
  const rows = await access.read(
    'SELECT 1 FROM batuta.models WHERE collection_id = $1 AND model = $2 LIMIT 1',
    [collectionId, model],
  );
  return rows.length > 0;
}

/** Removes the collection's stored models other than `keep`. */
export async function dropModelsExcept(access: PgAccess, collectionId: number, keep: string): Promise<void> {
  await access.transaction((client) =>
    client.query('DELETE FROM batuta.models WHERE collection_id = $1 AND model <> $2', [collectionId, keep]),
  );
}

/**
 * The files of an adapted model (only those named in `only`, when given), or null when the collection has
 * no model of that id.
 */
export async function loadModel(
  access: PgAccess,
  collectionId: number,
  model: string,
  only?: readonly string[],
): Promise<Map<string, Buffer> | null> {
  if (!(await hasModel(access, collectionId, model))) return null;
  const rows = await access.read<{ file: string; bytes: Buffer }>(
    `SELECT file, bytes FROM batuta.models WHERE collection_id = $1 AND model = $2
     AND ($3::text[] IS NULL OR file = ANY ($3::text[])) ORDER BY file`,
    [collectionId, model, only ?? null],
  );
  return new Map(rows.map((row) => [row.file, row.bytes]));
}

/** Ids of the collection's chunks in id order after chunk id `after`. */
export async function chunkIds(
  access: PgAccess,
  collectionId: number,
  limit: number,
  after = 0,
): Promise<number[]> {
  const rows = await access.read<{ id: string }>(
    'SELECT id FROM batuta.chunks WHERE collection_id = $1 AND id > $2 ORDER BY id LIMIT $3',
    [collectionId, after, limit],
  );
  return rows.map((row) => Number(row.id));
}
