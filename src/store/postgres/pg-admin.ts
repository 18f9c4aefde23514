/**
 * Managing collections of the PostgreSQL index: their sizes for listings, the count of files left out, the
 * fusion choice, a document's stored text, removal (rows, stored models and the collection's HNSW indexes)
 * and renaming. Each change is one transaction.
 */
import type { CollectionSizes } from '../index-store.js';
import type { PgAccess } from './pg-vectors.js';
import { hasPgColumn } from './schema.js';

/** A collection's document count, bytes on disk and as read, and files left out at its last index run. */
export interface PgCollectionSizes extends CollectionSizes {
  readonly documents: number;
}

/** Sizes of every collection, by collection id. */
export async function collectionSizes(access: PgAccess): Promise<Map<number, PgCollectionSizes>> {
  // A document indexed before content sizes were recorded counts its text as stored, else its file size.
  const content = (await hasPgColumn(access, 'documents', 'content_size'))
    ? 'coalesce(d.content_size, octet_length(d.body), d.size)'
    : 'coalesce(octet_length(d.body), d.size)';
  const rows = await access.read<{
    id: string;
    documents: string;
    disk: string;
    content: string;
    skipped: string;
  }>(
    `SELECT c.id, c.skipped, count(d.id) AS documents, coalesce(sum(d.size), 0) AS disk,
       coalesce(sum(${content}), 0) AS content
     FROM batuta.collections c LEFT JOIN batuta.documents d ON d.collection_id = c.id GROUP BY c.id`,
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        documents: Number(row.documents),
        diskBytes: Number(row.disk),
        contentBytes: Number(row.content),
        skipped: Number(row.skipped),
      },
    ]),
  );
}

/** Records how many files the last index run of the collection left out. */
export async function setSkippedCount(access: PgAccess, collectionId: number, count: number): Promise<void> {
  await access.transaction((client) =>
    client.query('UPDATE batuta.collections SET skipped = $2 WHERE id = $1', [collectionId, count]),
  );
}

/** Deletes a collection with everything stored for it; false when there is no such collection. */
export async function removeCollection(access: PgAccess, name: string): Promise<boolean> {
  return access.transaction(async (client) => {
    const found = await client.query<{ id: string }>(
      'SELECT id FROM batuta.collections WHERE name = $1 FOR UPDATE',
      [name],
    );
    if (found.rowCount === 0) return false;
    const id = Number(found.rows[0]!.id);
    for (const table of ['postings', 'chunks', 'documents', 'models']) {
      await client.query(`DELETE FROM batuta.${table} WHERE collection_id = $1`, [id]);
    }
    await client.query('DELETE FROM batuta.collections WHERE id = $1', [id]);
    const indexes = await client.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'batuta' AND indexname LIKE $1",
      [`chunks\\_hnsw\\_${id}\\_%`],
    );
    for (const { indexname } of indexes.rows) {
      await client.query(`DROP INDEX IF EXISTS batuta.${client.escapeIdentifier(indexname)}`);
    }
    return true;
  });
}

/** Renames a collection (its rows keep their ids); false when `from` does not exist. */
export async function renameCollection(access: PgAccess, from: string, to: string): Promise<boolean> {
  return access.transaction(async (client) => {
    const result = await client.query('UPDATE batuta.collections SET name = $2 WHERE name = $1', [from, to]);
    return result.rowCount === 1;
  });
}

/** The collection's stored fusion choice (fusion/record.ts), as written; null when it has none. */
export async function fusionRecord(access: PgAccess, collectionId: number): Promise<string | null> {
  const rows = await access.read<{ fusion: string | null }>(
    'SELECT fusion FROM batuta.collections WHERE id = $1',
    [collectionId],
  );
  return rows[0]?.fusion ?? null;
}

/** Stores (or, with null, clears) the collection's fusion choice. */
export async function setFusionRecord(
  access: PgAccess,
  collectionId: number,
  record: string | null,
): Promise<void> {
  await access.transaction((client) =>
    client.query('UPDATE batuta.collections SET fusion = $2 WHERE id = $1', [collectionId, record]),
  );
}

/**
 * The lines repeated across the collection's HTML pages that its chunks leave out, as written; null when it
 * has none or the database has no place for them yet (written by a batuta before them).
 */
export async function chromeRecord(access: PgAccess, collectionId: number): Promise<string | null> {
  if (!(await hasPgColumn(access, 'collections', 'chrome'))) return null;
  const rows = await access.read<{ chrome: string | null }>(
    'SELECT chrome FROM batuta.collections WHERE id = $1',
    [collectionId],
  );
  return rows[0]?.chrome ?? null;
}

/** Stores the collection's repeated lines (the index run that writes them has added the column). */
export async function setChromeRecord(access: PgAccess, collectionId: number, record: string): Promise<void> {
  await access.transaction((client) =>
    client.query('UPDATE batuta.collections SET chrome = $2 WHERE id = $1', [collectionId, record]),
  );
}

/**
 * A document's text as it was read at index time: `stored` false when the collection has no such document,
 * `text` null when it was indexed before texts were kept (then only its folder has it).
 */
export async function documentBody(
  access: PgAccess,
  collectionId: number,
  source: string,
): Promise<{ stored: boolean; text: string | null }> {
  const rows = await access.read<{ body: string | null }>(
    'SELECT body FROM batuta.documents WHERE collection_id = $1 AND source = $2',
    [collectionId, source],
  );
  return rows.length === 0 ? { stored: false, text: null } : { stored: true, text: rows[0]!.body };
}
