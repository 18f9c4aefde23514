/**
 * `batuta index`: brings one persisted collection in line with its folder. Unchanged files (same size and
 * mtime, or same content hash) are skipped, changed files replaced, deleted files removed; a new chunker
 * version re-chunks the kinds of document it changes and a new embedder re-embeds everything, and nothing
 * more.
 */
import { resolve } from 'node:path';
import { BatutaError, InvalidInputError } from '../../errors.js';
import { joined, NAME_ARGUMENT, say, type Text } from '../../fixes.js';
import type {
  CollectionRow,
  DocumentFingerprint,
  DocumentTouch,
  DocumentWrite,
  IndexStore,
} from '../../store/index-store.js';
import { cachedStem, WINK_PORTER2 } from '../../text/stemmers.js';
import { removeCollectionLeftovers } from '../dense/vector-files.js';
import {
  CHUNKER_DEFAULTS,
  CHUNKER_VERSION,
  type ChunkerOptions,
  chunkDocument,
  needsRechunk,
} from '../documents/chunker.js';
import type { Judgement } from '../documents/compilations.js';
import {
  checkFolder,
  contentSize,
  type FoundFile,
  MAX_FILE_BYTES,
  readDocument,
} from '../documents/files.js';
import { withoutGzip } from '../documents/gzip.js';
import { createPageReads, type PageReads } from '../documents/page-reads.js';
import type { RepeatedChrome } from '../documents/repeated-chrome.js';
import {
  type IncludedFile,
  type Selection,
  type SelectOptions,
  type SkippedFile,
  selectFiles,
} from '../documents/selection.js';
import { COLLECTION_NAME } from '../request.js';
import { encodeChunkTokens } from '../rerank/chunk-tokens.js';
import { eventLoopTurns } from '../threads/event-loop.js';
import type { ModelProvider } from '../types.js';
import { calibrateOnIndex, collectionQuestions, storedTarget } from './calibrate-collection.js';
import { chromeSync } from './chrome-sync.js';
import { decodePagesRecord, encodePagesRecord } from './pages-record.js';
import { type IndexProgress, throwIfCancelled } from './progress.js';
import { syncVectors } from './vector-sync.js';

export interface IndexOptions {
  readonly name: string;
  readonly root: string;
  readonly store: IndexStore;
  /** Where the collection's HNSW files and adapted model live (derived from the database path). */
  readonly vectorStem: string;
  readonly modelDir: string;
  /** Null when no embedding model is installed: the collection is indexed for BM25 only. */
  readonly models: ModelProvider | null;
  readonly maxFileBytes?: number;
  /** --include / --exclude globs (an include that chooses a file overrides the rules that guess). */
  readonly select?: SelectOptions | undefined;
  readonly chunker?: ChunkerOptions;
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Stops the run between batches (what was written so far stays indexed). */
  readonly signal?: AbortSignal;
  /** Overrides how many new vectors are served beside the HNSW file before it is rewritten (tests). */
  readonly deltaMax?: number;
}

/** What one run did. */
export interface IndexSummary {
  readonly collection: string;
  readonly root: string;
  readonly files: number;
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly skipped: ReadonlyArray<{ source: string; reason: string }>;
  /** Files and folders left out by rule (generated pages, ignore files, globs, duplicates). */
  readonly excluded: readonly SkippedFile[];
  /** Files indexed because an include glob chose them over the rules that left them out. */
  readonly included: readonly IncludedFile[];
  /** Include globs that matched no file. */
  readonly unmatchedInclude: readonly string[];
  readonly chunks: number;
  readonly rechunked: boolean;
  readonly embedder: string | null;
  readonly embedded: number;
  /** The collection's fusion choice (fusion/calibrate.ts): made now (`fresh`) or kept; null without one. */
  readonly fusion: { readonly chosen: string; readonly fresh: boolean } | null;
  readonly notes: readonly Text[];
}

/**
 * Chunks written per transaction. A search in the same process waits for the write under way: on the scale
 * corpus 2,000-chunk batches held searches up to 0.76 s (bench/RESULTS.md, "Searches while a collection is
 * re-adapted").
 */
const BATCH_CHUNKS = 500;

/** Indexes (or refreshes) one folder as one collection. */
export async function indexCollection(options: IndexOptions): Promise<IndexSummary> {
  const root = resolve(options.root);
  checkFolder(root);
  const { selection, collection, sync } = await selectAndSync(options, root);
  const rechunk = collection.chunker !== CHUNKER_VERSION;
  options.store.setSkippedCount(collection.id, selection.skipped.length + sync.skipped.length);
  throwIfCancelled(options.signal);
  if (rechunk) options.store.saveCollection(collection.name, root, CHUNKER_VERSION);
  const dense = await syncVectors({
    store: options.store,
    collectionId: collection.id,
    previousEmbedder: collection.embedder,
    models: options.models,
    vectorStem: options.vectorStem,
    modelDir: options.modelDir,
    onProgress: options.onProgress,
    signal: options.signal,
    deltaMax: options.deltaMax,
    withhold: async () =>
      (await collectionQuestions(storedTarget(options.store, collection.id, options.modelDir))).map(
        (question) => question.raw,
      ),
  });
  removeCollectionLeftovers(options.vectorStem, options.modelDir);
  const changed = sync.added + sync.updated + sync.removed > 0 || rechunk;
  const fusion =
    options.models === null
      ? { choice: null, notes: dense.notes }
      : await calibrateOnIndex({
          target: storedTarget(options.store, collection.id, options.modelDir),
          name: collection.name,
          models: options.models,
          force: changed,
          notes: dense.notes,
          onProgress: options.onProgress,
          signal: options.signal,
        });
  const after = options.store.getCollection(collection.name)!;
  return {
    collection: collection.name,
    root,
    ...sync,
    excluded: selection.skipped,
    included: selection.included,
    unmatchedInclude: selection.unmatchedInclude,
    chunks: after.chunks,
    rechunked: rechunk && collection.documents > 0,
    embedder: dense.embedder,
    embedded: dense.embedded,
    fusion: fusion.choice,
    notes: fusion.notes,
  };
}

/**
 * Selects the folder's documents and brings the stored ones in line, each page read once: the pages the
 * selection reads are handed to the chunker (and let go when this returns), and the pages the previous run
 * judged are not read again while their stamp holds.
 */
async function selectAndSync(options: IndexOptions, root: string) {
  const existing = options.store.getCollection(options.name);
  const previous =
    existing === null || existing.root !== root
      ? undefined
      : decodePagesRecord(options.store.pagesRecord(existing.id));
  const reads = createPageReads();
  const selection = selectFiles(root, options.select, { reads, previous });
  if (selection.files.length === 0) throw noDocuments(root, selection);
  const collection = openCollection(options.store, options.name, root);
  const chrome = chromeSync(selection, options.store.chromeRecord(collection.id));
  const sync = await syncDocuments({ ...options, reads, ...chrome.sync }, collection, selection.files).catch(
    (error: unknown) => {
      if (existing === null) forgetNew(options.store, collection.name);
      throw error;
    },
  );
  if (existing === null && sync.added === 0) {
    options.store.removeCollection(collection.name);
    throw noDocuments(root, selection, sync.skipped.length);
  }
  keepJudgement(options.store, collection.id, selection.judgement, previous);
  if (chrome.record !== null) options.store.setChromeRecord(collection.id, chrome.record);
  return { selection, collection, sync };
}

/**
 * Removes a collection this run created when its first write of documents failed (no room, the database
 * locked), so no collection of no files is left listed; documents it did store are kept (a cancel keeps
 * them), and when even this write fails, the next run of the folder fills the collection left.
 */
function forgetNew(store: IndexStore, name: string): void {
  try {
    if (store.getCollection(name)?.documents === 0) store.removeCollection(name);
  } catch {
    // The run's own error says what went wrong; this one would only hide it.
  }
}

/** Stores the selection's judgement of the pages unless it is the one read at the start (nothing changed). */
function keepJudgement(
  store: IndexStore,
  collectionId: number,
  judgement: Judgement,
  previous: Judgement | undefined,
): void {
  const same =
    previous !== undefined &&
    previous.pages.length === judgement.pages.length &&
    judgement.pages.every((page, at) => page === previous.pages[at]) &&
    previous.compilations.size === judgement.compilations.size;
  if (!same) store.setPagesRecord(collectionId, encodePagesRecord(judgement));
}

function openCollection(store: IndexStore, name: string, root: string): CollectionRow {
  checkCollectionName(name);
  const existing = store.getCollection(name);
  checkSameRoot(name, root, existing);
  return existing ?? store.saveCollection(name, root, CHUNKER_VERSION);
}

/** Refuses a collection name that cannot be used. */
export function checkCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name) || name === 'specs') {
    throw new InvalidInputError(
      say`index: collection name "${name}" cannot be used (give ${NAME_ARGUMENT} with letters, digits, ".", "_" or "-", not "specs")`,
      { name },
    );
  }
}

/** Refuses to point an existing collection at another folder. */
export function checkSameRoot(name: string, root: string, existing: { readonly root: string } | null): void {
  if (existing !== null && existing.root !== root) {
    throw new InvalidInputError(
      say`index: collection "${name}" already indexes "${existing.root}" (give ${NAME_ARGUMENT} to index "${root}" separately)`,
      { name, root, existing: existing.root },
    );
  }
}

/**
 * The error for a folder with nothing to index: NO_DOCUMENTS (the folder is fine, there is nothing in it
 * to read), or INVALID_INPUT when another argument is the fix (an include glob matched no file, or the
 * documents are behind links to folders to index instead).
 */
export function noDocuments(
  root: string,
  selection: Pick<Selection, 'skipped' | 'unmatchedInclude'>,
  unreadable = 0,
): BatutaError {
  const ruled = selection.skipped;
  const why = [
    ruled.length > 0 ? `${ruled.length} left out by rule` : '',
    unreadable > 0 ? `${unreadable} unreadable` : '',
    ...selection.unmatchedInclude.map(
      (glob) => say`${{ kind: 'argument', name: 'include', value: glob }} matches no file`,
    ),
  ].filter(Boolean);
  const linked = [...new Set(ruled.flatMap((skip) => (skip.folder === undefined ? [] : [skip.folder])))];
  const fix =
    linked.length > 0
      ? say`its documents are behind links to other folders: index those instead, e.g. ${{ kind: 'index', folder: linked[0]! }}`
      : say`${{ kind: 'dry-run', folder: root }}`;
  return new BatutaError(
    selection.unmatchedInclude.length > 0 || linked.length > 0 ? 'INVALID_INPUT' : 'NO_DOCUMENTS',
    say`index: no readable documents in "${root}"${why.length > 0 ? say` (${joined(why, ', ')})` : ''} (${fix})`,
    { root, linked },
  );
}

export type SyncCounts = Pick<
  IndexSummary,
  'files' | 'added' | 'updated' | 'removed' | 'unchanged' | 'skipped'
>;

/** The document side of an index store: SQLite answers at once, PostgreSQL asynchronously. */
export interface DocumentStore {
  fingerprints(
    collectionId: number,
  ): Map<string, DocumentFingerprint> | Promise<Map<string, DocumentFingerprint>>;
  writeDocuments(
    collectionId: number,
    writes: readonly DocumentWrite[],
    removed?: readonly string[],
  ): void | Promise<void>;
  touchDocuments(collectionId: number, touched: readonly DocumentTouch[]): void | Promise<void>;
}

/** What syncDocuments needs: the store, and how to read and chunk the files. */
export type SyncOptions = Pick<IndexOptions, 'maxFileBytes' | 'chunker' | 'onProgress' | 'signal'> & {
  readonly store: DocumentStore;
  /** Pages the selection read, handed over so that they are not read again. */
  readonly reads?: PageReads | undefined;
  /** The lines repeated across the collection's HTML pages, left out of their chunks (selection.chrome). */
  readonly chrome?: RepeatedChrome | undefined;
  /** HTML pages to chunk again although unchanged on disk: their repeated chrome changed (chrome-sync.ts). */
  readonly rechunk?: ((source: string) => boolean) | undefined;
};

/** Brings the stored documents of a collection in line with its selected files (new, changed, deleted). */
export async function syncDocuments(
  options: SyncOptions,
  collection: { readonly id: number; readonly name: string; readonly chunker: string },
  files: readonly FoundFile[],
): Promise<SyncCounts> {
  const { store } = options;
  const prints = await store.fingerprints(collection.id);
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const skipped: Array<{ source: string; reason: string }> = [];
  const touched: DocumentTouch[] = [];
  let batch: DocumentWrite[] = [];
  let batchChunks = 0;
  const flush = async () => {
    await store.writeDocuments(collection.id, batch);
    await store.touchDocuments(collection.id, touched.splice(0));
    batch = [];
    batchChunks = 0;
  };
  const turn = eventLoopTurns();
  // One stem cache for the whole run: the chunks' stored words repeat across files.
  const stem = cachedStem(WINK_PORTER2.stem);
  for (const [index, file] of files.entries()) {
    const print = prints.get(file.source);
    const again =
      needsRechunk(collection.chunker, file.kind) ||
      (file.kind === 'html' && options.rechunk?.(file.source) === true);
    const known = again ? undefined : print?.hash;
    const write =
      again || !sameStat(print, file) ? readAndChunk(options, collection, file, known, stem) : null;
    if (write === null) {
      counts.unchanged += 1;
      // Indexed before content sizes were recorded: record it now, without reading the file again.
      if (print?.contentSize === null) {
        touched.push({ source: file.source, mtime: file.mtime, contentSize: contentSize(file) });
      }
    } else if ('skipped' in write) skipped.push({ source: file.source, reason: write.skipped });
    else if ('same' in write) {
      touched.push({ source: file.source, mtime: file.mtime, contentSize: contentSize(file) });
      counts.unchanged += 1;
    } else {
      batch.push(write);
      batchChunks += write.chunks.length;
      counts[print === undefined ? 'added' : 'updated'] += 1;
    }
    if (batchChunks >= BATCH_CHUNKS || options.signal?.aborted) await flush();
    throwIfCancelled(options.signal);
    if (index % 200 === 199) options.onProgress?.({ phase: 'read', done: index + 1, total: files.length });
    await turn();
  }
  await flush();
  const present = new Set(files.map((file) => file.source));
  const removed = [...prints.keys()].filter((source) => !present.has(source));
  if (removed.length > 0) await store.writeDocuments(collection.id, [], removed);
  options.onProgress?.({ phase: 'read', done: files.length, total: files.length });
  return { files: files.length, ...counts, removed: removed.length, skipped };
}

function sameStat(print: { size: number; mtime: number } | undefined, file: FoundFile): boolean {
  return print !== undefined && print.size === file.size && print.mtime === file.mtime;
}

function readAndChunk(
  options: Pick<SyncOptions, 'maxFileBytes' | 'chunker' | 'reads' | 'chrome'>,
  collection: { readonly name: string },
  file: FoundFile,
  knownHash: string | undefined,
  stem: (word: string) => string,
): DocumentWrite | { skipped: string } | { same: true } {
  const maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  // The selection read pages as readDocument does with MAX_FILE_BYTES; a lower limit (tests) reads again.
  const handed = maxBytes >= MAX_FILE_BYTES ? options.reads?.take(file) : undefined;
  const read = handed?.read ?? readDocument(file, maxBytes);
  if ('skipped' in read) return read;
  if (read.hash === knownHash) return { same: true };
  const chunks = chunkDocument(
    {
      collection: collection.name,
      source: file.source,
      kind: file.kind,
      text: read.text,
      extracted: handed?.extracted,
      chrome: options.chrome,
    },
    options.chunker ?? CHUNKER_DEFAULTS,
  );
  return {
    source: file.source,
    hash: read.hash,
    size: file.size,
    contentSize: contentSize(file),
    mtime: file.mtime,
    title: titleOf(file.source),
    chunks,
    tokens: chunks.map((chunk) => encodeChunkTokens(chunk, stem)),
    text: read.text,
  };
}

/** Words of a file's name (without folders, extension or `.gz`), which often say what the file is about. */
export function titleOf(source: string): string {
  const name = withoutGzip(source.slice(source.lastIndexOf('/') + 1)).replace(/\.[^.]*$/, '');
  return name.replace(/[-_.]+/g, ' ').trim();
}
