/**
 * What the read and the write path agree on about a collection's vectors: the text a chunk is embedded as
 * the name of the HNSW file of one embedder's vectors, and where a collection's files sit beside the database.
 */
import { basename, dirname } from 'node:path';
import { removeLeftovers } from '../../paths/leftovers.js';
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

/**
 * Removes what interrupted writes of a collection left (paths/leftovers.ts): temporary HNSW files beside the
 * database, and staging folders and temporary files in its model folder (the pid follows `staging-` or
 * `.tmp-`). Version folders are not touched: adapt/store.ts keeps the current and the previous one.
 */
export function removeCollectionLeftovers(vectorStem: string, modelDir: string): string[] {
  const stem = basename(vectorStem).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    ...removeLeftovers(dirname(vectorStem), new RegExp(`^${stem}\\.[0-9a-f]{12}\\.hnsw\\.tmp-(?<pid>\\d+)$`)),
    ...removeLeftovers(modelDir, /^(?:staging-|[A-Za-z0-9._-]+\.tmp-)(?<pid>\d+)(?:-\d+)?$/),
  ];
}
