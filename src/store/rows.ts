/**
 * Rows read back from the index database, checked on the way in: a file edited by hand or damaged
 * fails with a clear error here instead of surfacing later as a wrong answer.
 */
import { z } from 'zod';
import { InvalidDataError } from '../errors.js';
import { INDEX_AGAIN, say } from '../fixes.js';
import type { Chunk } from '../retrieval/types.js';
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
}

/** A collection row as read back from disk; a file edited by hand or damaged fails here, not later. */
const CollectionHeadSchema = z.object({
  id: z.number().int().describe('Row id'),
  name: z.string().describe('Collection name'),
  root: z.string().describe('Absolute folder the collection indexes'),
  chunker: z.string().describe('Chunker version the chunks were cut with'),
  embedder: z.string().nullable().describe('Embedder id of the stored vectors, or null'),
  updated_at: z.string().describe('ISO time of the last write'),
  generation: z.number().int().describe('Write counter'),
  vector_generation: z.number().int().describe('Write counter the HNSW file matches'),
});

const CollectionRowSchema = CollectionHeadSchema.extend({
  documents: z.number().int().describe('Documents in the collection'),
  chunks: z.number().int().describe('Chunks in the collection'),
});

function renamed<T extends { updated_at: string; vector_generation: number }>(row: T) {
  const { updated_at, vector_generation, ...rest } = row;
  return { ...rest, updatedAt: updated_at, vectorGeneration: vector_generation };
}

function malformed(message: string | undefined): never {
  throw new InvalidDataError(`index: a collection row is malformed (${message})`);
}

const HeadingsSchema = z.array(z.string()).describe('Heading path of a chunk, stored as JSON');

/** Checks and renames a collections row read with its document and chunk counts. */
export function toCollection(row: Record<string, unknown>): CollectionRow {
  const parsed = CollectionRowSchema.safeParse(row);
  return parsed.success ? renamed(parsed.data) : malformed(parsed.error.issues[0]?.message);
}

/** Checks and renames a collections row read without counts. */
export function toCollectionHead(row: Record<string, unknown>): CollectionHead {
  const parsed = CollectionHeadSchema.safeParse(row);
  return parsed.success ? renamed(parsed.data) : malformed(parsed.error.issues[0]?.message);
}

/** Checks a chunk row and turns it into a Chunk. */
export function toChunk(row: ChunkRow): Chunk {
  let headings: unknown;
  try {
    headings = JSON.parse(row.headings);
  } catch {
    headings = null;
  }
  const parsed = HeadingsSchema.safeParse(headings);
  if (!parsed.success)
    throw new InvalidDataError(
      say`index: chunk ${row.id} has a malformed heading path (${INDEX_AGAIN} again)`,
    );
  return {
    id: String(row.id),
    collection: row.collection,
    source: row.source,
    component: row.component,
    headings: parsed.data,
    lines: [row.line_start, row.line_end],
    text: row.text,
  };
}
