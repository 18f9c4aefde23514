/**
 * The IndexStore on SQLite (better-sqlite3): one connection, its statements prepared once, one object per
 * job (collections, documents, vectors, full-text search, meta), and SQLite failures turned into
 * BatutaErrors that name the file.
 */
import type Database from 'better-sqlite3';
import { type OpenOptions, openDatabase, translateSqliteError } from '../database.js';
import type { IndexStore } from '../index-store.js';
import { createCollectionAdmin } from './collection-admin.js';
import { createCollectionsTable } from './collections.js';
import { createDocumentsTable } from './documents.js';
import { createFullTextIndex } from './fts.js';
import { createMetaTable } from './meta.js';
import { statementCache } from './statements.js';
import { createVectorsTable } from './vectors.js';

function createSqliteIndexStore(db: Database.Database, path: string): IndexStore {
  const statement = statementCache(db);
  const collections = createCollectionsTable(db, statement);
  const admin = createCollectionAdmin(db, statement);
  const documents = createDocumentsTable(db, statement);
  const meta = createMetaTable(statement);
  const vectors = createVectorsTable(db, statement, collections, meta);
  const text = createFullTextIndex(db, statement);
  const guard = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      return translateSqliteError(path, error);
    }
  };
  return {
    path,
    close: () => db.close(),
    listCollections: () => guard(() => collections.list()),
    getCollection: (name) => guard(() => collections.get(name)),
    getCollectionById: (id) => guard(() => collections.getById(id)),
    headOf: (name) => guard(() => collections.head(name)),
    saveCollection: (name, root, chunker) => guard(() => collections.save(name, root, chunker)),
    setEmbedder: (id, embedder) => guard(() => collections.setEmbedder(id, embedder)),
    collectionSizes: () => guard(() => admin.sizes()),
    setSkippedCount: (id, count) => guard(() => admin.setSkipped(id, count)),
    fusionRecord: (id) => guard(() => meta.get(`fusion:${id}`)),
    setFusionRecord: (id, record) =>
      guard(() => (record === null ? meta.remove(`fusion:${id}`) : meta.set(`fusion:${id}`, record))),
    pagesRecord: (id) => guard(() => meta.get(`pages:${id}`)),
    setPagesRecord: (id, record) => guard(() => meta.set(`pages:${id}`, record)),
    chromeRecord: (id) => guard(() => meta.get(`chrome:${id}`)),
    setChromeRecord: (id, record) => guard(() => meta.set(`chrome:${id}`, record)),
    removeCollection: (name) => guard(() => admin.remove(name)),
    renameCollection: (from, to) => guard(() => admin.rename(from, to)),
    fingerprints: (id) => guard(() => documents.fingerprints(id)),
    touchDocuments: (id, touched) => guard(() => documents.touch(id, touched)),
    writeDocuments: (id, writes, removed = []) => guard(() => documents.write(id, writes, removed)),
    chunks: (ids) => guard(() => documents.chunks(ids)),
    fileChars: (id, sources) => guard(() => documents.fileChars(id, sources)),
    fileChunks: (id, sources) => guard(() => documents.fileChunks(id, sources)),
    chunkTokens: (ids) => guard(() => documents.chunkTokens(ids)),
    chunkTexts: (id) => guard(() => documents.chunkTexts(id)),
    markVectorIndexSaved: (id, generation, file) => guard(() => vectors.markIndexSaved(id, generation, file)),
    modelStamp: (id) => guard(() => vectors.modelStamp(id)),
    setModelStamp: (id, stamp) => guard(() => vectors.setModelStamp(id, stamp)),
    vectorFileState: (id) => guard(() => vectors.fileState(id)),
    vectorsAfter: (id, afterId) => guard(() => vectors.after(id, afterId)),
    vectorCountsAround: (id, at) => guard(() => vectors.countsAround(id, at)),
    pendingChunks: (id, limit, after = 0) => guard(() => vectors.pending(id, limit, after)),
    chunksAfter: (id, limit, after = 0) => guard(() => vectors.chunksAfter(id, limit, after)),
    saveVectors: (id, written) => guard(() => vectors.save(id, written)),
    replaceVectors: (id, embedder, written, file) =>
      guard(() => vectors.replace(id, embedder, written, file)),
    vectorIds: (id) => guard(() => vectors.ids(id)),
    vectors: (ids) => guard(() => vectors.get(ids)),
    vectorsOf: (id, embedder, ids) => guard(() => vectors.of(id, embedder, ids)),
    searchText: (id, match, limit, weights) => guard(() => text.search(id, match, limit, weights)),
    termDocCounts: (id, terms) => guard(() => text.termDocCounts(id, terms)),
    chunkCount: (id) => guard(() => text.chunkCount(id)),
  };
}

/** Opens or creates the SQLite index database; see openDatabase for the checks. */
export function openSqliteIndexStore(path: string, options: OpenOptions = {}): IndexStore {
  return createSqliteIndexStore(openDatabase(path, options), path);
}
