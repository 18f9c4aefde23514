/**
 * The vocabulary of retrieval shared by the chunker, the indexes, the models and the search pipeline.
 * Implementations live in their own files; these interfaces are what the rest of the code depends on.
 */
import type { FirstStage } from './fusion/first-stage.js';
import type { FeatureVocabulary } from './wordvec/feature-vocabulary.js';

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
  /**
   * The small sibling sections merged into this chunk (HTML; documents/chunker.ts), in order, so a result
   * can cite the one its passage is in; absent for a chunk of one section and in indexes written before.
   */
  readonly members?: readonly ChunkMember[];
}

/** One merged section's part of a chunk. */
export interface ChunkMember {
  /**
   * The heading path it is cited by: the chunk's path and its own heading (the chunk's path alone for the
   * heading that names a run of top-level siblings, and for lines above the first heading).
   */
  readonly headings: readonly string[];
  /** Its first and last line within the chunk, 1-based and inclusive. */
  readonly lines: readonly [number, number];
  /** The line of the chunk's text (0-based, `text.split('\n')`) where its part starts. */
  readonly from: number;
}

/** Turns text into unit-length vectors; the default runs the shipped ONNX model. */
export interface Embedder {
  /** Identifies model + version; an index built with another id must be rebuilt. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * The model's word vectors and word weights, read on first call; word-vector models offer them so the
   * reranker can match question words softly against a file's words.
   */
  vocabulary?(): FeatureVocabulary;
}

/**
 * What the first stage knew about one file of the head: the search metric and the results are per file,
 * so a reranker that sees all of a file's evidence (not only its best chunk) can judge the file.
 */
export interface RerankEvidence {
  /** 1-based rank of the file after fusion (by its best chunk). */
  readonly fusedRank: number;
  /** Fused score of the file's best chunk. */
  readonly fusedScore: number;
  /** Sum of the fused scores of all the file's chunks in the pool. */
  readonly fusedSum: number;
  /** How many of the file's chunks are in the fused pool. */
  readonly chunksInPool: number;
  /** Best (lowest) 1-based rank of any of the file's chunks in each leg that returned one. */
  readonly legRanks: Readonly<Record<string, number>>;
  /** Best raw score of any of the file's chunks in each leg that returned one (BM25 score, cosine). */
  readonly legScores: Readonly<Record<string, number>>;
  /** Characters of text in all the file's chunks in the collection, when the collection says. */
  readonly fileChars?: number;
}

/** One file of the head offered to a reranker: its best chunk, its other pooled chunks, the evidence. */
export interface RerankCandidate {
  readonly chunk: Chunk;
  readonly others: readonly Chunk[];
  readonly evidence: RerankEvidence;
  /**
   * The stored words (rerank/chunk-tokens.ts) of `chunk` and then `others`, in that order, when the
   * collection keeps them; a missing or unfitting one is read from the chunk's text instead.
   */
  readonly tokens?: readonly (Uint8Array | undefined)[];
}

/** Scores (question, chunk) pairs jointly; higher is more relevant. */
export interface Reranker {
  readonly id: string;
  /**
   * The first stage whose head this reranker was trained to read (its features describe that stage's
   * ranks and scores); absent: it reads the head of whatever first stage the search used.
   */
  readonly firstStage?: FirstStage;
  score(question: string, chunks: readonly Chunk[]): Promise<number[]>;
  /**
   * Scores whole files of the head with their first-stage evidence; when present, search calls it
   * instead of `score` and uses its order as is (the evidence already carries the first-stage order).
   * `embedder` is the collection's (its word vectors and its embedding of short texts), when it has one.
   */
  scoreCandidates?(
    question: string,
    candidates: readonly RerankCandidate[],
    embedder?: Embedder,
  ): Promise<number[]>;
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
 * Supplies the models a collection is searched with. The default implementation (src/retrieval/models/provider.ts)
 * loads the shipped files from embeddings/; tests inject fakes.
 */
export interface ModelProvider {
  /**
   * The embedder for a collection: the adapted one stored in `modelDir` if present, else the base model.
   * With `wanted` (the id of the embedder the collection's vectors come from), a kept earlier version or
   * the base model with that id is returned instead when the current one is not it.
   */
  embedder(modelDir: string | null, wanted?: string): Promise<Embedder>;
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
