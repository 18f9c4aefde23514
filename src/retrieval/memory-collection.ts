/**
 * A collection held in memory: the built-in `specs` (the shipped specs/ folder), chunked and BM25-indexed
 * with wink on first use, searchable with no database. Dense search over it is brute force (a few
 * hundred chunks), with vectors computed when first needed.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NotFoundError } from '../errors.js';
import { createWinkIndex, type FilterableSparseIndex } from './bm25-wink.js';
import { chunkDocument } from './chunker.js';
import { findFiles, readDocument } from './files.js';
import type { DenseSearch } from './hybrid.js';
import type { Chunk, Embedder } from './types.js';
import { indexedText } from './vector-sync.js';

/** The name of the built-in collection. */
export const SPECS_COLLECTION = 'specs';

/** An in-memory collection: its chunks by id and a BM25 index over them. */
export interface MemoryCollection {
  readonly name: string;
  readonly chunks: ReadonlyMap<string, Chunk>;
  readonly sparse: FilterableSparseIndex;
}

/** The package's specs/ folder, found by walking up from this file (works from src/ and dist/). */
export function findSpecsDir(): string {
  let at = import.meta.dirname;
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(at, 'specs')) && existsSync(join(at, 'package.json'))) return join(at, 'specs');
    at = dirname(at);
  }
  return resolve(import.meta.dirname, '../../specs');
}

/** Reads, chunks and indexes a folder in memory; files that cannot be read are left out. */
export function loadMemoryCollection(name: string, root: string): MemoryCollection {
  const chunks = new Map<string, Chunk>();
  const files = existsSync(root) ? findFiles(root) : [];
  for (const file of files) {
    const read = readDocument(file);
    if ('skipped' in read) continue;
    for (const chunk of chunkDocument({
      collection: name,
      source: file.source,
      kind: file.kind,
      text: read.text,
    })) {
      chunks.set(chunk.id, chunk);
    }
  }
  if (chunks.size === 0) {
    throw new NotFoundError(
      `search: collection "${name}" has no documents in "${root}" (reinstall batuta or check the folder)`,
    );
  }
  return { name, chunks, sparse: createWinkIndex([...chunks.values()]) };
}

/** Brute-force cosine search over the collection's chunks with vectors computed by `embedder`. */
export async function createMemoryDense(
  collection: MemoryCollection,
  embedder: Embedder,
): Promise<DenseSearch> {
  const ids = [...collection.chunks.keys()];
  const vectors = await embedder.embed(
    ids.map((id) => {
      const chunk = collection.chunks.get(id)!;
      return indexedText(chunk.headings, chunk.text);
    }),
  );
  return {
    embedder,
    search(query, limit) {
      const scored = vectors.map((vector, i) => ({ chunkId: ids[i]!, score: dot(vector, query) }));
      return scored.sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * (b[i] ?? 0);
  return sum;
}
