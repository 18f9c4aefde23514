/**
 * The index database as the retrieval layer sees it: collections and their documents, chunk vectors with
 * the bookkeeping of their HNSW files, full-text search and a few per-collection records. The contract is
 * the `IndexStore` interface; the SQLite implementation (src/store/sqlite/) is what `IndexStore.open`
 * returns, and nothing outside src/store sees SQLite.
 */
import type { Chunk, ScoredChunk } from '../retrieval/types.js';
import { checkDatabaseFile, moveAside, type OpenOptions, removeIfUnused } from './database.js';
import { openSqliteIndexStore } from './sqlite/sqlite-index-store.js';

/** A persisted collection and the versions its chunks and vectors were built with. */
export interface CollectionHead {
  readonly id: number;
  readonly name: string;
  readonly root: string;
  readonly chunker: string;
  readonly embedder: string | null;
  readonly updatedAt: string;
  /** Bumped by every write to the collection's chunks or vectors. */
  readonly generation: number;
  /** The generation the HNSW file was last saved at; equal to `generation` when it is up to date. */
  readonly vectorGeneration: number;
}

/** A collection with its document and chunk counts. */
export interface CollectionRow extends CollectionHead {
  readonly documents: number;
  readonly chunks: number;
}

/** A document's fingerprint as stored. */
export interface DocumentFingerprint {
  readonly hash: string;
  /** Bytes of the file on disk (a gzipped document's compressed file). */
  readonly size: number;
  /** Modification time (ms) when last read; a file with the same size and mtime is not read again. */
  readonly mtime: number;
  /**
   * Bytes of its content as read (a gzipped document inflated); null when indexed before it was recorded
   * (the next run records it), absent when the store derives it itself.
   */
  readonly contentSize?: number | null;
}

/** A document whose content did not change: its new modification time and, when known, its content size. */
export interface DocumentTouch {
  readonly source: string;
  readonly mtime: number;
  readonly contentSize?: number;
}

/** What a collection's documents weigh: on disk, and as read (a gzipped document inflated). */
export interface CollectionSizes {
  readonly diskBytes: number;
  readonly contentBytes: number;
  /** Files the last index run left out. */
  readonly skipped: number;
}

/** One document to store with its chunks (chunk ids are replaced by row ids). */
export interface DocumentWrite {
  readonly source: string;
  readonly hash: string;
  readonly size: number;
  /** Bytes of its content as read (a gzipped document inflated); absent: the same as `size`. */
  readonly contentSize?: number;
  readonly mtime: number;
  /** Extra words for the weighted heading column of every chunk (e.g. the file name), or ''. */
  readonly title: string;
  readonly chunks: readonly Chunk[];
  /**
   * Per chunk, its words as the file reranker reads them (retrieval/rerank/chunk-tokens.ts), or null;
   * the SQLite store keeps them beside the chunk (absent: none are kept).
   */
  readonly tokens?: readonly (Uint8Array | null)[];
  /** The document's text as read from its file (the PostgreSQL store keeps it to serve reads). */
  readonly text?: string;
}

/**
 * The HNSW file of a collection when it was last written: its largest label, its live labels, and its
 * size and sha256 (recorded since the files are checked before loading; absent in older indexes).
 */
export interface VectorFileState {
  readonly maxId: number;
  readonly live: number;
  readonly sha256?: string;
  readonly bytes?: number;
}

/** A chunk that still needs a vector. */
export interface PendingChunk {
  readonly id: number;
  readonly text: string;
  readonly headings: readonly string[];
}

/** Every job of the index database behind one object; writes that readers can see run in one transaction. */
export interface IndexStore {
  /** Where the index lives (a file path), for messages. */
  readonly path: string;
  close(): void;

  listCollections(): CollectionRow[];
  getCollection(name: string): CollectionRow | null;
  getCollectionById(id: number): (CollectionRow & { pendingVectors: number }) | null;
  /** The collection without counts: cheap enough to check before every search. */
  headOf(name: string): CollectionHead | null;
  /** Creates the collection or updates its root and chunker version; returns the stored row. */
  saveCollection(name: string, root: string, chunker: string): CollectionRow;
  /** Records which embedder the collection's vectors come from (null: no vectors). */
  setEmbedder(collectionId: number, embedder: string | null): void;
  /** Stored bytes (sum of document sizes) and files left out at the last index run, per collection id. */
  collectionSizes(): Map<number, CollectionSizes>;
  /** Records how many files the last index run of the collection left out (by rule or unreadable). */
  setSkippedCount(collectionId: number, count: number): void;
  /** The collection's fusion choice as stored (JSON text the retrieval layer reads), or null. */
  fusionRecord(collectionId: number): string | null;
  /** Stores (null: removes) the collection's fusion choice. */
  setFusionRecord(collectionId: number, record: string | null): void;
  /**
   * The selection's record of the collection's pages as last judged (their stamps, shingles and the
   * compilations among them; JSON text the retrieval layer reads), or null.
   */
  pagesRecord(collectionId: number): string | null;
  /** Stores the selection's record of the collection's pages. */
  setPagesRecord(collectionId: number, record: string): void;
  /**
   * The lines repeated across the collection's HTML pages that its chunks leave out, as stored (JSON text the
   * retrieval layer reads), or null: readers of its pages leave out the same lines.
   */
  chromeRecord(collectionId: number): string | null;
  /** Stores the collection's repeated lines. */
  setChromeRecord(collectionId: number, record: string): void;
  /** Deletes a collection with its documents, chunks, full-text table and per-collection records; false when unknown. */
  removeCollection(name: string): boolean;
  /** Renames a collection (its rows keep their ids, so vectors and records follow); false when unknown. */
  renameCollection(from: string, to: string): boolean;

  fingerprints(collectionId: number): Map<string, DocumentFingerprint>;
  /** Records new modification times (and content sizes) of documents whose content hash did not change. */
  touchDocuments(collectionId: number, touched: readonly DocumentTouch[]): void;
  /** Replaces the given documents (and removes `removed` sources) in one transaction. */
  writeDocuments(collectionId: number, writes: readonly DocumentWrite[], removed?: readonly string[]): void;
  /** Chunks by row id, with their collection name; missing ids are left out. */
  chunks(ids: readonly number[]): Map<number, Chunk>;
  /** Characters of text in all chunks of each named document (source); unknown sources are left out. */
  fileChars(collectionId: number, sources: readonly string[]): Map<string, number>;
  /** Every chunk of the named documents (sources), each document's in file order; unknown sources give none. */
  fileChunks(collectionId: number, sources: readonly string[]): Chunk[];
  /** The stored reranker words of chunks by row id; chunks without them (or an older file) are left out. */
  chunkTokens(ids: readonly number[]): Map<number, Uint8Array>;
  /** Every chunk text of a collection in id order (for adapting a model to the collection). */
  chunkTexts(collectionId: number): string[];

  /**
   * Records that the collection's vectors at `generation` are served: by the HNSW file, whose largest
   * label and live label count are `file` when the file was (re)written, plus the vectors above
   * `file.maxId`, which searches scan directly.
   */
  markVectorIndexSaved(collectionId: number, generation: number, file?: VectorFileState): void;
  /** What identified the collection's embedding model when its vectors were last brought up to date. */
  modelStamp(collectionId: number): string | null;
  setModelStamp(collectionId: number, stamp: string | null): void;
  /** What the collection's HNSW file held when it was last written, or null when unknown. */
  vectorFileState(collectionId: number): VectorFileState | null;
  /** Vectors of the collection's chunks with ids above `afterId` (the ones not in the HNSW file). */
  vectorsAfter(collectionId: number, afterId: number): Map<number, Float32Array>;
  /** How many of the collection's chunks have a vector, split at `id`: [at or below, above]. */
  vectorCountsAround(collectionId: number, id: number): [number, number];
  /** Chunks without a vector, in id order, after chunk id `after` (the last id of the previous page). */
  pendingChunks(collectionId: number, limit: number, after?: number): PendingChunk[];
  /** Every chunk, with or without a vector, in id order after chunk id `after` (re-embedding). */
  chunksAfter(collectionId: number, limit: number, after?: number): PendingChunk[];
  /** Stores vectors in one transaction. */
  saveVectors(collectionId: number, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>): void;
  /**
   * Puts a whole new set of vectors from another embedder in place of the old ones, in one transaction,
   * once the HNSW file for them (`file`) is written: a search sees either the old embedder and vectors or
   * the new ones, never a mix. Chunks missing from `vectors` are left without one.
   */
  replaceVectors(
    collectionId: number,
    embedder: string,
    vectors: ReadonlyArray<{ id: number; vector: Float32Array }>,
    file: VectorFileState,
  ): void;
  /** Ids of the chunks of a collection that have a vector. */
  vectorIds(collectionId: number): number[];
  /** Stored vectors of the given chunk ids. */
  vectors(ids: readonly number[]): Map<number, Float32Array>;
  /**
   * Stored vectors of the given chunks of a collection while its vectors come from `embedder` (read in one
   * statement, so never another embedder's); ids without one are left out.
   */
  vectorsOf(collectionId: number, embedder: string, ids: readonly number[]): Map<number, Float32Array>;

  /**
   * Full-text BM25 search inside one collection, with the collection's own statistics. `match` is an FTS5 expression (built by the retrieval
   * layer); `weights` weigh the heading and body columns. Scores are positive, higher is better.
   */
  searchText(
    collectionId: number,
    match: string,
    limit: number,
    weights: readonly [number, number],
  ): ScoredChunk[];
  /** How many chunks of the collection contain each (already stemmed) term; unknown terms count 0. */
  termDocCounts(collectionId: number, terms: readonly string[]): Map<string, number>;
  /** Number of chunks in the collection (the N of its document frequencies). */
  chunkCount(collectionId: number): number;
}

/** Opens the index database at `path` (created unless `mustExist`; searches pass `readOnly`). */
export const IndexStore = {
  open(path: string, options: OpenOptions = {}): IndexStore {
    return openSqliteIndexStore(path, options);
  },
  /** Why the database's pages cannot be trusted, or null when they can (or there is no file); reads only. */
  checkFile(path: string): string | null {
    return checkDatabaseFile(path);
  },
  /** Moves a damaged database aside (never deleting it) so a new one can be built; returns where it went. */
  moveAside(path: string): string {
    return moveAside(path);
  },
  /** Deletes the database and its WAL files unless another connection has it open; true when it did. */
  removeIfUnused(path: string): boolean {
    return removeIfUnused(path);
  },
};
