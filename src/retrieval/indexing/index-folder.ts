/**
 * The one way the CLI and the MCP server index a folder: the index database at `dbPath` is opened (its
 * folder created), the collection brought in line with the folder, and the database closed again.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { IndexStore } from '../../store/index-store.js';
import { collectionFiles } from '../dense/vector-files.js';
import type { ModelProvider } from '../types.js';
import { type IndexSummary, indexCollection } from './indexer.js';
import type { IndexProgress } from './progress.js';

export interface IndexFolderOptions {
  /** The index database; created with its folder when missing. */
  readonly dbPath: string;
  /** Absolute path of the folder to index. */
  readonly root: string;
  readonly name: string;
  /** null: index for BM25 search only. */
  readonly models: ModelProvider | null;
  readonly onProgress?: ((progress: IndexProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Indexes one folder as the collection `name` of the index database at `dbPath`. */
export async function indexFolder(options: IndexFolderOptions): Promise<IndexSummary> {
  mkdirSync(dirname(options.dbPath), { recursive: true });
  const store = IndexStore.open(options.dbPath);
  try {
    return await indexCollection({
      name: options.name,
      root: options.root,
      store,
      models: options.models,
      ...collectionFiles(options.dbPath, options.name),
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } finally {
    store.close();
  }
}
