/**
 * The dense half of indexing into PostgreSQL. The collection keeps the embedder its vectors come from (its
 * adapted model stored in the database, or the base model) and only chunks without a vector are embedded. A
 * new collection, or one whose embedder can no longer be loaded, gets a model adapted to its chunks when the
 * provider can adapt; when it already had vectors, every chunk is re-embedded while the old vectors keep
 * serving, and one transaction swaps vectors and embedder (store/postgres/pg-vectors.ts). The collection's
 * pseudo-questions are withheld from adaptation and recorded with the stored model, as the embedded store does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatutaError, describeError } from '../../errors.js';
import type { PgCollection, PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { writeHeldOut } from '../adapt/held-out.js';
import { withholdTexts } from '../fusion/pseudo-questions.js';
import { collectionQuestions } from '../indexing/calibrate-collection.js';
import { type IndexProgress, throwIfCancelled } from '../indexing/progress.js';
import { embedPage, sampleForAdaptation, type VectorSyncResult } from '../indexing/vector-sync.js';
import type { Embedder, ModelProvider } from '../types.js';
import { pgChunkReader } from './pg-calibration.js';
import { materialiseModel, readAdaptedFiles } from './pg-models.js';

export interface PgVectorSyncOptions {
  readonly store: PgIndexStore;
  readonly collection: PgCollection;
  readonly models: ModelProvider | null;
  readonly onProgress?: ((progress: IndexProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

const EMBED_BATCH = 256;

/** Embeds what is missing, choosing (and storing) the collection's embedder first when it has none. */
export async function syncPgVectors(options: PgVectorSyncOptions): Promise<VectorSyncResult> {
  const { store, collection, models } = options;
  if (models === null) {
    return {
      embedder: collection.embedder,
      embedded: 0,
      notes: ['dense leg unavailable: no embedding model is installed (indexed for BM25 search only)'],
    };
  }
  const previous = collection.embedder;
  // Steady state: every chunk has a vector from the adapted model stored for it; loading it would only
  // confirm that (the embedded store skips the same way when its model pointer is unchanged).
  if (previous !== null && (await store.vectorCounts(collection.id)).pending === 0) {
    if (await store.hasModel(collection.id, previous)) {
      // A run stopped between its bulk load and the index build left the index missing: build it now.
      const dimension = await store.vectorDimension(collection.id);
      if (dimension !== null) await store.buildVectorIndex(collection.id, dimension);
      return { embedder: previous, embedded: 0, notes: [] };
    }
  }
  const kept = previous === null ? null : await storedEmbedder(store, collection.id, models, previous);
  const notes: string[] = [];
  let embedder: Embedder;
  try {
    embedder = kept ?? (await chooseEmbedder(options, models, previous, notes));
  } catch (error) {
    if (error instanceof BatutaError && error.code === 'CANCELLED') throw error;
    return { embedder: previous, embedded: 0, notes: [`dense leg not updated: ${describeError(error)}`] };
  }
  const { withVector } = await store.vectorCounts(collection.id);
  if (previous !== null && embedder.id !== previous && withVector > 0) {
    return { embedder: embedder.id, embedded: await reembed(options, embedder), notes };
  }
  if (embedder.id !== previous) {
    await store.setEmbedder(collection.id, embedder.id);
    await store.dropModelsExcept(collection.id, embedder.id);
  }
  return { embedder: embedder.id, embedded: await embedPending(options, embedder), notes };
}

/** The embedder the collection's vectors come from, when it can still be loaded; else null. */
async function storedEmbedder(
  store: PgIndexStore,
  collectionId: number,
  models: ModelProvider,
  wanted: string,
): Promise<Embedder | null> {
  try {
    const embedder = await models.embedder(await materialiseModel(store, collectionId, wanted), wanted);
    return embedder.id === wanted ? embedder : null;
  } catch {
    return null;
  }
}

/**
 * A model adapted to the collection's chunks and stored in the database when the provider can adapt, else
 * the base model. The previous model stays stored until the swap, for servers still using it.
 */
async function chooseEmbedder(
  options: PgVectorSyncOptions,
  models: ModelProvider,
  previous: string | null,
  notes: string[],
): Promise<Embedder> {
  const base = await models.embedder(null);
  if (models.adapt === undefined) return base;
  const { store, collection } = options;
  // The collection's pseudo-questions are withheld, so fusion calibration can ask them (as vector-sync.ts).
  const withheld = (await collectionQuestions(pgChunkReader(store, collection.id))).map((q) => q.raw);
  const strip = withholdTexts(withheld);
  const texts = sampleForAdaptation(await store.chunkTexts(collection.id)).map(strip);
  if (texts.length === 0) return base;
  const folder = mkdtempSync(join(tmpdir(), 'batuta-adapt-'));
  try {
    const report = (fraction: number) =>
      options.onProgress?.({ phase: 'adapt', done: Math.round(fraction * 100), total: 100 });
    report(0);
    const adapted = await models.adapt(texts, folder, report, options.signal);
    writeHeldOut(folder, withheld);
    await store.saveModel(collection.id, adapted.id, readAdaptedFiles(folder), previous);
    return adapted;
  } catch (error) {
    if (error instanceof BatutaError && error.code === 'CANCELLED') throw error;
    notes.push(`adapting the embedding model failed (${describeError(error)}); using the base model`);
    return base;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Embeds the chunks without a vector. Into a collection without vectors the vectors are loaded first and
 * its HNSW index built once over all of them (pgvector builds it several times faster than it grows it
 * one vector at a time); otherwise the index takes each new vector as it is stored.
 */
async function embedPending(options: PgVectorSyncOptions, embedder: Embedder): Promise<number> {
  const { store, collection } = options;
  const { pending: total, withVector } = await store.vectorCounts(collection.id);
  const deferIndex = withVector === 0;
  let done = 0;
  for (let after = 0; ; ) {
    const page = await store.pendingChunks(collection.id, EMBED_BATCH, after);
    if (page.length === 0) break;
    await store.saveVectors(collection.id, await embedPage(embedder, page), { deferIndex });
    done += page.length;
    after = page.at(-1)!.id;
    options.onProgress?.({ phase: 'embed', done, total });
    throwIfCancelled(options.signal);
  }
  if (done > 0) {
    options.onProgress?.({ phase: 'vectors', done: 0, total: done });
    await store.buildVectorIndex(collection.id, embedder.dimension);
    options.onProgress?.({ phase: 'vectors', done, total: done });
  }
  return done;
}

/**
 * Embeds every chunk with a new embedder while the stored vectors keep serving searches, then swaps vectors
 * and embedder in one transaction and drops the models no longer used. A cancel before the swap leaves the
 * collection as it was.
 */
async function reembed(options: PgVectorSyncOptions, embedder: Embedder): Promise<number> {
  const { store, collection } = options;
  const fresh: Array<{ id: number; vector: Float32Array }> = [];
  for (let after = 0; ; ) {
    const page = await store.chunksAfter(collection.id, EMBED_BATCH, after);
    if (page.length === 0) break;
    fresh.push(...(await embedPage(embedder, page)));
    after = page.at(-1)!.id;
    options.onProgress?.({ phase: 'embed', done: fresh.length, total: collection.chunks });
    throwIfCancelled(options.signal);
  }
  await store.saveVectors(collection.id, fresh, { swapTo: embedder.id });
  await store.dropModelsExcept(collection.id, embedder.id);
  return fresh.length;
}
