/**
 * Chooses an indexed collection's fusion from its own pseudo-questions and stores the choice with the
 * scores behind it with the collection (fusion/record.ts). The legs and the reranker are the ones
 * searches use, run through the search pipeline's own functions, so the choice measures what users get.
 * The store is reached through a CalibrationTarget: the embedded store's below, PostgreSQL's in
 * postgres/pg-calibration.ts.
 */

import { BatutaError, errorText } from '../../errors.js';
import { say, type Text } from '../../fixes.js';
import type { IndexStore } from '../../store/index-store.js';
import { readHeldOut } from '../adapt/held-out.js';
import { currentAdaptedDir } from '../adapt/store.js';
import {
  type CalibrationChunk,
  PSEUDO_QUESTION_DEFAULTS,
  type PseudoQuestion,
  pseudoQuestions,
} from '../fusion/pseudo-questions.js';
import { FUSION_RECORD_VERSION, type FusionRecord, parseFusionRecord } from '../fusion/record.js';
import type { SparseLeg } from '../search/hybrid.js';
import type { CollectionSource } from '../search/source.js';
import { createStoredSource } from '../search/stored-source.js';
import { createFtsLegs } from '../sparse/fts-index.js';
import type { Chunk, ModelProvider } from '../types.js';
import { createRng } from '../wordvec/rng.js';
import { type CalibrationInput, calibrateLegs } from './calibrate-legs.js';
import { exactDense, type VectorReader } from './exact-dense.js';

/** Chunks read per page; at most MAX_PAGES pages, drawn by seed, are scanned for questions. */
const PAGE_CHUNKS = 2000;
const MAX_PAGES = 25;

/** Reads a collection's chunks: pages of ids in id order, then the chunks of some ids. */
export interface ChunkReader {
  chunkPage(after: number, limit: number): Promise<readonly number[]>;
  chunks(ids: readonly number[]): Promise<ReadonlyMap<number, Chunk>>;
}

/** What calibration reads and writes of one collection, in whichever store holds it. */
export interface CalibrationTarget extends ChunkReader, VectorReader {
  /** The collection's embedder (null: no vectors) and its stored fusion record (null: none). */
  state(): Promise<{ embedder: string | null; record: string | null }>;
  setRecord(record: string | null): Promise<void>;
  /** A source that searches the collection as users do; closed after the calibration. */
  source(models: ModelProvider): CollectionSource;
  /** BM25 over the chunk bodies alone (heading column weighted 0). */
  bodies(): SparseLeg;
  /**
   * The texts withheld from the collection's adapted model: `adapted` false when its vectors come from
   * the base model; `texts` null when its model was adapted before texts were withheld.
   */
  heldOut(): Promise<{ adapted: boolean; texts: ReadonlySet<string> | null }>;
}

/** The embedded store's collection as a calibration target; `modelDir` holds its adapted model. */
export function storedTarget(store: IndexStore, collectionId: number, modelDir: string): CalibrationTarget {
  return {
    chunkPage: async (after, limit) => store.chunksAfter(collectionId, limit, after).map((chunk) => chunk.id),
    chunks: async (ids) => store.chunks(ids),
    vectorCount: async () => store.vectorIds(collectionId).length,
    allVectors: async () => store.vectorsAfter(collectionId, 0),
    state: async () => ({
      embedder: store.getCollectionById(collectionId)?.embedder ?? null,
      record: store.fusionRecord(collectionId),
    }),
    setRecord: async (record) => store.setFusionRecord(collectionId, record),
    source: (models) => createStoredSource({ dbPath: store.path, models, noModels: 'no models' }),
    bodies: () => createFtsLegs(store, collectionId, [0, 1]).sparse,
    heldOut: async () =>
      currentAdaptedDir(modelDir) === null
        ? { adapted: false, texts: null }
        : { adapted: true, texts: readHeldOut(modelDir) },
  };
}

export interface CalibrateOptions {
  readonly target: CalibrationTarget;
  readonly name: string;
  readonly models: ModelProvider;
  /** Calibrate even when the stored record still fits (the collection changed). */
  readonly force: boolean;
  /** Told of the pseudo-questions asked (phase `calibrate`). */
  readonly onProgress?: CalibrationInput['onProgress'];
  /** Stops the calibration with CANCELLED between two questions. */
  readonly signal?: AbortSignal | undefined;
}

/** What a run did: the stored record and whether it was made now. */
export interface CalibrateOutcome {
  readonly record: FusionRecord | null;
  readonly fresh: boolean;
  /** Why there is no record (no dense leg, too few pseudo-questions). */
  readonly note?: Text;
}

/** Calibrates the collection unless its record still fits; stores and returns the record. */
export async function calibrateCollection(options: CalibrateOptions): Promise<CalibrateOutcome> {
  const { target, name, models } = options;
  const { embedder, record: stored } = await target.state();
  const kept = parseFusionRecord(stored);
  // A reranker changed since the choice only loses its share (searches.settingsOf); the next change redoes it.
  const current = kept?.version === FUSION_RECORD_VERSION && kept.embedder === embedder;
  if (!options.force && kept !== null && current) return { record: kept, fresh: false };
  if (embedder === null) {
    await target.setRecord(null);
    return { record: null, fresh: false };
  }
  const started = performance.now();
  const source = target.source(models);
  try {
    const input = await calibrationInput({ target, name, models, source, embedder, started });
    if ('note' in input) {
      await target.setRecord(null);
      return { record: null, fresh: false, note: input.note };
    }
    const record = await calibrateLegs({ ...input, onProgress: options.onProgress, signal: options.signal });
    await target.setRecord(JSON.stringify(record));
    return { record, fresh: true };
  } finally {
    await source.close();
  }
}

/**
 * What calibration asks of a collection: its legs as `source` runs them (the dense leg exact), its askable
 * pseudo-questions and what masking needs; a note instead when it has no dense leg.
 */
export async function calibrationInput(options: {
  readonly target: CalibrationTarget;
  readonly name: string;
  readonly models: ModelProvider;
  readonly source: CollectionSource;
  readonly embedder: string;
  readonly started: number;
}): Promise<CalibrationInput | { note: Text }> {
  const { target, source } = options;
  const legs = await source.legs(options.name, 'hybrid', null);
  if (legs.dense === null) return { note: say`fusion not calibrated: ${legs.denseNote ?? 'no dense leg'}` };
  const all = await readChunks(target);
  const { questions, heldOut } = askable(pseudoQuestions(all), await target.heldOut());
  return {
    questions,
    legs: { ...legs, dense: await exactDense(legs.dense, target) },
    bodies: target.bodies(),
    chunks: new Map(all.map((chunk) => [chunk.id, chunk])),
    reranker: await options.models.reranker().catch(() => null),
    embedder: options.embedder,
    heldOut,
    started: options.started,
  };
}

/**
 * Calibrates at the end of an index run: a failure leaves searches on plain RRF and becomes a note, never
 * a failed run; a cancellation stops the run. Either way the stored choice is dropped, since it was made
 * for the collection as it was, and the next run chooses again. Returns the choice for the run's summary
 * and the run's notes.
 */
export async function calibrateOnIndex(
  options: CalibrateOptions & { readonly notes: readonly Text[] },
): Promise<{ choice: { chosen: string; fresh: boolean } | null; notes: readonly Text[] }> {
  const { notes } = options;
  try {
    const outcome = await calibrateCollection(options);
    const choice =
      outcome.record === null ? null : { chosen: outcome.record.explain.chosen, fresh: outcome.fresh };
    return { choice, notes: outcome.note === undefined ? notes : [...notes, outcome.note] };
  } catch (error) {
    await options.target.setRecord(null);
    if (error instanceof BatutaError && error.code === 'CANCELLED') throw error;
    return {
      choice: null,
      notes: [...notes, say`fusion not calibrated, searches use plain RRF: ${errorText(error)}`],
    };
  }
}

/**
 * The questions calibration may ask. An adapted embedder saw the collection's text, and a question's
 * heading beside its answer flatters the dense leg (on specs: pseudo-question nDCG@10 0.85 adapted vs 0.60
 * with the base model, BM25 0.67): only questions withheld from its adaptation are asked. A model adapted
 * before questions were withheld has no record: then every question is asked and the record says so.
 */
function askable(
  questions: readonly PseudoQuestion[],
  model: { adapted: boolean; texts: ReadonlySet<string> | null },
): { questions: PseudoQuestion[]; heldOut: boolean } {
  if (!model.adapted) return { questions: [...questions], heldOut: true };
  const withheld = model.texts;
  if (withheld === null) return { questions: [...questions], heldOut: false };
  return { questions: questions.filter((q) => withheld.has(q.raw)), heldOut: true };
}

/** The collection's pseudo-questions as they stand (the same sample while the collection is unchanged). */
export async function collectionQuestions(reader: ChunkReader): Promise<PseudoQuestion[]> {
  return pseudoQuestions(await readChunks(reader));
}

/**
 * The collection's chunks for the question generator: all of them, or, in a large collection, MAX_PAGES
 * runs of PAGE_CHUNKS consecutive chunks drawn by seed (a file's chunks have consecutive ids).
 */
async function readChunks(reader: ChunkReader): Promise<CalibrationChunk[]> {
  const pages: Array<readonly number[]> = [];
  for (let after = 0; ; ) {
    const page = await reader.chunkPage(after, PAGE_CHUNKS);
    if (page.length === 0) break;
    pages.push(page);
    after = page[page.length - 1]!;
  }
  const picked = pages.length <= MAX_PAGES ? pages : pickPages(pages);
  const cut = picked.length < pages.length;
  const read = await Promise.all(picked.map((page) => reader.chunks(page)));
  return read.flatMap((chunks, i) => {
    const found = picked[i]!.flatMap((id) => {
      const chunk = chunks.get(id);
      return chunk === undefined ? [] : [[id, chunk] as const];
    });
    // A file at the edge of a sampled page may be cut: leave it out so no hidden chunk escapes.
    const edges = cut ? [found[0]?.[1].source, found[found.length - 1]?.[1].source] : [];
    return found
      .filter(([, chunk]) => !edges.includes(chunk.source))
      .map(([id, chunk]) => ({
        id: String(id),
        source: chunk.source,
        headings: chunk.headings,
        text: chunk.text,
      }));
  });
}

function pickPages<T>(pages: readonly T[]): T[] {
  const rng = createRng(PSEUDO_QUESTION_DEFAULTS.seed);
  const pool = [...pages];
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, MAX_PAGES);
}
