/**
 * The one way the CLI and the MCP server index a folder: the index database at `dbPath` is opened (its
 * folder created), files beside it of collections it no longer holds are removed (dense/vector-files.ts),
 * the collection is brought in line with the folder, and the database closed again.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BatutaError } from '../../errors.js';
import { INDEX_AGAIN, say, type Text } from '../../fixes.js';
import { IndexStore } from '../../store/index-store.js';
import { collectionFiles, removeOrphanFiles } from '../dense/vector-files.js';
import type { SelectOptions } from '../documents/selection.js';
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
  /** --include / --exclude globs. */
  readonly select?: SelectOptions | undefined;
}

/**
 * Indexes one folder as the collection `name` of the index database at `dbPath`. A database this call
 * created is deleted again when the run fails (missing folder, nothing readable), so no empty file is left,
 * unless another process has opened it meanwhile (its own index run or a search).
 */
export async function indexFolder(options: IndexFolderOptions): Promise<IndexSummary> {
  const created = !existsSync(options.dbPath);
  mkdirSync(dirname(options.dbPath), { recursive: true });
  let opened: { store: IndexStore; repaired: Text | null } | null = null;
  let stored = false;
  try {
    opened = openForIndexing(options.dbPath);
    const { store, repaired } = opened;
    removeOrphanFiles(options.dbPath, () => new Set(store.listCollections().map((row) => row.name)));
    const summary = await indexCollection({
      name: options.name,
      root: options.root,
      store,
      models: options.models,
      ...collectionFiles(options.dbPath, options.name),
      onProgress: options.onProgress,
      signal: options.signal,
      select: options.select,
    });
    stored = true;
    return repaired === null ? summary : { ...summary, notes: [repaired, ...summary.notes] };
  } finally {
    opened?.store.close();
    if (created && !stored) IndexStore.removeIfUnused(options.dbPath);
  }
}

/**
 * Opens the index database for writing. A damaged one is moved aside (kept for inspection, never
 * deleted) and a new one started, which this folder fills again; the note says so.
 */
function openForIndexing(dbPath: string): { store: IndexStore; repaired: Text | null } {
  try {
    return { store: IndexStore.open(dbPath), repaired: null };
  } catch (error) {
    if (!(error instanceof BatutaError) || error.details['damaged'] !== true) throw error;
    const aside = IndexStore.moveAside(dbPath);
    const repaired = say`repaired: index: "${dbPath}" is damaged (${String(error.details['why'])}); moved it to "${aside}" and started a new index (${INDEX_AGAIN} on the folders of its other collections too)`;
    return { store: IndexStore.open(dbPath), repaired };
  }
}
