/**
 * The dense half of indexing: picks the collection's embedder (adapting one to the collection when the
 * model provider can), embeds chunks that have no vector yet, and brings the HNSW file in line with the
 * stored vectors. Vectors live in SQLite, so a lost or stale HNSW file is rebuilt without re-embedding.
 * Each embedder's vectors have their own HNSW file, so a collection moving to a new embedder is
 * re-embedded beside the old vectors, which keep serving searches until one transaction swaps them.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BatutaError, describeError } from '../../errors.js';
import type { Text } from '../../fixes.js';
import type { IndexStore, PendingChunk } from '../../store/index-store.js';
import { writeHeldOut } from '../adapt/held-out.js';
import { needsReadaptation, readAdaptRecord, writeAdaptRecord } from '../adapt/policy.js';
import { adaptedModelProblem } from '../adapt/store.js';
import { VectorIndex } from '../dense/hnsw.js';
import { checkHnswFile, digestOf, type FileDigest } from '../dense/hnsw-file.js';
import { indexedText, vectorFile } from '../dense/vector-files.js';
import { withholdTexts } from '../fusion/pseudo-questions.js';
import { eventLoopTurns } from '../threads/event-loop.js';
import { runWorker } from '../threads/worker-file.js';
import type { Embedder, ModelProvider } from '../types.js';
import { type IndexProgress, throwIfCancelled } from './progress.js';
import type { SwapJob, SwapMessage } from './swap-worker.js';

export interface VectorSyncOptions {
  readonly store: IndexStore;
  readonly collectionId: number;
  readonly previousEmbedder: string | null;
  readonly models: ModelProvider | null;
  /** Where the collection's HNSW files go: `vectorFile(vectorStem, embedder id)`. */
  readonly vectorStem: string;
  readonly modelDir: string;
  readonly onProgress?: ((progress: IndexProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Overrides VECTOR_DELTA_MAX (tests). */
  readonly deltaMax?: number | undefined;
  /** Texts to withhold from an adaptation run now (the collection's pseudo-questions); read only then. */
  readonly withhold?: (() => Promise<readonly string[]>) | undefined;
}

export interface VectorSyncResult {
  readonly embedder: string | null;
  readonly embedded: number;
  readonly notes: Text[];
}

const EMBED_BATCH = 256;

/**
 * Up to this many vectors added (or removed) since the HNSW file was written are served without
 * rewriting it: searches scan the added ones directly and skip removed chunks. Rewriting a large
 * collection's file costs seconds; scanning 5,000 vectors costs well under a millisecond.
 */
export const VECTOR_DELTA_MAX = 5000;

/**
 * Adaptation costs time in proportion to its text (up to the provider's token budget), so a large
 * collection adapts on an evenly spread sample of its chunks of about this many characters: about the
 * size of the batuta-docs corpus (2.8 M characters), so adapting the 139k-chunk scale corpus costs about
 * what adapting batuta-docs costs.
 */
export const ADAPT_SAMPLE_CHARS = 3_000_000;

/** Every n-th text, so the sample holds at most about `maxChars` characters and spans the whole collection. */
export function sampleForAdaptation(
  texts: readonly string[],
  maxChars: number = ADAPT_SAMPLE_CHARS,
): string[] {
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  if (total <= maxChars) return [...texts];
  const stride = total / maxChars;
  return texts.filter((_, i) => Math.floor(i / stride) !== Math.floor((i - 1) / stride));
}

/** Embeds what is missing and saves the collection's HNSW file when it changed. */
export async function syncVectors(options: VectorSyncOptions): Promise<VectorSyncResult> {
  if (options.models === null) {
    return {
      embedder: options.previousEmbedder,
      embedded: 0,
      notes: ['dense leg unavailable: no embedding model is installed (indexed for BM25 search only)'],
    };
  }
  const { store, collectionId } = options;
  const damagedModel = adaptedModelProblem(options.modelDir);
  if (damagedModel === null && isUpToDate(options)) {
    return { embedder: options.previousEmbedder, embedded: 0, notes: [] };
  }
  let chosen: { embedder: Embedder; adapted: boolean };
  try {
    chosen = await chooseEmbedder(options, options.models, damagedModel !== null);
  } catch (error) {
    if (error instanceof BatutaError && error.code === 'CANCELLED') throw error;
    const why = describeError(error);
    return { embedder: options.previousEmbedder, embedded: 0, notes: [`dense leg not updated: ${why}`] };
  }
  const { embedder } = chosen;
  const previous = options.previousEmbedder;
  const repairs =
    damagedModel === null ? [] : [`repaired: the adapted model was damaged (${damagedModel}); replaced it`];
  let embedded: number;
  if (embedder.id !== previous && previous !== null && hasVectors(options)) {
    embedded = await reembed(options, embedder);
  } else {
    if (embedder.id !== previous) store.setEmbedder(collectionId, embedder.id);
    embedded = await embedPending(options, embedder);
    repairs.push(...(await saveVectorIndex(options, embedder)));
  }
  if (previous !== null && previous !== embedder.id) {
    rmSync(vectorFile(options.vectorStem, previous), { force: true });
  }
  // The one HNSW file per collection of indexes made before 2026-11-26; rebuilt from SQLite above.
  rmSync(`${options.vectorStem}.hnsw`, { force: true });
  const pointer = adaptedPointer(options.modelDir);
  store.setModelStamp(collectionId, pointer === null ? null : `${embedder.id}\n${pointer}`);
  if (pointer !== null && (chosen.adapted || readAdaptRecord(options.modelDir) === null)) {
    const ids = store.vectorIds(collectionId);
    writeAdaptRecord(options.modelDir, ids.length, ids.at(-1) ?? 0);
  }
  return { embedder: embedder.id, embedded, notes: repairs };
}

/**
 * True when there is nothing to embed, the HNSW file is current and the collection's adapted model is the
 * one its vectors came from (same pointer file as when they were last synced): then loading the model
 * (~60-100 ms) would only confirm what the database already says. Collections on the base model (no
 * adapted pointer) always load it, so a new shipped model is noticed on the next run.
 */
function isUpToDate(options: VectorSyncOptions): boolean {
  const { store, collectionId, previousEmbedder } = options;
  if (previousEmbedder === null) return false;
  const pointer = adaptedPointer(options.modelDir);
  if (pointer === null || store.modelStamp(collectionId) !== `${previousEmbedder}\n${pointer}`) return false;
  const row = store.getCollectionById(collectionId);
  return (
    row !== null &&
    row.pendingVectors === 0 &&
    row.vectorGeneration === row.generation &&
    checkHnswFile(
      vectorFile(options.vectorStem, previousEmbedder),
      null,
      digestOf(store.vectorFileState(collectionId)),
    ).ok
  );
}

/** The text of the adapted model's pointer file (models/provider.ts writes `current.json`), or null. */
function adaptedPointer(modelDir: string): string | null {
  try {
    return readFileSync(join(modelDir, 'current.json'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The adapted embedder when the collection has one and changed little since it was adapted (see
 * adapt/policy.ts); otherwise adapts the base model to the collection's chunks when the provider can (the
 * provider stores it in `modelDir`, the previous version serving searches until it is done), else the
 * base model.
 */
async function chooseEmbedder(
  options: VectorSyncOptions,
  models: ModelProvider,
  damaged: boolean,
): Promise<{ embedder: Embedder; adapted: boolean }> {
  const current = damaged ? null : await models.embedder(options.modelDir).catch(() => null);
  const stale = current !== null && changedSubstantially(options);
  // Steady state: the collection's vectors already come from this embedder; nothing else to load.
  if (current !== null && current.id === options.previousEmbedder && !stale) {
    return { embedder: current, adapted: false };
  }
  const base = await models.embedder(null);
  if ((current !== null && current.id !== base.id && !stale) || models.adapt === undefined) {
    return { embedder: current ?? base, adapted: false };
  }
  const withheld = (await options.withhold?.()) ?? [];
  const strip = withholdTexts(withheld);
  const texts = sampleForAdaptation(options.store.chunkTexts(options.collectionId)).map(strip);
  if (texts.length === 0) return { embedder: base, adapted: false };
  mkdirSync(options.modelDir, { recursive: true });
  try {
    const report = (fraction: number) =>
      options.onProgress?.({ phase: 'adapt', done: Math.round(fraction * 100), total: 100 });
    report(0);
    const adapted = await models.adapt(texts, options.modelDir, report, options.signal);
    writeHeldOut(options.modelDir, withheld);
    return { embedder: adapted, adapted: true };
  } catch (error) {
    if (error instanceof BatutaError && error.code === 'CANCELLED') throw error;
    throw new BatutaError('IO', `index: adapting the embedding model failed: ${describeError(error)}`);
  }
}

/** True when the chunks added, changed or removed since the last adaptation exceed READAPT_SHARE. */
function changedSubstantially(options: VectorSyncOptions): boolean {
  const record = readAdaptRecord(options.modelDir);
  const row = options.store.getCollectionById(options.collectionId);
  if (record === null || row === null) return false;
  // Chunks at or below the recorded id that still have a vector are the ones adapted on and kept.
  const [survivors] = options.store.vectorCountsAround(options.collectionId, record.maxChunkId);
  return needsReadaptation(record, { chunks: row.chunks, survivors });
}

function hasVectors(options: VectorSyncOptions): boolean {
  const row = options.store.getCollectionById(options.collectionId);
  return row !== null && row.pendingVectors < row.chunks;
}

/** Embeds one page of chunks, checking what the embedder returned. */
export async function embedPage(
  embedder: Embedder,
  page: readonly PendingChunk[],
): Promise<Array<{ id: number; vector: Float32Array }>> {
  const vectors = await embedder.embed(page.map((chunk) => indexedText(chunk.headings, chunk.text)));
  if (vectors.length !== page.length || vectors.some((vector) => vector.length !== embedder.dimension)) {
    throw new Error(`embedder "${embedder.id}" returned ${vectors.length} vectors for ${page.length} texts`);
  }
  return page.map((chunk, i) => ({ id: chunk.id, vector: vectors[i]! }));
}

async function embedPending(options: VectorSyncOptions, embedder: Embedder): Promise<number> {
  const { store, collectionId } = options;
  const total = store.getCollectionById(collectionId)?.pendingVectors ?? 0;
  let done = 0;
  let after = 0;
  for (;;) {
    const pending = store.pendingChunks(collectionId, EMBED_BATCH, after);
    if (pending.length === 0) return done;
    store.saveVectors(collectionId, await embedPage(embedder, pending));
    done += pending.length;
    after = pending.at(-1)!.id;
    options.onProgress?.({ phase: 'embed', done, total });
    throwIfCancelled(options.signal);
  }
}

/**
 * Embeds every chunk with a new embedder and writes their HNSW file while the stored vectors and the old
 * file keep serving searches, then swaps both in one transaction. A cancel before the swap leaves the
 * collection exactly as it was.
 */
async function reembed(options: VectorSyncOptions, embedder: Embedder): Promise<number> {
  const { store, collectionId } = options;
  const total = store.getCollectionById(collectionId)?.chunks ?? 0;
  const fresh: Array<{ id: number; vector: Float32Array }> = [];
  for (let after = 0; ; ) {
    const page = store.chunksAfter(collectionId, EMBED_BATCH, after);
    if (page.length === 0) break;
    fresh.push(...(await embedPage(embedder, page)));
    after = page.at(-1)!.id;
    options.onProgress?.({ phase: 'embed', done: fresh.length, total });
    throwIfCancelled(options.signal);
  }
  const index = await VectorIndex.create(embedder.dimension, fresh.length);
  await addVectors(options, index, fresh);
  const digest = await index.save(vectorFile(options.vectorStem, embedder.id));
  await swapInWorker(store, collectionId, embedder, fresh, digest);
  return fresh.length;
}

/**
 * Swaps the new vectors in on a worker thread with its own database connection (swap-worker.ts), so that
 * searches on this thread are answered during the seconds the one transaction takes.
 */
async function swapInWorker(
  store: IndexStore,
  collectionId: number,
  embedder: Embedder,
  fresh: ReadonlyArray<{ id: number; vector: Float32Array }>,
  digest: FileDigest,
): Promise<void> {
  const dimension = embedder.dimension;
  const job: SwapJob = {
    dbPath: store.path,
    collectionId,
    embedder: embedder.id,
    ids: Float64Array.from(fresh, (row) => row.id),
    vectors: new Float32Array(fresh.length * dimension),
    dimension,
    file: { maxId: fresh.at(-1)?.id ?? 0, live: fresh.length, ...digest },
  };
  for (const [i, row] of fresh.entries()) job.vectors.set(row.vector, i * dimension);
  const end = await runWorker<SwapMessage>(import.meta.url, 'swap-worker.js', {
    workerData: job,
    transferList: [job.ids.buffer as ArrayBuffer, job.vectors.buffer as ArrayBuffer],
  });
  if (end.last?.type !== 'done') {
    const why = end.last?.message ?? end.error?.message ?? `the worker stopped (exit code ${end.code})`;
    throw new BatutaError('IO', `index: storing the re-embedded vectors failed: ${why}`);
  }
}

/**
 * Adds vectors to an HNSW index (about 0.1 ms each at 224 dimensions), giving the event loop turns so that
 * searches in the same process are answered meanwhile, and reports `vectors` progress.
 */
async function addVectors(
  options: VectorSyncOptions,
  index: VectorIndex,
  entries: ReadonlyArray<{ id: number; vector: Float32Array }>,
  of = { done: 0, total: entries.length },
): Promise<void> {
  const turn = eventLoopTurns();
  for (const [i, { id, vector }] of entries.entries()) {
    index.add(id, vector);
    const done = of.done + i + 1;
    if (done % 5000 === 0 || done === of.total)
      options.onProgress?.({ phase: 'vectors', done, total: of.total });
    await turn();
  }
}

/**
 * Brings the HNSW file in line with the stored vectors; returns a note when it was damaged (then it is
 * rebuilt from the stored vectors, never loaded or kept).
 */
async function saveVectorIndex(options: VectorSyncOptions, embedder: Embedder): Promise<string[]> {
  const { store, collectionId } = options;
  const vectorPath = vectorFile(options.vectorStem, embedder.id);
  const dimension = embedder.dimension;
  const row = store.getCollectionById(collectionId)!;
  const file = store.vectorFileState(collectionId);
  const check = checkHnswFile(vectorPath, dimension, digestOf(file));
  // Without a record of the file (a new database beside an old file) its labels may name other chunks.
  const sound = check.ok && file !== null;
  const repairs =
    check.ok || check.missing
      ? []
      : [
          `repaired: the vector file ${vectorPath} was damaged (${check.reason}); rebuilt from the stored vectors`,
        ];
  if (row.vectorGeneration === row.generation && sound) return repairs;
  if (sound) {
    const [below, above] = store.vectorCountsAround(collectionId, file.maxId);
    const deltaMax = options.deltaMax ?? VECTOR_DELTA_MAX;
    if (above <= deltaMax && file.live - below <= deltaMax) {
      store.markVectorIndexSaved(collectionId, row.generation);
      return repairs;
    }
  }
  const wanted = store.vectorIds(collectionId);
  const index =
    (sound ? await VectorIndex.load(vectorPath, dimension) : null) ??
    (await VectorIndex.create(dimension, wanted.length));
  const present = new Set(index.labels());
  const wantedSet = new Set(wanted);
  for (const label of present) if (!wantedSet.has(label)) index.remove(label);
  const missing = wanted.filter((id) => !present.has(id));
  for (let start = 0; start < missing.length; start += 1000) {
    const slice = [...store.vectors(missing.slice(start, start + 1000))].map(([id, vector]) => ({
      id,
      vector,
    }));
    await addVectors(options, index, slice, { done: start, total: missing.length });
  }
  const digest = await index.save(vectorPath);
  store.markVectorIndexSaved(collectionId, row.generation, {
    maxId: wanted.at(-1) ?? 0,
    live: wanted.length,
    ...digest,
  });
  return repairs;
}
