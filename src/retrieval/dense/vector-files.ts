/**
 * What the read and the write path agree on about a collection's vectors: the text a chunk is embedded as
 * the name of the HNSW file of one embedder's vectors, and where a collection's files sit beside the database.
 */
import { sha256 } from './model-files.js';

/** Files that belong to a persisted collection, beside the database. */
export function collectionFiles(dbPath: string, name: string): { vectorStem: string; modelDir: string } {
  return { vectorStem: `${dbPath}.${name}`, modelDir: `${dbPath}.${name}.model` };
}

/** The text a chunk is embedded (and BM25-indexed) as: heading path first, then the body. */
export function indexedText(headings: readonly string[], text: string): string {
  return headings.length === 0 ? text : `${headings.join(' > ')}\n${text}`;
}

/** The HNSW file of a collection's vectors from one embedder. */
export function vectorFile(vectorStem: string, embedder: string): string {
  return `${vectorStem}.${sha256(Buffer.from(embedder)).slice(0, 12)}.hnsw`;
}
