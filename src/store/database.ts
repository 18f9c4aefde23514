/**
 * Opens the batuta index database (better-sqlite3, WAL) and makes sure it is ours: a file that is not
 * SQLite, or a SQLite database without our marker, is reported and never written to.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { BatutaError } from '../errors.js';

/**
 * better-sqlite3, loaded when the first database is opened: its native module costs start-up time that
 * commands and servers which never open an index should not pay.
 */
function sqlite(): typeof Database {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
}

/** Bumped when the tables change shape; an older batuta refuses a newer file instead of damaging it. */
export const SCHEMA_VERSION = 1;
const APP = 'batuta-oracle';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE collections (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, root TEXT NOT NULL,
  chunker TEXT NOT NULL, embedder TEXT, updated_at TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0, vector_generation INTEGER NOT NULL DEFAULT -1);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  source TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL, UNIQUE (collection_id, source));
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  collection_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, component TEXT, headings TEXT NOT NULL,
  heading TEXT NOT NULL, line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, text TEXT NOT NULL,
  vector BLOB);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_collection ON chunks (collection_id);
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
  heading, text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61');
CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
  INSERT INTO chunks_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text); END;
CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  INSERT INTO chunks_fts (chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text); END;
`;

/**
 * Indexes added after schema version 1 (they change no table, so older batuta still reads the file):
 * chunks still waiting for a vector, so counting and paging them costs in proportion to the pending rows,
 * not to the whole table (a full scan of 139k chunks with their text and vectors took ~0.2 s).
 */
const EXTRA_INDEXES = `
CREATE INDEX IF NOT EXISTS chunks_pending ON chunks (collection_id, id) WHERE vector IS NULL;
`;

/** The error for a database file that batuta did not create or cannot read. */
export function notAnIndex(path: string, why?: string): BatutaError {
  return new BatutaError(
    'CORRUPT_STORE',
    `index: "${path}" is not a batuta index${why ? ` (${why})` : ''} (choose another --db path)`,
    { path },
  );
}

/** Maps SQLite's "corrupt"/"not a database" failures to CORRUPT_STORE; rethrows anything else. */
export function translateSqliteError(path: string, error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw notAnIndex(path, 'the file is damaged');
  if (code === 'SQLITE_BUSY') {
    throw new BatutaError(
      'IO',
      `index: "${path}" is locked by another batuta process (retry when it finishes)`,
    );
  }
  throw error;
}

function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (creating when allowed) the index database at `path`. `mustExist` is for searches: a missing
 * file is reported instead of created, and nothing is written (indexes are added by the writers).
 */
export function openDatabase(path: string, options: { mustExist?: boolean } = {}): Database.Database {
  const exists = existsSync(path);
  if (!exists && options.mustExist) {
    throw new BatutaError(
      'NOT_FOUND',
      `index: no index at "${path}" (run "batuta index DIR --db ${path}" first)`,
      {
        path,
      },
    );
  }
  if (exists && statSync(path).isDirectory()) throw notAnIndex(path, 'it is a folder');
  if (exists && statSync(path).size > 0 && !hasSqliteHeader(path)) throw notAnIndex(path);
  let db: Database.Database | null = null;
  try {
    db = new (sqlite())(path);
    db.pragma('busy_timeout = 5000');
    checkOrCreateSchema(db, path);
    if (!options.mustExist) db.exec(EXTRA_INDEXES);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof BatutaError) throw error;
    return translateSqliteError(path, error);
  }
}

function checkOrCreateSchema(db: Database.Database, path: string): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (tables.length === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run(
        'app',
        APP,
        'schema_version',
        String(SCHEMA_VERSION),
      );
    })();
    return;
  }
  if (!tables.includes('meta')) throw notAnIndex(path);
  const read = (key: string) =>
    db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (read('app') !== APP) throw notAnIndex(path);
  const version = Number(read('schema_version'));
  if (version !== SCHEMA_VERSION) {
    throw new BatutaError(
      'CORRUPT_STORE',
      `index: "${path}" has schema version ${version}, this batuta reads ${SCHEMA_VERSION} (use a matching batuta or another --db path)`,
      { path, version },
    );
  }
}
