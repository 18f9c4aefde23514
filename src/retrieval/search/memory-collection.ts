/**
 * A collection held in memory: the built-in `specs` (the shipped specs/ folder), chunked and BM25-indexed
 * with wink on first use (or loaded from the build's snapshot when it matches the files), searchable with
 * no database. Dense search over it is brute force (a few hundred chunks), with vectors computed when first
 * needed unless the snapshot holds them for the same embedder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NotFoundError } from '../../errors.js';
import { STOP_WORDS } from '../../text/stop-words.js';
import { indexedText } from '../dense/vector-files.js';
import { CHUNKER_VERSION, chunkDocument } from '../documents/chunker.js';
import { readDocument } from '../documents/files.js';
import type { DocumentKind } from '../documents/sections.js';
import { findFiles } from '../documents/selection.js';
import { type FusionRecord, parseFusionRecord } from '../fusion/record.js';
import {
  createWinkIndex,
  importWinkIndex,
  WINK_FIELD_WEIGHTS,
  type WinkIndex,
} from '../sparse/wink-index.js';
import type { Chunk, Embedder } from '../types.js';
import type { DenseSearch } from './hybrid.js';

export { SPECS_COLLECTION } from './specs-name.js';

/** Bumped when the snapshot layout changes, so an old snapshot is ignored rather than misread. */
const SNAPSHOT_FORMAT = 'specs-snapshot-1';

/** An in-memory collection: its chunks by id and a BM25 index over them. */
export interface MemoryCollection {
  readonly name: string;
  readonly chunks: ReadonlyMap<string, Chunk>;
  readonly sparse: WinkIndex;
  /** True when chunks and index came from the build-time snapshot rather than being built here. */
  readonly fromSnapshot: boolean;
  /** Chunk vectors saved by the build, in chunk order; used only with the embedder that made them. */
  readonly savedVectors?: SavedVectors;
  /** The fusion the build chose from the collection's pseudo-questions (indexing/specs-fusion.ts). */
  readonly fusion?: FusionRecord;
}

/** Vectors of every chunk (in the collection's chunk order) and the embedder id that computed them. */
export interface SavedVectors {
  readonly embedder: string;
  readonly vectors: readonly Float32Array[];
}

/** The package's specs/ folder, found by walking up from this file (works from src/ and dist/). */
export function findSpecsDir(): string {
  let at = import.meta.dirname;
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(at, 'specs')) && existsSync(join(at, 'package.json'))) return join(at, 'specs');
    at = dirname(at);
  }
  return resolve(import.meta.dirname, '../../../specs');
}

/** A folder's readable documents, read once: what gets chunked and what the snapshot fingerprint covers. */
export interface FolderDocuments {
  readonly name: string;
  readonly root: string;
  readonly documents: ReadonlyArray<{ source: string; kind: DocumentKind; text: string; hash: string }>;
}

/** Reads the indexable files of `root`; files that cannot be read are left out. */
export function readFolderDocuments(name: string, root: string): FolderDocuments {
  const documents: Array<FolderDocuments['documents'][number]> = [];
  for (const file of existsSync(root) ? findFiles(root) : []) {
    const read = readDocument(file);
    if (!('skipped' in read))
      documents.push({ source: file.source, kind: file.kind, text: read.text, hash: read.hash });
  }
  return { name, root, documents };
}

/**
 * A hash of everything an in-memory index depends on: the collection name, each file's path, kind and
 * content hash, the chunker version, the BM25 field weights and the stop words. A snapshot is used only when this matches.
 */
export function folderFingerprint(folder: FolderDocuments): string {
  const hash = createHash('sha256').update(`${SNAPSHOT_FORMAT}\0${CHUNKER_VERSION}\0${folder.name}\0`);
  hash.update(`${JSON.stringify(WINK_FIELD_WEIGHTS)}\0${[...STOP_WORDS].join(' ')}`);
  for (const doc of folder.documents) hash.update(`\0${doc.source}\0${doc.kind}\0${doc.hash}`);
  return hash.digest('hex');
}

/** Chunks the documents of a folder; throws NotFoundError when it has none. */
export function chunkFolder(folder: FolderDocuments): Chunk[] {
  const chunks = new Map<string, Chunk>();
  for (const doc of folder.documents) {
    for (const chunk of chunkDocument({
      collection: folder.name,
      source: doc.source,
      kind: doc.kind,
      text: doc.text,
    }))
      chunks.set(chunk.id, chunk);
  }
  if (chunks.size === 0) {
    throw new NotFoundError(
      `search: collection "${folder.name}" has no documents in "${folder.root}" (reinstall batuta or check the folder)`,
    );
  }
  return [...chunks.values()];
}

/** The snapshot file the build writes for the shipped specs (next to the compiled code in dist/). */
export function defaultSpecsSnapshotPath(): string {
  return join(dirname(findSpecsDir()), 'dist', 'specs-snapshot.json');
}

/** What a specs snapshot holds: the fingerprint it was built for, the chunks and wink's exported index. */
export interface MemorySnapshot {
  readonly fingerprint: string;
  readonly chunks: readonly Chunk[];
  readonly wink: string;
  /** The chunk vectors of the default embedder as base64 little-endian float32, when it could load. */
  readonly vectors?: { readonly embedder: string; readonly dimension: number; readonly data: string };
  /** The fusion record chosen at build time, read back through its zod schema. */
  readonly fusion?: unknown;
}

/**
 * Reads, chunks and indexes a folder in memory. Chunking and stemming every chunk costs tens of
 * milliseconds per process, so when `snapshot` names a file written by the build (specs-snapshot.ts) whose
 * fingerprint matches the folder's files byte for byte, its chunks and index are used instead; a stale,
 * missing or unreadable snapshot is ignored and the index is built here.
 */
export function loadMemoryCollection(
  name: string,
  root: string,
  options: { readonly snapshot?: string | null } = {},
): MemoryCollection {
  const folder = readFolderDocuments(name, root);
  const saved =
    options.snapshot == null ? null : readSnapshot(name, options.snapshot, folderFingerprint(folder));
  if (saved !== null) return saved;
  const chunks = chunkFolder(folder);
  return {
    name,
    chunks: new Map(chunks.map((chunk) => [chunk.id, chunk])),
    sparse: createWinkIndex(chunks),
    fromSnapshot: false,
  };
}

function readSnapshot(name: string, path: string, fingerprint: string): MemoryCollection | null {
  let saved: Partial<MemorySnapshot>;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<MemorySnapshot>;
  } catch {
    return null;
  }
  if (saved.fingerprint !== fingerprint || !Array.isArray(saved.chunks) || typeof saved.wink !== 'string')
    return null;
  try {
    const sparse = importWinkIndex(saved.wink);
    const chunks = new Map(saved.chunks.map((chunk) => [chunk.id, chunk]));
    const savedVectors = decodeVectors(saved.vectors, chunks.size);
    const fusion = saved.fusion === undefined ? null : parseFusionRecord(JSON.stringify(saved.fusion));
    return {
      name,
      chunks,
      sparse,
      fromSnapshot: true,
      ...(savedVectors === null ? {} : { savedVectors }),
      ...(fusion === null ? {} : { fusion }),
    };
  } catch {
    return null;
  }
}

/** Encodes vectors for a snapshot (see `MemorySnapshot.vectors`). */
export function encodeVectors(embedder: string, vectors: readonly Float32Array[]): MemorySnapshot['vectors'] {
  const dimension = vectors[0]?.length ?? 0;
  const flat = new Float32Array(vectors.length * dimension);
  for (const [i, vector] of vectors.entries()) flat.set(vector, i * dimension);
  return { embedder, dimension, data: Buffer.from(flat.buffer).toString('base64') };
}

function decodeVectors(saved: MemorySnapshot['vectors'], count: number): SavedVectors | null {
  if (saved === undefined || typeof saved.data !== 'string' || !(saved.dimension > 0)) return null;
  const bytes = Buffer.from(saved.data, 'base64');
  if (bytes.length !== count * saved.dimension * 4) return null;
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const vectors = Array.from({ length: count }, (_, i) =>
    flat.subarray(i * saved.dimension, (i + 1) * saved.dimension),
  );
  return { embedder: saved.embedder, vectors };
}

/**
 * Brute-force cosine search over the collection's chunks with vectors computed by `embedder`, or taken
 * from the snapshot when the same embedder (by id) made them.
 */
export async function createMemoryDense(
  collection: MemoryCollection,
  embedder: Embedder,
): Promise<DenseSearch> {
  const ids = [...collection.chunks.keys()];
  const saved = collection.savedVectors;
  const vectors =
    saved !== undefined && saved.embedder === embedder.id && saved.vectors[0]?.length === embedder.dimension
      ? saved.vectors
      : await embedChunks(collection, embedder);
  const byId = new Map(ids.map((id, i) => [id, vectors[i]!]));
  return {
    embedder,
    search(query, limit) {
      const scored = vectors.map((vector, i) => ({ chunkId: ids[i]!, score: dot(vector, query) }));
      return scored.sort((a, b) => b.score - a.score).slice(0, limit);
    },
    vectors: (wanted) =>
      new Map(wanted.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
}

/** Embeds every chunk of the collection (heading path + body), in chunk order. */
export function embedChunks(collection: MemoryCollection, embedder: Embedder): Promise<Float32Array[]> {
  const ids = [...collection.chunks.keys()];
  return embedder.embed(
    ids.map((id) => {
      const chunk = collection.chunks.get(id)!;
      return indexedText(chunk.headings, chunk.text);
    }),
  );
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * (b[i] ?? 0);
  return sum;
}
