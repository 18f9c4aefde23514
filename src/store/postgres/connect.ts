/**
 * Connection pools to the PostgreSQL index (node-postgres), and the translation of its failures into one-line
 * BatutaErrors that name the fix. Messages never repeat the URL: it may hold a password.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';
import { BatutaError } from '../../errors.js';

/** node-postgres, loaded by the first pool: a search of the embedded index never opens one, nor loads it. */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** Pool sizes and the search time limit; resolved once by the store. */
export interface PoolOptions {
  /** Connections per pool (each server process has its own pools). */
  readonly maxConnections: number;
  /** statement_timeout of the search pool, in milliseconds. */
  readonly searchTimeoutMs: number;
  /** application_name, shown in pg_stat_activity (and to a writer that waits for a lock). */
  readonly applicationName: string;
}

/** Where the URL points, for messages: host, port and database, never the user or password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return 'the PostgreSQL URL';
  }
}

/**
 * Candidates an HNSW search considers (pgvector's hnsw.ef_search), set on every search connection: the
 * embedded store's efSearch, enough for the 100-chunk pool of a search.
 */
export const EF_SEARCH = 128;

/** A pool for writes (no time limit) or searches (`statement_timeout`, `hnsw.ef_search`). */
export function createPool(url: string, options: PoolOptions, purpose: 'write' | 'search'): pg.Pool {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: options.maxConnections,
    application_name: options.applicationName,
    ...(purpose === 'search'
      ? { statement_timeout: options.searchTimeoutMs, options: `-c hnsw.ef_search=${EF_SEARCH}` }
      : {}),
  });
  // An idle connection the server drops (restart, failover) must not crash the process; the next query
  // opens a new one and reports its own error.
  pool.on('error', () => {});
  return pool;
}

const CODE_FIXES: Readonly<Record<string, (target: string) => string>> = {
  '28P01': (t) => `the password was refused by ${t} (check the user and password in the URL)`,
  '28000': (t) => `${t} refused the connection (allow this user and host in pg_hba.conf, or check the user)`,
  '3D000': (t) => `the database ${t} does not exist (create it: createdb, or CREATE DATABASE)`,
  '42501': (t) => `the user lacks a privilege on ${t} (grant it, or use the database owner)`,
  '57P03': (t) => `${t} is starting up or shutting down (retry in a moment)`,
  '53300': (t) => `${t} has no free connections (raise max_connections or lower the pool size)`,
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/**
 * Maps a node-postgres error to a one-line BatutaError naming the fix; search time-outs become IO errors
 * that say which limit ran out. Anything unknown is rethrown as is.
 */
export function translatePgError(url: string, error: unknown, searchTimeoutMs?: number): never {
  if (error instanceof BatutaError) throw error;
  const code = (error as { code?: unknown }).code;
  const target = describeTarget(url);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    throw new BatutaError(
      'IO',
      `index: cannot reach PostgreSQL at ${target} (${code}; start the server or fix host and port in the URL)`,
      { code },
    );
  }
  if (code === '57014' && searchTimeoutMs !== undefined) {
    throw new BatutaError(
      'IO',
      `search: PostgreSQL at ${target} did not answer within ${searchTimeoutMs} ms (retry, or raise the search time limit)`,
      { code },
    );
  }
  const fix = typeof code === 'string' ? CODE_FIXES[code] : undefined;
  if (fix !== undefined) throw new BatutaError('IO', `index: ${fix(target)}`, { code });
  throw error;
}
