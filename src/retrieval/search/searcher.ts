/**
 * Resolves a collection name to its search legs and runs hybrid searches against it: `specs` from memory,
 * anything else from the index database (FTS5 + the collection's HNSW file). A searcher keeps what it
 * loaded (database handle, HNSW index, models) for its lifetime and reloads a collection's vectors when
 * `batuta index` changed them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, NotFoundError } from '../../errors.js';
import { IndexStore } from '../../store/index-store.js';
import { VectorIndex } from '../dense/hnsw.js';
import { vectorFile } from '../dense/vector-files.js';
import { createFtsLegs } from '../sparse/fts-index.js';
import type { Embedder, ModelProvider, Reranker } from '../types.js';
import {
  type DenseSearch,
  FUSION_DEFAULTS,
  type FusionSettings,
  type SearchLegs,
  type SearchOutcome,
  type SearchRequest,
  searchLegs,
} from './hybrid.js';
import {
  createMemoryDense,
  defaultSpecsSnapshotPath,
  findSpecsDir,
  loadMemoryCollection,
  type MemoryCollection,
  SPECS_COLLECTION,
} from './memory-collection.js';

export interface SearcherOptions {
  /** The index database; null when only `specs` can be searched. */
  readonly dbPath: string | null;
  readonly models: ModelProvider | null;
  /** Why `models` is null, shown in the dense-leg note. */
  readonly modelsNote?: string;
  readonly specsDir?: string;
  /** The build's specs snapshot (default dist/specs-snapshot.json; null: always build the index here). */
  readonly specsSnapshot?: string | null;
  readonly settings?: FusionSettings;
}

/** Files that belong to a persisted collection, beside the database. */
export function collectionFiles(dbPath: string, name: string): { vectorStem: string; modelDir: string } {
  return { vectorStem: `${dbPath}.${name}`, modelDir: `${dbPath}.${name}.model` };
}

/** A searchable collection and its size. */
export interface CollectionInfo {
  readonly name: string;
  readonly documents: number;
  readonly chunks: number;
}

/** Searches collections by name. */
export interface Searcher {
  search(collection: string, request: SearchRequest): Promise<SearchOutcome>;
  /** The collections that can be searched, `specs` first, with their sizes. */
  collections(): CollectionInfo[];
  /** The text of one indexed document; NotFoundError when the collection or document is unknown. */
  readDocument(collection: string, source: string): string;
  close(): void;
}

/** Creates a searcher; nothing is loaded until the first search. */
export function createSearcher(options: SearcherOptions): Searcher {
  const state: {
    store?: IndexStore;
    specsBase?: MemoryCollection;
    specs?: { collection: MemoryCollection; dense: DenseSearch | null; note?: string };
    persisted: Map<string, { generation: number; dense: DenseSearch | null; note?: string }>;
    vectorFiles: Map<string, LoadedVectors>;
    reranker?: Promise<{ reranker: Reranker | null; note: string; quiet: boolean }>;
  } = { persisted: new Map(), vectorFiles: new Map() };
  const store = (): IndexStore => {
    if (options.dbPath === null) throw missingCollection('(no index database)', []);
    state.store ??= IndexStore.open(options.dbPath, { mustExist: true });
    return state.store;
  };
  const reranker = async (
    rerank: boolean,
  ): Promise<{ reranker: Reranker | null; note?: string; quiet?: boolean }> => {
    if (!rerank || options.models === null) return { reranker: null };
    state.reranker ??= options.models.reranker().then(
      (loaded) => ({ reranker: loaded, note: 'no reranking model is installed', quiet: true }),
      (error: unknown) => ({
        reranker: null,
        note: `the reranking model could not be loaded: ${describeError(error)}`,
        quiet: false,
      }),
    );
    return state.reranker;
  };
  const noModels = options.modelsNote ?? 'no embedding model is installed';
  const specsCollection = (): MemoryCollection => {
    state.specsBase ??= loadMemoryCollection(SPECS_COLLECTION, options.specsDir ?? findSpecsDir(), {
      snapshot: options.specsSnapshot === undefined ? defaultSpecsSnapshotPath() : options.specsSnapshot,
    });
    return state.specsBase;
  };
  return {
    async search(name, request) {
      const loaded = await reranker(request.rerank && request.mode !== 'bm25');
      const rerank = loaded.reranker;
      const rerankNote =
        rerank === null && loaded.note !== undefined
          ? { rerankNote: loaded.note, rerankNoteQuiet: loaded.quiet === true }
          : {};
      if (name === SPECS_COLLECTION) {
        state.specs ??= await loadSpecs(specsCollection(), options.models, request.mode !== 'bm25', noModels);
        const legs = { ...specsLegs(state.specs, rerank), ...rerankNote };
        return searchLegs(request, legs, options.settings ?? FUSION_DEFAULTS);
      }
      const db = store();
      const row = headOf(db, name);
      let dense = state.persisted.get(name);
      if (dense === undefined || dense.generation !== row.generation) {
        dense = {
          generation: row.generation,
          ...(await loadDense(options, db, row, noModels, state.vectorFiles)),
        };
        state.persisted.set(name, dense);
      }
      const legs: SearchLegs = {
        ...createFtsLegs(db, row.id),
        dense: dense.dense,
        ...(dense.note === undefined ? {} : { denseNote: dense.note }),
        reranker: rerank,
        ...rerankNote,
        chunks: (ids) => {
          const found = db.chunks(ids.map(Number));
          return new Map([...found].map(([id, chunk]) => [String(id), chunk]));
        },
      };
      return searchLegs(request, legs, options.settings ?? FUSION_DEFAULTS);
    },
    collections() {
      const specs = specsCollection();
      const persisted =
        options.dbPath !== null && existsSync(options.dbPath) ? store().listCollections() : [];
      const sources = new Set([...specs.chunks.values()].map((chunk) => chunk.source));
      return [
        { name: SPECS_COLLECTION, documents: sources.size, chunks: specs.chunks.size },
        ...persisted.map(({ name, documents, chunks }) => ({ name, documents, chunks })),
      ];
    },
    readDocument(name, source) {
      if (name === SPECS_COLLECTION) {
        const known = [...specsCollection().chunks.values()].some((chunk) => chunk.source === source);
        if (!known) throw missingDocument(name, source);
        return readFileSync(join(options.specsDir ?? findSpecsDir(), source), 'utf8');
      }
      const db = store();
      const row = headOf(db, name);
      if (!db.fingerprints(row.id).has(source)) throw missingDocument(name, source);
      try {
        return readFileSync(join(row.root, source), 'utf8');
      } catch {
        throw new NotFoundError(
          `search: "${source}" of "${name}" is no longer on disk (run "batuta index" on it again)`,
        );
      }
    },
    close() {
      state.store?.close();
    },
  };
}

function missingDocument(collection: string, source: string): NotFoundError {
  return new NotFoundError(
    `search: collection "${collection}" has no document "${source}" (use a source from a search result)`,
    {
      collection,
      source,
    },
  );
}

function missingCollection(name: string, known: readonly string[]): NotFoundError {
  const choices = [SPECS_COLLECTION, ...known].join(', ');
  return new NotFoundError(
    `search: collection "${name}" is not indexed (choose one of: ${choices}, or run "batuta index DIR --name ${name}")`,
    { collection: name },
  );
}

async function loadSpecs(
  collection: MemoryCollection,
  models: ModelProvider | null,
  wantDense: boolean,
  noModels: string,
): Promise<{ collection: MemoryCollection; dense: DenseSearch | null; note?: string }> {
  if (!wantDense || models === null) return { collection, dense: null, note: noModels };
  try {
    const embedder = await models.embedder(null);
    return { collection, dense: await createMemoryDense(collection, embedder) };
  } catch (error) {
    return {
      collection,
      dense: null,
      note: `the embedding model could not be loaded: ${describeError(error)}`,
    };
  }
}

/** The collection's current row, or a NotFound error that lists the collections there are. */
function headOf(db: IndexStore, name: string) {
  const row = db.headOf(name);
  if (row === null)
    throw missingCollection(
      name,
      db.listCollections().map((c) => c.name),
    );
  return row;
}

function specsLegs(
  specs: { collection: MemoryCollection; dense: DenseSearch | null; note?: string },
  reranker: Reranker | null,
): SearchLegs {
  return {
    sparse: specs.collection.sparse,
    dense: specs.dense,
    ...(specs.note === undefined ? {} : { denseNote: specs.note }),
    reranker,
    chunks: (ids) =>
      new Map(
        ids.flatMap((id) => {
          const chunk = specs.collection.chunks.get(id);
          return chunk === undefined ? [] : [[id, chunk] as const];
        }),
      ),
  };
}

/** A collection's embedder and HNSW file as loaded, and what identified them. */
interface LoadedVectors {
  readonly key: string;
  readonly embedder: Embedder;
  readonly index: VectorIndex;
}

/**
 * The dense leg of a persisted collection at its current generation. The embedder and HNSW file are
 * loaded again only when the embedder or the file changed (`loaded` keeps them per collection): most
 * writes only add vectors beside the file, which are read afresh each generation.
 */
async function loadDense(
  options: SearcherOptions,
  store: IndexStore,
  row: { id: number; name: string; embedder: string | null },
  noModels: string,
  loaded: Map<string, LoadedVectors>,
): Promise<{ dense: DenseSearch | null; note?: string }> {
  if (options.models === null) return { dense: null, note: noModels };
  if (row.embedder === null) {
    return { dense: null, note: `collection "${row.name}" has no vectors (run "batuta index" on it again)` };
  }
  const file = store.vectorFileState(row.id);
  const key = `${row.embedder}\n${JSON.stringify(file)}`;
  let vectors = loaded.get(row.name);
  if (vectors?.key !== key) {
    loaded.delete(row.name);
    const outcome = await loadVectors(options, row.name, row.embedder);
    if ('note' in outcome) return { dense: null, note: outcome.note };
    vectors = { key, ...outcome };
    loaded.set(row.name, vectors);
  }
  const { embedder, index } = vectors;
  const recent = file === null ? new Map<number, Float32Array>() : store.vectorsAfter(row.id, file.maxId);
  return {
    dense: {
      embedder,
      search: (vector, limit) => {
        const hits = index
          .search(vector, limit)
          .map((hit) => ({ chunkId: String(hit.label), score: hit.similarity }));
        return mergeRecent(hits, recent, vector, limit);
      },
    },
  };
}

async function loadVectors(
  options: SearcherOptions,
  name: string,
  wanted: string,
): Promise<{ embedder: Embedder; index: VectorIndex } | { note: string }> {
  const { vectorStem, modelDir } = collectionFiles(options.dbPath!, name);
  let embedder: Embedder;
  try {
    // The model the stored vectors come from, even when a newer one is current while they are re-embedded.
    embedder = await options.models!.embedder(modelDir, wanted);
  } catch (error) {
    return { note: `the embedding model could not be loaded: ${describeError(error)}` };
  }
  if (embedder.id !== wanted) {
    return {
      note: `collection "${name}" was indexed with model "${wanted}", not "${embedder.id}" (run "batuta index" on it again)`,
    };
  }
  const index = await VectorIndex.load(vectorFile(vectorStem, wanted), embedder.dimension);
  if (index === null) {
    return { note: `the vector file of "${name}" is missing (run "batuta index" on it again)` };
  }
  return { embedder, index };
}

/** Adds the vectors written since the HNSW file to its hits by exact cosine, best first, each id once. */
export function mergeRecent(
  hits: ReadonlyArray<{ chunkId: string; score: number }>,
  recent: ReadonlyMap<number, Float32Array>,
  query: Float32Array,
  limit: number,
): Array<{ chunkId: string; score: number }> {
  if (recent.size === 0) return [...hits];
  const best = new Map(hits.map((hit) => [hit.chunkId, hit.score]));
  for (const [id, vector] of recent) {
    let score = 0;
    for (let i = 0; i < vector.length; i += 1) score += vector[i]! * (query[i] ?? 0);
    const key = String(id);
    best.set(key, Math.max(score, best.get(key) ?? Number.NEGATIVE_INFINITY));
  }
  return [...best]
    .map(([chunkId, score]) => ({ chunkId, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
