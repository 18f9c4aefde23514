/**
 * Rows read back from the index database, checked on the way in: a file edited by hand or damaged
 * fails with a clear error here instead of surfacing later as a wrong answer.
 */
import { InvalidDataError } from '../errors.js';
import { INDEX_AGAIN, say } from '../fixes.js';
import type { Chunk, ChunkMember } from '../retrieval/types.js';
import { array, type Check, checkShape, nullable, number, object, string, tuple } from '../shapes.js';
import type { CollectionHead, CollectionRow } from './index-store.js';

/** A chunk row joined with its document and collection. */
export interface ChunkRow {
  id: number;
  source: string;
  collection: string;
  component: string | null;
  headings: string;
  line_start: number;
  line_end: number;
  text: string;
  /** The merged sections' parts as JSON (`Chunk.members`); NULL for a chunk of one section or an older index. */
  members: string | null;
}

/** A collections row as stored (snake-case columns). */
interface StoredHead {
  id: number;
  name: string;
  /** Absolute folder the collection indexes. */
  root: string;
  /** Chunker version the chunks were cut with. */
  chunker: string;
  /** Embedder id of the stored vectors, or null. */
  embedder: string | null;
  /** ISO time of the last write. */
  updated_at: string;
  /** Write counter, and the one the HNSW file matches. */
  generation: number;
  vector_generation: number;
}

const int = number({ int: true });

const HEAD_FIELDS = {
  id: int,
  name: string,
  root: string,
  chunker: string,
  embedder: nullable(string),
  updated_at: string,
  generation: int,
  vector_generation: int,
} as const;

/** A collection row as read back from disk; a file edited by hand or damaged fails here, not later. */
const checkHead = object<StoredHead>(HEAD_FIELDS);

/** The same with the collection's document and chunk counts. */
const checkRow = object<StoredHead & { documents: number; chunks: number }>({
  ...HEAD_FIELDS,
  documents: int,
  chunks: int,
});

function renamed<T extends { updated_at: string; vector_generation: number }>(row: T) {
  const { updated_at, vector_generation, ...rest } = row;
  return { ...rest, updatedAt: updated_at, vectorGeneration: vector_generation };
}

function checked<T extends StoredHead>(check: Check<T>, row: Record<string, unknown>) {
  const result = checkShape(check, row);
  if ('problem' in result)
    throw new InvalidDataError(`index: a collection row is malformed (${result.problem})`);
  return renamed(result.value);
}

/** Heading path of a chunk, stored as JSON. */
const checkHeadings = array(string);

/**
 * A chunk's heading path as read back (SQLite's JSON text once parsed, PostgreSQL's jsonb as the driver
 * gives it): a list of strings, or INVALID_DATA naming the chunk and the fix.
 */
export function checkedHeadings(id: unknown, headings: unknown): string[] {
  const parsed = checkShape(checkHeadings, headings);
  if ('problem' in parsed)
    throw new InvalidDataError(
      say`index: chunk ${String(id)} has a malformed heading path (${INDEX_AGAIN} again)`,
    );
  return parsed.value;
}

const checkMembers = array(
  object<ChunkMember>({
    headings: checkHeadings,
    lines: tuple<[number, number]>([number({ int: true }), number({ int: true })]),
    from: number({ int: true, min: 0 }),
  }),
);

/**
 * A chunk's merged sections as read back (parsed JSON): none when the row has none (a chunk of one section,
 * or an index written before they were kept), else checked as the heading path is.
 */
export function checkedMembers(id: unknown, members: unknown): { members?: ChunkMember[] } {
  if (members === null || members === undefined) return {};
  const parsed = checkShape(checkMembers, members);
  if ('problem' in parsed)
    throw new InvalidDataError(
      say`index: chunk ${String(id)} has malformed merged sections (${INDEX_AGAIN} again)`,
    );
  return { members: parsed.value };
}

/** Checks and renames a collections row read with its document and chunk counts. */
export function toCollection(row: Record<string, unknown>): CollectionRow {
  return checked(checkRow, row);
}

/** Checks and renames a collections row read without counts. */
export function toCollectionHead(row: Record<string, unknown>): CollectionHead {
  return checked(checkHead, row);
}

/** Checks a chunk row and turns it into a Chunk. */
export function toChunk(row: ChunkRow): Chunk {
  const parse = (json: string) => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      return '';
    }
  };
  return {
    id: String(row.id),
    collection: row.collection,
    source: row.source,
    component: row.component,
    headings: checkedHeadings(row.id, parse(row.headings)),
    lines: [row.line_start, row.line_end],
    text: row.text,
    ...checkedMembers(row.id, row.members === null ? null : parse(row.members)),
  };
}
