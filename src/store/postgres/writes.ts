/**
 * Bulk writes of the PostgreSQL index: documents, their chunks and the chunks' BM25 postings, each table in
 * one statement over parameter arrays (unnest), and their deletion, inside the caller's transaction.
 */
import type pg from 'pg';
import type { DocumentWrite } from '../index-store.js';
import { KeptVectors } from '../kept-vectors.js';
import type { FtsTokenizer } from './fts-terms.js';

/** The weighted heading column of a chunk: the document title, then its heading path (as the SQLite store). */
function headingOf(title: string, headings: readonly string[]): string {
  return [title, ...headings].filter((part) => part !== '').join(' > ');
}

const positions = (list: readonly number[]): string => `{${list.join(',')}}`;

/**
 * Stored chunks with a vector (their id and pgvector text) by what was embedded: heading path and text
 * (kept-vectors.ts). A new chunk that matches takes back both, as in the SQLite store, so an unchanged chunk
 * of a re-chunked page keeps its id as well as its vector.
 */
export type KeptEmbeddings = KeptVectors<{ readonly id: string; readonly embedding: string }>;

/**
 * The chunks of `sources` with a vector, as stored, for their pages' new chunks to take back
 * (kept-vectors.ts). Looked up by arrays of keys, as deleteDocuments does; read highest id first so that
 * equal chunks take the lowest ids first, in page order, as the SQLite store does.
 */
export async function keptEmbeddings(
  client: pg.PoolClient,
  collectionId: number,
  sources: readonly string[],
): Promise<KeptEmbeddings> {
  const kept: KeptEmbeddings = new KeptVectors();
  if (sources.length === 0) return kept;
  const documents = await client.query<{ id: string }>(
    'SELECT id FROM batuta.documents WHERE collection_id = $1 AND source = ANY ($2::text[])',
    [collectionId, sources],
  );
  if (documents.rowCount === 0) return kept;
  const rows = await client.query<{ id: string; headings: string[]; text: string; embedding: string }>(
    `SELECT id, headings, text, embedding::text AS embedding FROM batuta.chunks
     WHERE collection_id = $1 AND document_id = ANY ($2::bigint[]) AND embedding IS NOT NULL ORDER BY id DESC`,
    [collectionId, documents.rows.map((row) => row.id)],
  );
  for (const row of rows.rows) {
    kept.add(JSON.stringify(row.headings), row.text, { id: row.id, embedding: row.embedding });
  }
  return kept;
}

/**
 * Deletes documents by source with their chunks and postings. Each step looks rows up by arrays of keys
 * (`= ANY` on an index), never through a join the planner must estimate: a collection written since its
 * last ANALYZE looks empty to the planner, and such a join once turned each batch's delete into minutes of
 * nested-loop rescans (flask, 542 chunks: 390 s to index instead of 30 s).
 */
export async function deleteDocuments(
  client: pg.PoolClient,
  collectionId: number,
  sources: readonly string[],
): Promise<void> {
  if (sources.length === 0) return;
  const documents = await client.query<{ id: string }>(
    'SELECT id FROM batuta.documents WHERE collection_id = $1 AND source = ANY ($2::text[])',
    [collectionId, sources],
  );
  if (documents.rowCount === 0) return;
  const documentIds = documents.rows.map((row) => row.id);
  const chunks = await client.query<{ id: string }>(
    'SELECT id FROM batuta.chunks WHERE collection_id = $1 AND document_id = ANY ($2::bigint[])',
    [collectionId, documentIds],
  );
  const chunkIds = chunks.rows.map((row) => row.id);
  if (chunkIds.length > 0) {
    await client.query(
      'DELETE FROM batuta.postings WHERE collection_id = $1 AND chunk_id = ANY ($2::bigint[])',
      [collectionId, chunkIds],
    );
    await client.query('DELETE FROM batuta.chunks WHERE collection_id = $1 AND id = ANY ($2::bigint[])', [
      collectionId,
      chunkIds,
    ]);
  }
  await client.query('DELETE FROM batuta.documents WHERE collection_id = $1 AND id = ANY ($2::bigint[])', [
    collectionId,
    documentIds,
  ]);
}

/** Inserts documents, chunks and postings of `writes` (their old rows must already be gone). */
export async function insertTerms(
  client: pg.PoolClient,
  tokenizer: FtsTokenizer,
  collectionId: number,
  writes: readonly DocumentWrite[],
  kept: KeptEmbeddings = new KeptVectors(),
): Promise<void> {
  const documents = await client.query<{ id: string; source: string }>(
    `INSERT INTO batuta.documents (collection_id, source, hash, size, mtime, body, content_size)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::float8[], $6::text[], $7::bigint[])
     RETURNING id, source`,
    [
      collectionId,
      writes.map((w) => w.source),
      writes.map((w) => w.hash),
      writes.map((w) => w.size),
      writes.map((w) => w.mtime),
      writes.map((w) => w.text ?? null),
      writes.map((w) => w.contentSize ?? w.size),
    ],
  );
  const documentIds = new Map(documents.rows.map((row) => [row.source, row.id]));
  const rows = writes.flatMap((write) =>
    write.chunks.map((chunk, ordinal) => ({
      documentId: documentIds.get(write.source)!,
      ordinal,
      chunk,
      heading: headingOf(write.title, chunk.headings),
    })),
  );
  if (rows.length === 0) return;
  const terms = tokenizer.chunkTerms(rows.map((row) => ({ heading: row.heading, text: row.chunk.text })));
  const reused = rows.map((row) => kept.take(JSON.stringify(row.chunk.headings), row.chunk.text));
  // A chunk that takes back a stored one keeps its id and vector; the others get the next id of the identity.
  const inserted = await client.query<{ id: string; document_id: string; ordinal: number }>(
    `INSERT INTO batuta.chunks
       (collection_id, id, document_id, ordinal, component, headings, heading, line_start, line_end, text,
        token_count, embedding, members)
     SELECT $1, coalesce(t.id, nextval(pg_get_serial_sequence('batuta.chunks', 'id'))), t.document_id, t.ordinal,
            t.component, t.headings, t.heading, t.line_start, t.line_end, t.text, t.token_count, t.embedding::vector,
            t.members
     FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::text[], $6::jsonb[], $7::text[], $8::int[], $9::int[],
                 $10::text[], $11::int[], $12::text[], $13::jsonb[])
       AS t (id, document_id, ordinal, component, headings, heading, line_start, line_end, text, token_count, embedding,
             members)
     RETURNING id, document_id, ordinal`,
    [
      collectionId,
      reused.map((kept) => kept?.id ?? null),
      rows.map((row) => row.documentId),
      rows.map((row) => row.ordinal),
      rows.map((row) => row.chunk.component),
      rows.map((row) => JSON.stringify(row.chunk.headings)),
      rows.map((row) => row.heading),
      rows.map((row) => row.chunk.lines[0]),
      rows.map((row) => row.chunk.lines[1]),
      rows.map((row) => row.chunk.text),
      terms.map((entry) => entry.tokenCount),
      reused.map((kept) => kept?.embedding ?? null),
      rows.map((row) => (row.chunk.members === undefined ? null : JSON.stringify(row.chunk.members))),
    ],
  );
  const chunkIds = new Map(inserted.rows.map((row) => [`${row.document_id}#${row.ordinal}`, row.id]));
  const postings = {
    term: [] as string[],
    chunk: [] as string[],
    heading: [] as string[],
    text: [] as string[],
    tokens: [] as number[],
  };
  rows.forEach((row, index) => {
    const chunkId = chunkIds.get(`${row.documentId}#${row.ordinal}`)!;
    const entry = terms[index]!;
    for (const term of entry.terms) {
      postings.term.push(term.term);
      postings.chunk.push(chunkId);
      postings.heading.push(positions(term.headingPositions));
      postings.text.push(positions(term.textPositions));
      postings.tokens.push(entry.tokenCount);
    }
  });
  await client.query(
    `INSERT INTO batuta.postings
       (collection_id, term, chunk_id, chunk_tokens, heading_count, text_count, heading_positions, text_positions)
     SELECT $1, term, chunk_id, tokens, cardinality(heading::int[]), cardinality(body::int[]), heading::int[], body::int[]
     FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[]) AS p (term, chunk_id, heading, body, tokens)`,
    [collectionId, postings.term, postings.chunk, postings.heading, postings.text, postings.tokens],
  );
}

/**
 * The HNSW index (cosine) of one collection's vectors of one dimension: a partial index per collection and
 * dimension, so collections with different embedders share the table and a swap to another dimension
 * builds its index beside the old one. Ids are numbers from our own rows, never user text.
 */
export function vectorIndexSql(collectionId: number, dimension: number): string {
  const c = Math.trunc(collectionId);
  const d = Math.trunc(dimension);
  return `CREATE INDEX IF NOT EXISTS ${vectorIndexName(c, d)} ON batuta.chunks
    USING hnsw ((embedding::vector(${d})) vector_cosine_ops) WHERE collection_id = ${c} AND vector_dims(embedding) = ${d}`;
}

/** The name of the HNSW index of one collection and dimension. */
export function vectorIndexName(collectionId: number, dimension: number): string {
  return `chunks_hnsw_${Math.trunc(collectionId)}_${Math.trunc(dimension)}`;
}
