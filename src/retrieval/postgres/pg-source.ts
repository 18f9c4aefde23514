/**
 * The collections of a PostgreSQL index as a search source: BM25 and dense legs computed in the database
 * (pg-legs.ts), chunks read from it, searches sent to the streaming replica when one is given. Nothing is
 * kept between searches but the connection pools and loaded embedders, so any number of servers can share one
 * database and a re-index becomes visible to all of them when its transaction commits.
 */
import { errorText } from '../../errors.js';
import { INDEX_AGAIN, say } from '../../fixes.js';
import { type PgCollection, PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { parseFusionRecord } from '../fusion/record.js';
import type { SearchLegs } from '../search/hybrid.js';
import {
  type CollectionSource,
  documentTitle,
  missingCollection,
  missingDocument,
  noVectorsNote,
  readDocumentFile,
  storedDocumentText,
} from '../search/source.js';
import type { Embedder, ModelProvider } from '../types.js';
import { createPgDense, createPgTextLegs } from './pg-legs.js';
import { createModelKeeper, type ModelKeeper, materialiseModel } from './pg-models.js';

/** A PostgreSQL index: the primary, and a streaming replica for searches or null. */
export interface PgLocation {
  readonly url: string;
  readonly readUrl: string | null;
}

/** Where an index lives: the path of an embedded index database, or a PostgreSQL index. */
export type IndexLocation = string | PgLocation;

export interface PgSourceOptions {
  readonly location: PgLocation;
  readonly models: ModelProvider | null;
  /** Shown as the dense-leg note when there are no models. */
  readonly noModels: string;
}

/** The source over one PostgreSQL index; connects on first use, and again after a failed connection. */
export function createPgSource(options: PgSourceOptions): CollectionSource {
  let opened: Promise<PgIndexStore> | undefined;
  const store = (): Promise<PgIndexStore> => {
    opened ??= PgIndexStore.open(options.location.url, { readUrl: options.location.readUrl });
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };
  const loaded: LoadedModels = { embedders: new Map(), keep: createModelKeeper() };
  const rowOf = async (db: PgIndexStore, name: string): Promise<PgCollection> => {
    const row = await db.getCollection(name);
    if (row === null)
      throw missingCollection(
        name,
        (await db.listCollections()).map((c) => c.name),
      );
    return row;
  };
  return {
    async legs(name, mode, reranker): Promise<SearchLegs> {
      const db = await store();
      const row = await rowOf(db, name);
      const dense = mode === 'bm25' ? { dense: null } : await denseLeg(db, row, options, loaded);
      const fusion = parseFusionRecord(row.fusion);
      return {
        ...createPgTextLegs(db, row),
        ...(fusion === null ? {} : { fusion }),
        ...dense,
        reranker,
        chunks: async (ids) => {
          const found = await db.chunks(row.id, ids.map(Number));
          return new Map([...found].map(([id, chunk]) => [String(id), chunk]));
        },
        fileChars: (sources) => db.fileChars(row.id, sources),
        fileChunks: (sources) => db.fileChunks(row.id, sources),
      };
    },
    async info() {
      const db = await store();
      const sizes = await db.collectionSizes();
      return (await db.listCollections()).map(({ id, name, chunks }) => ({
        name,
        documents: sizes.get(id)?.documents ?? 0,
        chunks,
      }));
    },
    async readDocument(name, source, within) {
      const db = await store();
      const row = await rowOf(db, name);
      const body = await db.documentBody(row.id, source);
      if (!body.stored) throw missingDocument(name, source);
      const chrome = await db.chromeRecord(row.id);
      // Documents indexed before their text was stored are read from the collection's folder.
      if (body.text === null) return readDocumentFile(row.root, name, source, within, chrome);
      return storedDocumentText(row.root, name, source, body.text, within, chrome);
    },
    async pageTitle(name, source) {
      const db = await store();
      const row = await rowOf(db, name);
      return documentTitle(row.root, name, source, (await db.documentBody(row.id, source)).text);
    },
    async close() {
      const pending = opened;
      opened = undefined;
      if (pending !== undefined) await pending.then((db) => db.close()).catch(() => {});
    },
  };
}

/** A collection's embedder and the cache folder it was loaded from (null: the shipped base model). */
interface LoadedModel {
  readonly folder: string | null;
  readonly embedder: Embedder;
}

/** The models a source keeps loaded, by embedder id, and the keeper that marks their cache folders used. */
interface LoadedModels {
  readonly embedders: Map<string, Promise<LoadedModel>>;
  readonly keep: ModelKeeper;
}

/**
 * The dense leg of a collection: the embedder its vectors come from (its adapted model stored in the
 * database, else the base model when that is the one), loaded once per embedder id.
 */
async function denseLeg(
  db: PgIndexStore,
  row: PgCollection,
  options: PgSourceOptions,
  { embedders, keep }: LoadedModels,
): Promise<Pick<SearchLegs, 'dense' | 'denseNote'>> {
  if (options.models === null) return { dense: null, denseNote: options.noModels };
  const wanted = row.embedder;
  if (wanted === null) return { dense: null, denseNote: noVectorsNote(row) };
  const models = options.models;
  let loading = embedders.get(wanted);
  // A model kept loaded whose cache folder was removed as unused is loaded again (its files are read lazily).
  const kept = await loading?.catch(() => null);
  if (kept?.folder != null && !keep(kept.folder)) loading = undefined;
  if (loading === undefined) {
    loading = materialiseModel(db, row.id, wanted).then(async (folder) => ({
      folder,
      embedder: await models.embedder(folder, wanted),
    }));
    embedders.set(wanted, loading);
    loading.catch(() => embedders.delete(wanted));
  }
  let embedder: Embedder;
  try {
    embedder = (await loading).embedder;
  } catch (error) {
    return { dense: null, denseNote: say`the embedding model could not be loaded: ${errorText(error)}` };
  }
  if (embedder.id !== wanted) {
    return {
      dense: null,
      denseNote: say`collection "${row.name}" was indexed with model "${wanted}", not "${embedder.id}" (${INDEX_AGAIN} on it again)`,
    };
  }
  return { dense: createPgDense(db, row.id, embedder) };
}
