/**
 * Runs hybrid searches against collections by name: the built-in `specs` from memory, every other name
 * from the index database. Each kind of collection is one CollectionSource; the searcher picks the source,
 * loads the reranker once and hands the legs to the hybrid pipeline.
 */
import { describeError } from '../../errors.js';
import type { FileStamps } from '../dense/file-stamps.js';
import type { DocumentText } from '../documents/document-text.js';
import type { FusionRecord } from '../fusion/record.js';
import type { PgLocation } from '../postgres/pg-source.js';
import type { ModelProvider, Reranker } from '../types.js';
import {
  FUSION_DEFAULTS,
  type FusionInUse,
  type FusionSettings,
  type SearchOutcome,
  type SearchRequest,
  searchLegs,
  settingsOf,
} from './hybrid.js';
import { labelHeadingless } from './page-labels.js';
import type { CollectionInfo, CollectionSource } from './source.js';
import { SPECS_COLLECTION } from './specs-name.js';
import { createSpecsSource } from './specs-source.js';
import { createStoredSource } from './stored-source.js';

export type { CollectionInfo } from './source.js';

export interface SearcherOptions {
  /** The index database; null when only `specs` can be searched (or when `postgres` holds the index). */
  readonly dbPath: string | null;
  /** A PostgreSQL index, searched instead of `dbPath` for every collection but `specs`. */
  readonly postgres?: PgLocation | null | undefined;
  readonly models: ModelProvider | null;
  /** Why `models` is null, shown in the dense-leg note. */
  readonly modelsNote?: string;
  readonly specsDir?: string;
  /** The build's specs snapshot (default dist/specs-snapshot.json; null: always build the index here). */
  readonly specsSnapshot?: string | null;
  readonly settings?: FusionSettings;
  /** Collection files checked by an earlier process and not written since are not checked again. */
  readonly stamps?: FileStamps;
}

/** Searches collections by name. */
export interface Searcher {
  search(collection: string, request: SearchRequest): Promise<SearchOutcome>;
  /** The collections that can be searched, `specs` first, with their sizes. */
  collections(): Promise<CollectionInfo[]>;
  /**
   * The text of one indexed document, read from its file now. The file must still lie inside its collection's
   * folder and, when `within` is given (real paths, e.g. the MCP allowed roots), inside one of those: a file
   * or folder swapped for a link that leads out is refused (OUTSIDE_ROOTS) instead of read.
   */
  readDocument(collection: string, source: string, within?: readonly string[]): Promise<DocumentText>;
  close(): Promise<void>;
}

/** The caller's settings, else the collection's stored choice, else the defaults (plain RRF). */
function settingsFor(
  caller: FusionSettings | undefined,
  record: FusionRecord | undefined,
  reranker: Reranker | null,
): { settings: FusionSettings; source: FusionInUse['source'] } {
  if (caller !== undefined) return { settings: caller, source: 'caller' };
  if (record !== undefined)
    return { settings: settingsOf(record, reranker?.id ?? null), source: 'collection' };
  return { settings: FUSION_DEFAULTS, source: 'default' };
}

interface LoadedReranker {
  readonly reranker: Reranker | null;
  readonly note?: string;
  readonly quiet?: boolean;
}

/**
 * A source loaded on first use: the PostgreSQL source brings the `pg` client and its store's schemas, which a
 * search of a SQLite index never needs. Closing a source never used loads nothing.
 */
function lazySource(load: () => Promise<CollectionSource>): CollectionSource {
  let loaded: Promise<CollectionSource> | undefined;
  const source = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    legs: async (name, mode, reranker) => (await source()).legs(name, mode, reranker),
    info: async () => (await source()).info(),
    readDocument: async (name, path, within) => (await source()).readDocument(name, path, within),
    pageTitle: async (name, path) => (await source()).pageTitle(name, path),
    // A source that failed to load has nothing to close; its error was the caller's answer.
    close: async () =>
      loaded?.then(
        (s) => s.close(),
        () => undefined,
      ),
  };
}

/** Creates a searcher; nothing is loaded until the first search. */
export function createSearcher(options: SearcherOptions): Searcher {
  const noModels = options.modelsNote ?? 'no embedding model is installed';
  const specs = createSpecsSource({
    models: options.models,
    noModels,
    specsDir: options.specsDir,
    specsSnapshot: options.specsSnapshot,
  });
  const postgres = options.postgres;
  const stored = postgres
    ? lazySource(() =>
        import('../postgres/pg-source.js').then(({ createPgSource }) =>
          createPgSource({ location: postgres, models: options.models, noModels }),
        ),
      )
    : createStoredSource({
        dbPath: options.dbPath,
        models: options.models,
        noModels,
        ...(options.stamps === undefined ? {} : { stamps: options.stamps }),
      });
  const sourceOf = (name: string): CollectionSource => (name === SPECS_COLLECTION ? specs : stored);
  let loadedReranker: Promise<LoadedReranker> | undefined;
  const reranker = async (rerank: boolean): Promise<LoadedReranker> => {
    if (!rerank || options.models === null) return { reranker: null };
    loadedReranker ??= options.models.reranker().then(
      (loaded) => ({ reranker: loaded, note: 'no reranking model is installed', quiet: true }),
      (error: unknown) => ({
        reranker: null,
        note: `the reranking model could not be loaded: ${describeError(error)}`,
        quiet: false,
      }),
    );
    return loadedReranker;
  };
  return {
    async search(name, request) {
      const loaded = await reranker(request.rerank && request.mode !== 'bm25');
      const rerankNote =
        loaded.reranker === null && loaded.note !== undefined
          ? { rerankNote: loaded.note, rerankNoteQuiet: loaded.quiet === true }
          : {};
      const legs = await sourceOf(name).legs(name, request.mode, loaded.reranker);
      const { settings, source } = settingsFor(options.settings, legs.fusion, loaded.reranker);
      const outcome = await searchLegs(request, { ...legs, ...rerankNote }, settings, source);
      const results = await labelHeadingless(outcome.results, (path) => sourceOf(name).pageTitle(name, path));
      return { ...outcome, results };
    },
    collections: async () => [...(await specs.info()), ...(await stored.info())],
    readDocument: (name, source, within) => sourceOf(name).readDocument(name, source, within),
    async close() {
      await Promise.all([specs.close(), stored.close()]);
    },
  };
}
