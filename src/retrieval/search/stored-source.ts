/**
 * The collections of an index database as a search source: BM25 through FTS5, dense through each
 * collection's HNSW file plus the vectors written since, documents read from the collection's folder.
 * It keeps what it loaded (database handle, HNSW index, models) and reloads a collection's vectors when
 * `batuta index` changed them.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorText, NotFoundError } from '../../errors.js';
import { INDEX_AGAIN, say, type Text } from '../../fixes.js';
import { IndexStore, type VectorFileState } from '../../store/index-store.js';
import type { FileStamps } from '../dense/file-stamps.js';
import { HNSW_DEFAULTS, VectorIndex } from '../dense/hnsw.js';
import { digestOf } from '../dense/hnsw-file.js';
import { collectionFiles, vectorFile } from '../dense/vector-files.js';
import { citesRawHtmlLines } from '../documents/chunker-version.js';
import { kindOf } from '../documents/files.js';
import { parseFusionRecord } from '../fusion/record.js';
import { createFtsLegs } from '../sparse/fts-index.js';
import type { Embedder, ModelProvider } from '../types.js';
import type { DenseSearch, SearchLegs } from './hybrid.js';
import {
  type CollectionSource,
  documentTitle,
  missingCollection,
  missingDocument,
  noVectorsNote,
  readDocumentFile,
} from './source.js';

export interface StoredSourceOptions {
  /** The index database; null when there is none (every name is then unknown). */
  readonly dbPath: string | null;
  readonly models: ModelProvider | null;
  /** Shown as the dense-leg note when there are no models. */
  readonly noModels: string;
  /** HNSW files checked by an earlier process and not written since are not checked again (file-stamps.ts). */
  readonly stamps?: FileStamps;
}

/** The source over one index database; the database is opened on first use. */
export function createStoredSource(options: StoredSourceOptions): CollectionSource {
  let opened: IndexStore | undefined;
  const persisted = new Map<
    string,
    { generation: number; files: string; dense: DenseSearch | null; note?: Text }
  >();
  const vectorFiles = new Map<string, LoadedVectors>();
  const htmlSeen = new Map<string, { generation: number; html: boolean }>();
  const store = (): IndexStore => {
    if (options.dbPath === null) {
      throw new NotFoundError(
        say`search: there is no index database to search (${{ kind: 'index', folder: null }} first)`,
      );
    }
    opened ??= IndexStore.open(options.dbPath, { readOnly: true });
    return opened;
  };
  return {
    async legs(name, _mode, reranker): Promise<SearchLegs> {
      const db = store();
      const row = headOf(db, name);
      let dense = persisted.get(name);
      // A dense leg that failed to load is tried again once its files change (a repair by batuta index).
      const files = dense?.dense === null ? filesStamp(options.dbPath!, row) : '';
      if (dense === undefined || dense.generation !== row.generation || dense.files !== files) {
        const loaded = await loadDense(options, db, row, vectorFiles);
        dense = {
          generation: row.generation,
          files: loaded.dense === null ? filesStamp(options.dbPath!, row) : '',
          ...loaded,
        };
        persisted.set(name, dense);
      }
      const fusion = parseFusionRecord(db.fusionRecord(row.id));
      const stale = citesRawHtmlLines(row.chunker) && hasHtml(db, row, htmlSeen);
      return {
        ...createFtsLegs(db, row.id),
        ...(fusion === null ? {} : { fusion }),
        ...(stale ? { notes: [rawHtmlNote(name)] } : {}),
        dense: dense.dense,
        ...(dense.note === undefined ? {} : { denseNote: dense.note }),
        reranker,
        chunks: (ids) => {
          const found = db.chunks(ids.map(Number));
          return new Map([...found].map(([id, chunk]) => [String(id), chunk]));
        },
        fileChars: (sources) => db.fileChars(row.id, sources),
        fileChunks: (sources) => db.fileChunks(row.id, sources),
        chunkTokens: (ids) => {
          const found = db.chunkTokens(ids.map(Number));
          return new Map([...found].map(([id, tokens]) => [String(id), tokens]));
        },
      };
    },
    async info() {
      const exists = options.dbPath !== null && existsSync(options.dbPath);
      return exists
        ? store()
            .listCollections()
            .map(({ name, documents, chunks }) => ({ name, documents, chunks }))
        : [];
    },
    async readDocument(name, source, within) {
      const db = store();
      const row = headOf(db, name);
      if (!db.fingerprints(row.id).has(source)) throw missingDocument(name, source);
      return readDocumentFile(row.root, name, source, within, db.chromeRecord(row.id));
    },
    async pageTitle(name, source) {
      return documentTitle(headOf(store(), name).root, name, source);
    },
    async close() {
      opened?.close();
    },
  };
}

/** Whether the collection holds HTML pages (looked at once per generation of the collection). */
function hasHtml(
  db: IndexStore,
  row: { id: number; name: string; generation: number },
  seen: Map<string, { generation: number; html: boolean }>,
): boolean {
  const known = seen.get(row.name);
  if (known?.generation === row.generation) return known.html;
  const html = [...db.fingerprints(row.id).keys()].some((source) => kindOf(source) === 'html');
  seen.set(row.name, { generation: row.generation, html });
  return html;
}

function rawHtmlNote(name: string): Text {
  return say`collection "${name}" was indexed before HTML pages were read as text: line numbers of its HTML results count lines of the raw HTML file (${INDEX_AGAIN} on its folder again to read them as text)`;
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

/** What identifies the versions of a collection's HNSW file and model pointer on disk. */
function filesStamp(dbPath: string, row: { name: string; embedder: string | null }): string {
  const { vectorStem, modelDir } = collectionFiles(dbPath, row.name);
  const paths = [join(modelDir, 'current.json')];
  if (row.embedder !== null) paths.push(vectorFile(vectorStem, row.embedder));
  return paths
    .map((path) => {
      try {
        const stat = statSync(path);
        return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        return '-';
      }
    })
    .join('|');
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
  options: StoredSourceOptions,
  store: IndexStore,
  row: { id: number; name: string; root: string; embedder: string | null },
  loaded: Map<string, LoadedVectors>,
): Promise<{ dense: DenseSearch | null; note?: Text }> {
  if (options.models === null) return { dense: null, note: options.noModels };
  if (row.embedder === null) return { dense: null, note: noVectorsNote(row) };
  const file = store.vectorFileState(row.id);
  const key = `${row.embedder}\n${JSON.stringify(file)}`;
  let vectors = loaded.get(row.name);
  if (vectors?.key !== key) {
    loaded.delete(row.name);
    const outcome = await loadVectors(options, row.name, row.embedder, file);
    if ('note' in outcome) return { dense: null, note: outcome.note };
    vectors = { key, ...outcome };
    loaded.set(row.name, vectors);
  }
  const { embedder, index } = vectors;
  const recent = file === null ? new Map<number, Float32Array>() : store.vectorsAfter(row.id, file.maxId);
  // Chunks removed since the file was written keep their labels in it until the file is rebuilt.
  const removed = file === null ? 0 : file.live - store.vectorCountsAround(row.id, file.maxId)[0];
  const live = removed > 0 ? new Set(store.vectorIds(row.id)) : null;
  return {
    dense: {
      embedder,
      search: (vector, limit) => {
        const hits = index
          .search(vector, limit + Math.max(0, removed))
          .filter((hit) => live === null || live.has(hit.label))
          .slice(0, limit)
          .map((hit) => ({ chunkId: String(hit.label), score: hit.similarity }));
        return mergeRecent(hits, recent, vector, limit);
      },
      vectors: (ids) => {
        const found = store.vectorsOf(row.id, embedder.id, ids.map(Number));
        return new Map([...found].map(([id, vector]) => [String(id), vector]));
      },
    },
  };
}

async function loadVectors(
  options: StoredSourceOptions,
  name: string,
  wanted: string,
  file: VectorFileState | null,
): Promise<{ embedder: Embedder; index: VectorIndex } | { note: Text }> {
  const { vectorStem, modelDir } = collectionFiles(options.dbPath!, name);
  let embedder: Embedder;
  try {
    // The model the stored vectors come from, even when a newer one is current while they are re-embedded.
    embedder = await options.models!.embedder(modelDir, wanted);
  } catch (error) {
    return { note: say`the embedding model could not be loaded: ${errorText(error)}` };
  }
  if (embedder.id !== wanted) {
    return {
      note: say`collection "${name}" was indexed with model "${wanted}", not "${embedder.id}" (${INDEX_AGAIN} on it again)`,
    };
  }
  const path = vectorFile(vectorStem, wanted);
  const opened = await VectorIndex.open(
    path,
    embedder.dimension,
    digestOf(file),
    HNSW_DEFAULTS,
    options.stamps,
  );
  if (!('index' in opened)) {
    const what = opened.missing ? 'is missing' : `is damaged: ${opened.reason}`;
    return { note: say`the vector file of "${name}" ${what} (${INDEX_AGAIN} on it again)` };
  }
  return { embedder, index: opened.index };
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
