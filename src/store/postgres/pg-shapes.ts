/**
 * What the PostgreSQL store checks on the way in, through src/shapes.ts rather than zod (a search that opens
 * the store then loads no zod): the options it is opened with, and the rows it reads back. node-postgres
 * gives bigint columns as decimal strings and timestamptz as a Date (±Infinity for 'infinity'), so a row
 * edited by hand or a column changed under us fails here, naming the collection and the fix, instead of
 * as an internal error or a wrong answer later.
 */
import { hostname } from 'node:os';
import { InvalidDataError, InvalidInputError } from '../../errors.js';
import { say } from '../../fixes.js';
import type { Chunk } from '../../retrieval/types.js';
import {
  boolean,
  type Check,
  checkShape,
  nullable,
  number,
  object,
  ShapeError,
  string,
  withDefault,
} from '../../shapes.js';
import { checkedHeadings, checkedMembers } from '../rows.js';

/** A collection as stored in PostgreSQL. */
export interface PgCollection {
  readonly id: number;
  readonly name: string;
  readonly root: string;
  readonly chunker: string;
  readonly embedder: string | null;
  readonly generation: number;
  readonly chunks: number;
  /** When the collection was last written (ISO 8601). */
  readonly updatedAt: string;
  /** The stored fusion choice (fusion/record.ts) as written, or null. */
  readonly fusion: string | null;
}

/** How the store is opened; every field has a default. */
export interface PgStoreOptions {
  /** Streaming replica for searches, or null. */
  readonly readUrl?: string | null;
  /** Create the schema when the database has none (writers). */
  readonly create?: boolean;
  /** Connections per pool, 1 to 100. */
  readonly maxConnections?: number;
  /** statement_timeout of searches, in milliseconds. */
  readonly searchTimeoutMs?: number;
  /** Shown in pg_stat_activity and to writers that wait for this one. */
  readonly applicationName?: string;
}

export type ResolvedStoreOptions = {
  readonly [K in keyof PgStoreOptions]-?: Exclude<PgStoreOptions[K], undefined>;
};

const checkOptions = object<ResolvedStoreOptions>({
  readUrl: withDefault(nullable(string), () => null),
  create: withDefault(boolean, () => false),
  maxConnections: withDefault(number({ int: true, min: 1, max: 100 }), () => 4),
  searchTimeoutMs: withDefault(number({ int: true, min: 1 }), () => 10_000),
  applicationName: withDefault(string, () => `batuta ${hostname()} pid ${process.pid}`),
});

/** The options with their defaults; a value out of range is INVALID_INPUT naming the option. */
export function resolveStoreOptions(input: PgStoreOptions): ResolvedStoreOptions {
  const result = checkShape(checkOptions, input);
  if ('problem' in result) throw new InvalidInputError(`index: PostgreSQL store option ${result.problem}`);
  return result.value;
}

/** A bigint column: the driver's decimal string (or a number), a safe integer. */
const bigint: Check<number> = (value, at) => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(n)) throw new ShapeError(at, 'an integer', value);
  return n;
};

/** A timestamptz column: the driver's Date (or a date string), as ISO 8601; 'infinity' is refused. */
const timestamp: Check<string> = (value, at) => {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(time)) throw new ShapeError(at, 'a time', value);
  return new Date(time).toISOString();
};

/** A collections row as stored (snake-case columns; the others are not read). */
interface StoredCollection {
  id: number;
  name: string;
  root: string;
  chunker: string;
  embedder: string | null;
  generation: number;
  chunk_count: number;
  updated_at: string;
  fusion: string | null;
}

const checkCollection = object<StoredCollection>({
  id: bigint,
  name: string,
  root: string,
  chunker: string,
  embedder: nullable(string),
  generation: bigint,
  chunk_count: bigint,
  updated_at: timestamp,
  // A database not yet brought to schema version 2 has no fusion column.
  fusion: withDefault(nullable(string), () => null),
});

/** The error for a collections row that fails its check: which collection, what is wrong, what fixes it. */
function malformedCollection(row: unknown, problem: string): InvalidDataError {
  const fields = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
  const name = typeof fields['name'] === 'string' ? fields['name'] : `#${String(fields['id'])}`;
  const folder = typeof fields['root'] === 'string' ? fields['root'] : null;
  return new InvalidDataError(
    say`index: collection "${name}" has a malformed row in the PostgreSQL index (${problem}; remove it with "batuta collections remove ${name} --db URL", then ${{ kind: 'index', folder, collection: name, db: 'URL' }})`,
    { collection: name },
  );
}

/** Checks and renames a collections row. */
export function toPgCollection(row: unknown): PgCollection {
  const result = checkShape(checkCollection, row);
  if ('problem' in result) throw malformedCollection(row, result.problem);
  const { chunk_count, updated_at, ...rest } = result.value;
  return { ...rest, chunks: chunk_count, updatedAt: updated_at };
}

/** A chunks row read with its collection name, the heading path checked as SQLite's is (rows.ts). */
export function toPgChunk(row: Record<string, unknown>): Chunk {
  return {
    id: String(row['id']),
    collection: String(row['collection']),
    source: String(row['source']),
    component: (row['component'] as string | null) ?? null,
    headings: checkedHeadings(row['id'], row['headings']),
    lines: [Number(row['line_start']), Number(row['line_end'])],
    text: String(row['text']),
    ...checkedMembers(row['id'], row['members']),
  };
}
