/**
 * `batuta index --db postgres://…`: brings one collection of the PostgreSQL index in line with its folder with
 * the embedded store's incremental document sync (indexing/indexer.ts) and the dense sync of
 * pg-vector-sync.ts and the fusion calibration of indexing/calibrate-collection.ts, under the collection's
 * advisory lock, so two processes never index one collection at once (the second hears who holds it and waits).
 */
import { resolve } from 'node:path';
import { PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { CHUNKER_VERSION } from '../documents/chunker.js';
import { checkFolder } from '../documents/files.js';
import { createPageReads } from '../documents/page-reads.js';
import { type SelectOptions, selectFiles } from '../documents/selection.js';
import { calibrateOnIndex } from '../indexing/calibrate-collection.js';
import { chromeSync } from '../indexing/chrome-sync.js';
import type { HeldFolder } from '../indexing/collections.js';
import {
  checkCollectionName,
  checkSameRoot,
  type IndexOptions,
  type IndexSummary,
  noDocuments,
  syncDocuments,
} from '../indexing/indexer.js';
import { throwIfCancelled } from '../indexing/progress.js';
import type { ModelProvider } from '../types.js';
import { pgTarget } from './pg-calibration.js';
import { syncPgVectors } from './pg-vector-sync.js';

export type PgIndexOptions = Pick<
  IndexOptions,
  'name' | 'root' | 'maxFileBytes' | 'chunker' | 'onProgress' | 'signal'
> & {
  readonly store: PgIndexStore;
  /** Null when no embedding model is installed: the collection is indexed for BM25 only. */
  readonly models: ModelProvider | null;
  readonly select?: SelectOptions | undefined;
  /** Hears who holds the collection's lock when another run is indexing it; this run then waits. */
  readonly onWait: (holder: string) => void;
};

/** Indexes (or refreshes) one folder as one collection of the PostgreSQL index. */
export async function indexPgCollection(options: PgIndexOptions): Promise<IndexSummary> {
  const { store, name } = options;
  const root = resolve(options.root);
  checkFolder(root);
  checkCollectionName(name);
  // Pages the selection reads are handed to the chunker (the stored judgement of pages is SQLite's only).
  const reads = createPageReads();
  const selection = selectFiles(root, options.select, { reads });
  if (selection.files.length === 0) throw noDocuments(root, selection);
  const release = await store.lockCollection(name, options.onWait);
  try {
    const existing = await store.getCollection(name);
    checkSameRoot(name, root, existing);
    const collection = existing ?? (await store.saveCollection(name, root, CHUNKER_VERSION));
    const rechunk = collection.chunker !== CHUNKER_VERSION;
    const chrome = chromeSync(selection, await store.chromeRecord(collection.id));
    const sync = await syncDocuments(
      { ...options, store, reads, ...chrome.sync },
      collection,
      selection.files,
    );
    if (existing === null && sync.added === 0) {
      await store.removeCollection(name);
      throw noDocuments(root, selection, sync.skipped.length);
    }
    await store.setSkippedCount(collection.id, selection.skipped.length + sync.skipped.length);
    if (chrome.record !== null) await store.setChromeRecord(collection.id, chrome.record);
    throwIfCancelled(options.signal);
    if (rechunk) await store.saveCollection(name, root, CHUNKER_VERSION);
    const changed = sync.added + sync.updated + sync.removed > 0 || rechunk;
    const dense = await syncPgVectors({
      store,
      collection: (await store.getCollection(name))!,
      models: options.models,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    if (changed || dense.embedded > 0) await store.optimize();
    const fusion =
      options.models === null
        ? { choice: null, notes: dense.notes }
        : await calibrateOnIndex({
            target: pgTarget(store, (await store.getCollection(name))!),
            name,
            models: options.models,
            force: changed,
            notes: dense.notes,
            onProgress: options.onProgress,
            signal: options.signal,
          });
    const after = (await store.getCollection(name))!;
    return {
      collection: name,
      root,
      ...sync,
      excluded: selection.skipped,
      included: selection.included,
      unmatchedInclude: selection.unmatchedInclude,
      chunks: after.chunks,
      rechunked: rechunk && collection.chunks > 0,
      embedder: dense.embedder,
      embedded: dense.embedded,
      fusion: fusion.choice,
      notes: fusion.notes,
    };
  } finally {
    await release();
  }
}

/** An index run's connection to the PostgreSQL index (creating its schema when the database has none). */
export async function openPgIndexer(url: string): Promise<{
  index(options: Omit<PgIndexOptions, 'store'>): Promise<IndexSummary>;
  /** The collections already in the index and their folders (a run without a name refreshes one of them). */
  folders(): Promise<HeldFolder[]>;
  close(): Promise<void>;
}> {
  const store = await PgIndexStore.open(url, { create: true });
  return {
    index: (options) => indexPgCollection({ ...options, store }),
    folders: async () =>
      (await store.listCollections()).map((row) => ({
        name: row.name,
        folder: row.root,
        lastIndexed: row.updatedAt,
      })),
    close: () => store.close(),
  };
}

/** Indexes one folder into the PostgreSQL index at `url` on a connection of its own (the MCP index tool). */
export async function indexPgFolder(
  url: string,
  options: Omit<PgIndexOptions, 'store'>,
): Promise<IndexSummary> {
  const indexer = await openPgIndexer(url);
  try {
    return await indexer.index(options);
  } finally {
    await indexer.close();
  }
}
