/**
 * A collection of the PostgreSQL index as a calibration target (indexing/calibrate-collection.ts): the same
 * pseudo-questions, legs and choice as the embedded store, read from and stored in the database, with the
 * texts withheld from its adapted model read from the model's stored files.
 */
import type { PgCollection, PgIndexStore } from '../../store/postgres/pg-index-store.js';
import type { CalibrationTarget, ChunkReader } from '../indexing/calibrate-collection.js';
import { createPgTextLegs } from './pg-legs.js';
import { storedHeldOut } from './pg-models.js';
import { createPgSource } from './pg-source.js';

/** Reads the chunks of one collection of the PostgreSQL index. */
export function pgChunkReader(store: PgIndexStore, collectionId: number): ChunkReader {
  return {
    chunkPage: (after, limit) => store.chunkIds(collectionId, limit, after),
    chunks: (ids) => store.chunks(collectionId, ids),
  };
}

/** The collection `collection` (as it stands after this index run's writes) as a calibration target. */
export function pgTarget(store: PgIndexStore, collection: PgCollection): CalibrationTarget {
  const row = async (): Promise<PgCollection | null> => store.getCollection(collection.name);
  return {
    ...pgChunkReader(store, collection.id),
    vectorCount: async () => (await store.vectorCounts(collection.id)).withVector,
    allVectors: () => store.allVectors(collection.id),
    state: async () => {
      const now = await row();
      return { embedder: now?.embedder ?? null, record: now?.fusion ?? null };
    },
    setRecord: (record) => store.setFusionRecord(collection.id, record),
    source: (models) =>
      createPgSource({ location: { url: store.url, readUrl: null }, models, noModels: 'no models' }),
    bodies: () => createPgTextLegs(store, collection, [0, 1]).sparse,
    heldOut: async () => {
      const embedder = (await row())?.embedder ?? null;
      return embedder === null
        ? { adapted: false, texts: null }
        : storedHeldOut(store, collection.id, embedder);
    },
  };
}
