/**
 * The migration state of one project, in SQLite at `PATH/.batuta/state.db` (WAL, every change in a
 * transaction, so a crash leaves the last committed state). A lock row names the process running a
 * phase; a second run gets a "busy" error, and a lock left by a dead process is taken over.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BatutaError } from '../errors.js';
import { say } from '../fixes.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS phases (
  name TEXT PRIMARY KEY, status TEXT NOT NULL, started_at TEXT, finished_at TEXT, reason TEXT,
  artifacts TEXT NOT NULL DEFAULT '[]', summary TEXT);
CREATE TABLE IF NOT EXISTS cache (path TEXT PRIMARY KEY, hash TEXT NOT NULL, crate TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, phase TEXT NOT NULL,
  since TEXT NOT NULL);
`;

/** One row of the phases table as stored (JSON columns still as text). */
export interface PhaseRow {
  readonly name: string;
  readonly status: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly reason: string | null;
  /** The reason's words and fixes as data (migration/stored-reason.ts); absent in files of older batuta. */
  readonly reason_parts?: string | null;
  readonly artifacts: string;
  readonly summary: string | null;
}

/** The folder batuta keeps per project. */
export function stateDir(root: string): string {
  return join(root, '.batuta');
}

function corrupt(path: string): BatutaError {
  return new BatutaError(
    'CORRUPT_STORE',
    say`state: "${path}" is damaged or not a batuta state database (${{ kind: 'reset', path: dirname(dirname(path)) }} to start over)`,
    { path },
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * phases.reason_parts, added after the first schema: nullable, so older batuta still reads and writes the
 * file (its rows leave it NULL, and readers fall back on the reason's words).
 */
function addReasonParts(db: Database.Database): void {
  const has = db.prepare("SELECT 1 FROM pragma_table_info('phases') WHERE name = 'reason_parts'").get();
  if (has === undefined) db.exec('ALTER TABLE phases ADD COLUMN reason_parts TEXT');
}

/** Access to one project's state database. */
export class MigrationState {
  private readonly db: Database.Database;

  private constructor(
    db: Database.Database,
    readonly path: string,
  ) {
    this.db = db;
  }

  /** Opens (creating if asked) the state of the project at `root`; CORRUPT_STORE if the file is damaged. */
  static open(root: string, create: boolean): MigrationState | undefined {
    const path = join(stateDir(root), 'state.db');
    if (!existsSync(path)) {
      if (!create) return undefined;
      mkdirSync(stateDir(root), { recursive: true });
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: 2000 });
      db.pragma('journal_mode = WAL');
      db.exec(SCHEMA);
      addReasonParts(db);
      const app = db.prepare("SELECT value FROM meta WHERE key = 'app'").get() as
        | { value: string }
        | undefined;
      if (app === undefined)
        db.prepare("INSERT INTO meta (key, value) VALUES ('app', 'batuta-migration')").run();
      else if (app.value !== 'batuta-migration') throw corrupt(path);
      return new MigrationState(db, path);
    } catch (error) {
      db?.close();
      if (error instanceof BatutaError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY') throw busy(path);
      throw corrupt(path);
    }
  }

  /** Takes the project lock for `phase`; throws IO "busy" while another live process holds it. */
  lock(phase: string): void {
    const take = this.db.transaction(() => {
      const held = this.db.prepare('SELECT pid, phase FROM lock WHERE id = 1').get() as
        | { pid: number; phase: string }
        | undefined;
      if (held !== undefined && held.pid !== process.pid && processAlive(held.pid)) {
        throw busy(this.path, held.phase, held.pid);
      }
      this.db
        .prepare('INSERT OR REPLACE INTO lock (id, pid, phase, since) VALUES (1, ?, ?, ?)')
        .run(process.pid, phase, new Date().toISOString());
    });
    try {
      take.immediate();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw busy(this.path);
      throw error;
    }
  }

  /** Releases the lock if this process holds it. */
  unlock(): void {
    this.db.prepare('DELETE FROM lock WHERE id = 1 AND pid = ?').run(process.pid);
  }

  /** The process holding the lock, if it is still alive. */
  holder(): { pid: number; phase: string } | undefined {
    const held = this.db.prepare('SELECT pid, phase FROM lock WHERE id = 1').get() as
      | { pid: number; phase: string }
      | undefined;
    return held !== undefined && processAlive(held.pid) ? held : undefined;
  }

  /** Every recorded phase row (phases never run have none). */
  phases(): PhaseRow[] {
    return this.db.prepare('SELECT * FROM phases').all() as PhaseRow[];
  }

  /** Marks a phase running and every later phase pending, in one transaction. */
  start(phase: string, later: readonly string[]): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO phases (name, status, started_at, finished_at, reason, reason_parts, artifacts, summary)
           VALUES (?, 'running', ?, NULL, NULL, NULL, '[]', NULL)`,
        )
        .run(phase, new Date().toISOString());
      const clear = this.db.prepare('DELETE FROM phases WHERE name = ?');
      for (const name of later) clear.run(name);
    })();
  }

  /** Records how a phase ended: the reason in the CLI's words, and its parts (`reasonParts`) when it names fixes. */
  finish(
    phase: string,
    status: 'passed' | 'failed',
    reason: { readonly words: string; readonly parts: string | null } | null,
    artifacts: string[],
    summary: unknown,
  ): void {
    this.db
      .prepare(
        'UPDATE phases SET status = ?, finished_at = ?, reason = ?, reason_parts = ?, artifacts = ?, summary = ? WHERE name = ?',
      )
      .run(
        status,
        new Date().toISOString(),
        reason?.words ?? null,
        reason?.parts ?? null,
        JSON.stringify(artifacts),
        JSON.stringify(summary),
        phase,
      );
  }

  /** The cached content hash and crate of a transpiled file. */
  cached(path: string): { hash: string; crate: string } | undefined {
    return this.db.prepare('SELECT hash, crate FROM cache WHERE path = ?').get(path) as
      | { hash: string; crate: string }
      | undefined;
  }

  /** Records the content hash a file was transpiled from, so an unchanged file is skipped next time. */
  remember(path: string, hash: string, crate: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO cache (path, hash, crate) VALUES (?, ?, ?)')
      .run(path, hash, crate);
  }

  /** Closes the database; the lock row is released separately by unlock(). */
  close(): void {
    this.db.close();
  }
}

function busy(path: string, phase?: string, pid?: number): BatutaError {
  const who = phase === undefined ? 'another batuta run' : `batuta ${phase} (pid ${pid})`;
  return new BatutaError('IO', `state: project is busy: ${who} holds "${path}" (wait for it to finish)`, {
    path,
    phase,
    pid,
  });
}
