/**
 * Opens the batuta index database (better-sqlite3, WAL) and makes sure it is ours: a file that is not
 * SQLite, or a SQLite database made by another program (any schema, user_version or application_id), is
 * reported and never written to. Searches open it read-only; writers check its pages first.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { BatutaError } from '../errors.js';
import { DB_ARGUMENT, say } from '../fixes.js';
import { splitSharedText } from './collection-text.js';

/**
 * better-sqlite3, loaded when the first database is opened: its native module costs start-up time that
 * commands and servers which never open an index should not pay.
 */
function sqlite(): typeof Database {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
}

/**
 * Bumped when the tables change shape; an older batuta refuses a newer file instead of damaging it.
 * Version 2: one FTS5 table per collection (collection-text.ts) instead of one shared table.
 */
export const SCHEMA_VERSION = 2;
/** The oldest version this batuta still opens: searches read it as it is, writers move it to the current one. */
const OLDEST_READ_VERSION = 1;
const APP = 'batuta-oracle';

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE collections (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, root TEXT NOT NULL,
  chunker TEXT NOT NULL, embedder TEXT, updated_at TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0, vector_generation INTEGER NOT NULL DEFAULT -1);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  source TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL, content_size INTEGER,
  UNIQUE (collection_id, source));
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  collection_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, component TEXT, headings TEXT NOT NULL,
  heading TEXT NOT NULL, line_start INTEGER NOT NULL, line_end INTEGER NOT NULL, text TEXT NOT NULL,
  vector BLOB);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_collection ON chunks (collection_id);
`;

/**
 * Indexes added after schema version 1 (they change no table, so older batuta still reads the file):
 * chunks still waiting for a vector, so counting and paging them costs in proportion to the pending rows,
 * not to the whole table (a full scan of 139k chunks with their text and vectors took ~0.2 s).
 */
const EXTRA_INDEXES = `
CREATE INDEX IF NOT EXISTS chunks_pending ON chunks (collection_id, id) WHERE vector IS NULL;
`;

/**
 * Columns added after schema version 2, nullable, so older batuta still reads and writes the file (its
 * rows leave them NULL); a writer adds them when missing, readers check for them (`hasColumn`).
 * documents.content_size: bytes of a document's content as read (a gzipped file inflated).
 * chunks.tokens: the chunk's words as the file reranker reads them (retrieval/rerank/chunk-tokens.ts).
 * chunks.members: the small sections merged into the chunk, as JSON (retrieval/types.ts ChunkMember).
 */
const EXTRA_COLUMNS: ReadonlyArray<readonly [table: string, column: string, type: string]> = [
  ['documents', 'content_size', 'INTEGER'],
  ['chunks', 'tokens', 'BLOB'],
  ['chunks', 'members', 'TEXT'],
];

/** Whether `table` of `db` has `column` (a file written by an older batuta may lack an added one). */
export function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
}

/**
 * Whether `table` has `column`, asked again on each call until it has: a column a newer batuta adds while
 * this connection stays open (a long-running server's) is read from the next call on, without a restart.
 */
export function columnWatch(db: Database.Database, table: string, column: string): () => boolean {
  const check = db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?');
  let has = false;
  return () => {
    has ||= check.get(table, column) !== undefined;
    return has;
  };
}

function addExtraColumns(db: Database.Database): void {
  for (const [table, column, type] of EXTRA_COLUMNS) {
    if (!hasColumn(db, table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

/** The error for a database file that batuta did not create or cannot read. */
export function notAnIndex(path: string, why?: string): BatutaError {
  return new BatutaError(
    'CORRUPT_STORE',
    say`index: "${path}" is not a batuta index${why ? ` (${why})` : ''} (choose another ${DB_ARGUMENT})`,
    { path },
  );
}

/** The error for an index database whose pages SQLite finds damaged; `batuta index` repairs it. */
export function damagedIndex(path: string, why = 'SQLite reports it malformed'): BatutaError {
  return new BatutaError(
    'CORRUPT_STORE',
    say`index: "${path}" is damaged (${why}) (${{ kind: 'index', folder: null, db: path }}: it moves the file aside and rebuilds)`,
    { path, damaged: true, why },
  );
}

/** The error for an index database batuta may not write. */
export function readOnlyIndex(path: string): BatutaError {
  return new BatutaError(
    'IO',
    say`index: "${path}" is read-only (make it and its folder writable, or choose another ${DB_ARGUMENT})`,
    { path },
  );
}

/**
 * Maps SQLite's failures to BatutaErrors naming the file: damaged pages to CORRUPT_STORE, read-only
 * files and folders to IO "read-only"; rethrows anything else.
 */
export function translateSqliteError(path: string, error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw damagedIndex(path);
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) throw readOnlyIndex(path);
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

/** How to open the index database: `mustExist` reports a missing file instead of creating it. */
export interface OpenOptions {
  readonly mustExist?: boolean;
  /** For searches: nothing is written, so a read-only location serves them. */
  readonly readOnly?: boolean;
}

/**
 * Opens (creating when allowed) the index database at `path`. Writers check the file's pages
 * (`PRAGMA quick_check`) and that they may write it before anything is written.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const exists = existsSync(path);
  if (!exists && (options.mustExist || options.readOnly)) {
    throw new BatutaError(
      'NOT_FOUND',
      say`index: no index at "${path}" (${{ kind: 'index', folder: null, db: path }} first)`,
      {
        path,
      },
    );
  }
  if (exists && statSync(path).isDirectory()) throw notAnIndex(path, 'it is a folder');
  if (exists && statSync(path).size > 0 && !hasSqliteHeader(path)) throw notAnIndex(path);
  if (options.readOnly) return openReadOnly(path);
  if (!writable(exists ? path : dirname(path))) throw readOnlyIndex(path);
  let db: Database.Database | null = null;
  try {
    db = new (sqlite())(path);
    db.pragma('busy_timeout = 5000');
    const version = checkOrCreateSchema(db, path);
    checkPages(db, path);
    db.exec(EXTRA_INDEXES);
    addExtraColumns(db);
    if (version < SCHEMA_VERSION) upgrade(db);
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

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the file for reading only. A WAL database needs a shared-memory file beside it; in a folder where
 * that cannot be made, a copy of the file is read into memory instead (marked as a rollback-journal file,
 * which is how SQLite reads a WAL file's main part without the WAL). No batuta process can be writing
 * there, so the copy is the index as it is.
 */
function openReadOnly(path: string): Database.Database {
  const Sqlite = sqlite();
  try {
    try {
      return checkedOpen(() => new Sqlite(path, { readonly: true, fileMustExist: true }), path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw error;
      const bytes = readFileSync(path);
      if (bytes.length >= 20) bytes.fill(1, 18, 20);
      return checkedOpen(() => new Sqlite(bytes, { readonly: true }), path);
    }
  } catch (error) {
    if (error instanceof BatutaError) throw error;
    return translateSqliteError(path, error);
  }
}

/** Opens a connection and checks it is our index; closes it again when it is not. */
function checkedOpen(open: () => Database.Database, path: string): Database.Database {
  const db = open();
  try {
    db.pragma('busy_timeout = 5000');
    checkSchema(db, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Refuses a database whose pages SQLite's quick check finds damaged, naming the first problem. */
function checkPages(db: Database.Database, path: string): void {
  const rows = db.pragma('quick_check(5)', { simple: false }) as Array<Record<string, string>>;
  const first = rows.map((row) => Object.values(row)[0]).find((text) => text !== 'ok');
  if (first !== undefined) throw damagedIndex(path, `quick_check: ${first.slice(0, 120)}`);
}

/**
 * Why the database's pages cannot be trusted (SQLite's quick check), or null when they can or there is
 * no such file; reads only.
 */
export function checkDatabaseFile(path: string): string | null {
  if (!existsSync(path) || statSync(path).isDirectory()) return null;
  const opened: { db?: Database.Database } = {};
  try {
    opened.db = openReadOnly(path);
    checkPages(opened.db, path);
    return null;
  } catch (error) {
    if (error instanceof BatutaError && error.details['damaged'] === true) return error.message;
    const code = (error as { code?: unknown }).code;
    return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' ? damagedIndex(path).message : null;
  } finally {
    opened.db?.close();
  }
}

/**
 * Deletes the database and its WAL files when no connection has it open, and says whether it did. The
 * probe takes SQLite's exclusive lock on the file: a connection in WAL mode (a writer or a search) holds a
 * shared lock for as long as it is open, so another process's index or search keeps the file; so does a
 * probe that cannot tell (the file cannot be opened or locked).
 */
export function removeIfUnused(path: string): boolean {
  if (!existsSync(path)) return false;
  let db: Database.Database | null = null;
  try {
    db = new (sqlite())(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch {
    return false;
  } finally {
    db?.close();
  }
  for (const end of ['', '-wal', '-shm']) rmSync(path + end, { force: true });
  return true;
}

/** Moves a damaged database (and its WAL files) aside, never deleting it; returns where it went. */
export function moveAside(path: string): string {
  const aside = `${path}.damaged-${new Date().toISOString().replaceAll(':', '-')}`;
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  renameSync(path, aside);
  return aside;
}

/** True when the file holds nothing at all: no schema object and no user_version or application_id. */
function isBlank(db: Database.Database): boolean {
  const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
  return (
    objects === 0 &&
    db.pragma('user_version', { simple: true }) === 0 &&
    db.pragma('application_id', { simple: true }) === 0
  );
}

/** Checks that the file is ours (creating the tables of a blank file); returns its schema version. */
function checkOrCreateSchema(db: Database.Database, path: string): number {
  if (!isBlank(db)) {
    return checkSchema(db, path);
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)').run(
      'app',
      APP,
      'schema_version',
      String(SCHEMA_VERSION),
    );
  })();
  return SCHEMA_VERSION;
}

/** Moves a version 1 file to the current schema (per-collection FTS5 tables) in one transaction. */
function upgrade(db: Database.Database): void {
  db.transaction(() => {
    splitSharedText(db);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
  })();
}

/** Refuses a file that is not our index, or is of another schema version. */
function checkSchema(db: Database.Database, path: string): number {
  if (isBlank(db)) {
    throw new BatutaError(
      'NOT_FOUND',
      say`index: "${path}" holds no index yet (${{ kind: 'index', folder: null, db: path }} first)`,
      { path },
    );
  }
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (!tables.includes('meta')) throw notAnIndex(path, 'it was made by another program');
  const read = (key: string) =>
    db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (read('app') !== APP) throw notAnIndex(path, 'it was made by another program');
  const version = Number(read('schema_version'));
  if (!(version >= OLDEST_READ_VERSION && version <= SCHEMA_VERSION)) {
    throw new BatutaError(
      'CORRUPT_STORE',
      say`index: "${path}" has schema version ${version}, this batuta reads ${SCHEMA_VERSION} (use a matching batuta or another ${DB_ARGUMENT})`,
      { path, version },
    );
  }
  return version;
}
