/**
 * The vocabulary of retrieval shared by the chunker, the indexes, the models and the search pipeline.
 * Implementations live in their own files; these interfaces are what the rest of the code depends on.
 */

/** One searchable piece of a document, with where it came from. */
export interface Chunk {
  /** Stable id within a collection, e.g. "trueno-db.md#3". */
  readonly id: string;
  readonly collection: string;
  /** File path relative to the collection's root folder, with forward slashes. */
  readonly source: string;
  /** Component the document is about (front matter or file name), or null. */
  readonly component: string | null;
  /** Heading path from the document title down, e.g. ["Trueno-DB", "Capabilities"]. */
  readonly headings: readonly string[];
  /** First and last line of the chunk in the source file, 1-based and inclusive. */
  readonly lines: readonly [number, number];
  readonly text: string;
}

/** Turns text into unit-length vectors; the default runs the shipped ONNX model. */
export interface Embedder {
  /** Identifies model + version; an index built with another id must be rebuilt. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Scores (question, chunk) pairs jointly; higher is more relevant. */
export interface Reranker {
  readonly id: string;
  score(question: string, chunks: readonly Chunk[]): Promise<number[]>;
}

/** A ranked hit from one retrieval leg before fusion. */
export interface ScoredChunk {
  readonly chunkId: string;
  readonly score: number;
}

/** Lexical (BM25) search over chunks; wink for in-memory collections, SQLite FTS5 for persisted ones. */
export interface SparseIndex {
  search(question: string, limit: number): ScoredChunk[];
}

/**
 * Supplies the models a collection is searched with. The default implementation (src/retrieval/models.ts)
 * loads the shipped files from embeddings/; tests inject fakes.
 */
export interface ModelProvider {
  /** The embedder for a collection: the adapted one stored in `modelDir` if present, else the base model. */
  embedder(modelDir: string | null): Promise<Embedder>;
  /**
   * Adapts the embedder to a collection's chunk texts and stores it in `modelDir`; absent when unsupported.
   * An aborted `signal` stops it with a CANCELLED error and leaves the previous version in place.
   */
  adapt?(
    texts: readonly string[],
    modelDir: string,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<Embedder>;
  /** The reranker, or null when none is available. */
  reranker(): Promise<Reranker | null>;
}
