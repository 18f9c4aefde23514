/**
 * Where the index lives, from `--db` / `BATUTA_DB` and `--db-read` (or `BATUTA_DB_READ`): a SQLite file (the
 * default, under the user cache folder) or a PostgreSQL database, optionally with a streaming replica for
 * searches. A value that looks like a URL is never taken for a file path: `postgres://` and
 * `postgresql://` select PostgreSQL, any other scheme is refused.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { type CliIo, checkDbFlag } from './io.js';

export type DbLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly readUrl: string | null };

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const POSTGRES_SCHEMES = new Set(['postgres', 'postgresql']);

/** The scheme of a value that looks like a URL ("postgres"), or null for a path. */
function schemeOf(value: string): string | null {
  const match = URL_SCHEME.exec(value);
  return match === null ? null : match[1]!.toLowerCase();
}

/** Checks a PostgreSQL URL; messages never repeat the URL, which may hold a password. */
function checkPostgresUrl(where: string, value: string): string {
  const scheme = schemeOf(value);
  if (scheme === null || !POSTGRES_SCHEMES.has(scheme)) {
    const what = scheme === null ? 'a file path' : `"${scheme}://"`;
    throw new InvalidInputError(
      `${where}: ${what} is not a PostgreSQL URL (give postgres://USER@HOST:PORT/DATABASE)`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(
      `${where}: the postgres:// URL cannot be parsed (give postgres://USER:PASSWORD@HOST:PORT/DATABASE)`,
    );
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new InvalidInputError(
      `${where}: the postgres:// URL names no host (give postgres://USER@HOST/DATABASE)`,
    );
  }
  return value;
}

/**
 * Resolves the index location: `db` (the --db flag), else $BATUTA_DB, else the cache default; `dbRead`
 * (--db-read or $BATUTA_DB_READ, merged by the caller), only with a PostgreSQL primary. Throws InvalidInputError for a URL
 * of another scheme, a malformed PostgreSQL URL, or a replica without a PostgreSQL primary.
 */
export function resolveDbLocation(
  flags: { readonly db?: string | null | undefined; readonly dbRead?: string | null | undefined },
  env: CliIo['env'],
  cwd: string,
): DbLocation {
  checkDbFlag(flags.db);
  const fromFlag = flags.db !== undefined && flags.db !== null;
  const chosen = fromFlag ? flags.db! : (env['BATUTA_DB'] ?? '');
  const where = fromFlag ? '--db' : 'BATUTA_DB';
  const read = flags.dbRead ?? '';
  const readWhere = '--db-read';
  const scheme = schemeOf(chosen);
  if (scheme !== null && !POSTGRES_SCHEMES.has(scheme)) {
    throw new InvalidInputError(
      `${where}: "${scheme}://" is not a database batuta can use (give a file path or a postgres:// URL)`,
    );
  }
  if (scheme !== null) {
    const readUrl = read === '' ? null : checkPostgresUrl(readWhere, read);
    return { kind: 'postgres', url: checkPostgresUrl(where, chosen), readUrl };
  }
  if (read !== '') {
    throw new InvalidInputError(
      `${readWhere}: a read replica needs a PostgreSQL index (give --db postgres://…, or drop ${readWhere})`,
    );
  }
  if (chosen !== '') return { kind: 'sqlite', path: resolve(cwd, chosen) };
  const cache = env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache');
  return { kind: 'sqlite', path: join(cache, 'batuta', 'index.db') };
}

/**
 * The SQLite file of a location, for what only the embedded store offers (`what`, e.g. "--check"): a
 * PostgreSQL location is refused there in one line instead of being turned into a local path.
 */
export function sqlitePathOf(location: DbLocation, what = 'this command'): string {
  if (location.kind === 'sqlite') return location.path;
  throw new InvalidInputError(
    `${what} works on the embedded index only, not on a postgres:// index (give a file path for --db or BATUTA_DB)`,
  );
}

/** The location as it may be printed: a PostgreSQL URL without its user and password. */
export function describeLocation(location: DbLocation): string {
  if (location.kind === 'sqlite') return location.path;
  const url = new URL(location.url);
  url.username = '';
  url.password = '';
  return url.toString();
}
