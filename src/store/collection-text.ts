/**
 * One FTS5 table per collection, so that BM25's statistics (chunk count, document frequencies, average
 * length) are the collection's own: a collection's scores do not change when another one is indexed into
 * the same file. Each table indexes the `chunks` rows of its collection (external content) and is kept in
 * step by two triggers on `chunks`. Files of schema version 1 kept one shared table (`chunks_fts`); a
 * writer moves them to per-collection tables, a reader keeps searching the shared one.
 */
import type Database from 'better-sqlite3';

/** The shared FTS5 table of schema version 1 files. */
export const SHARED_TEXT_TABLE = 'chunks_fts';

/** The FTS5 table of one collection. */
export function textTableOf(collectionId: number): string {
  if (!Number.isSafeInteger(collectionId) || collectionId < 0) {
    throw new Error(`collection id ${collectionId} is not a row id`);
  }
  return `chunks_fts_${collectionId}`;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) === 1;
}

/**
 * Creates the collection's FTS5 table and triggers unless they exist; a new table is filled with the
 * collection's chunks already stored (none for a new collection).
 */
export function ensureCollectionText(db: Database.Database, collectionId: number): void {
  const table = textTableOf(collectionId);
  if (tableExists(db, table)) return;
  db.exec(`
CREATE VIRTUAL TABLE ${table} USING fts5 (
  heading, text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61');
CREATE TRIGGER ${table}_insert AFTER INSERT ON chunks WHEN new.collection_id = ${collectionId} BEGIN
  INSERT INTO ${table} (rowid, heading, text) VALUES (new.id, new.heading, new.text); END;
CREATE TRIGGER ${table}_delete AFTER DELETE ON chunks WHEN old.collection_id = ${collectionId} BEGIN
  INSERT INTO ${table} (${table}, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text); END;
INSERT INTO ${table} (rowid, heading, text)
  SELECT id, heading, text FROM chunks WHERE collection_id = ${collectionId} ORDER BY id;`);
}

/** Drops the collection's FTS5 table and its triggers (before its chunks are deleted, so no trigger runs). */
export function dropCollectionText(db: Database.Database, collectionId: number): void {
  const table = textTableOf(collectionId);
  db.exec(`DROP TRIGGER IF EXISTS ${table}_insert; DROP TRIGGER IF EXISTS ${table}_delete;
    DROP TABLE IF EXISTS ${table};`);
}

/**
 * Moves a schema version 1 file from the shared FTS5 table to one table per collection, in one
 * transaction; returns false when there was nothing to move.
 */
export function splitSharedText(db: Database.Database): boolean {
  if (!tableExists(db, SHARED_TEXT_TABLE)) return false;
  db.transaction(() => {
    const ids = db.prepare('SELECT id FROM collections ORDER BY id').pluck().all() as number[];
    for (const id of ids) ensureCollectionText(db, id);
    db.exec(`DROP TRIGGER IF EXISTS chunks_fts_insert; DROP TRIGGER IF EXISTS chunks_fts_delete;
      DROP TABLE ${SHARED_TEXT_TABLE};`);
  })();
  return true;
}

/** The FTS5 table that holds a collection's text: its own, or the shared one of a version 1 file. */
export function textTableFor(db: Database.Database, collectionId: number): string {
  const own = textTableOf(collectionId);
  return tableExists(db, own) || !tableExists(db, SHARED_TEXT_TABLE) ? own : SHARED_TEXT_TABLE;
}
