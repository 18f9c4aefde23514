/**
 * Chooses an indexed collection's fusion from its own pseudo-questions and stores the choice with the
 * scores behind it in the collection's metadata (fusion/record.ts). The legs and the reranker are the ones
 * searches use, run through the search pipeline's own functions, so the choice measures what users get.
 */

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
import { createStoredSource } from '../search/stored-source.js';
import { createFtsLegs } from '../sparse/fts-index.js';
import type { ModelProvider } from '../types.js';
import { createRng } from '../wordvec/rng.js';
import { calibrateLegs } from './calibrate-legs.js';

/** Chunks read per page; at most MAX_PAGES pages, drawn by seed, are scanned for questions. */
const PAGE_CHUNKS = 2000;
const MAX_PAGES = 25;

export interface CalibrateOptions {
  readonly store: IndexStore;
  readonly collectionId: number;
  readonly name: string;
  readonly models: ModelProvider;
  /** The collection's adapted-model folder (its record says which texts the model never saw). */
  readonly modelDir: string;
  /** Calibrate even when the stored record still fits (the collection changed). */
  readonly force: boolean;
}

/** What a run did: the stored record and whether it was made now. */
export interface CalibrateOutcome {
  readonly record: FusionRecord | null;
  readonly fresh: boolean;
  /** Why there is no record (no dense leg, too few pseudo-questions). */
  readonly note?: string;
}

/** Calibrates the collection unless its record still fits; stores and returns the record. */
export async function calibrateCollection(options: CalibrateOptions): Promise<CalibrateOutcome> {
  const { store, collectionId, name, models } = options;
  const row = store.getCollectionById(collectionId);
  const kept = parseFusionRecord(store.fusionRecord(collectionId));
  // A reranker changed since the choice only loses its share (searches.settingsOf); the next change redoes it.
  const current = kept?.version === FUSION_RECORD_VERSION && kept.embedder === row?.embedder;
  if (!options.force && kept !== null && current) return { record: kept, fresh: false };
  if (row?.embedder == null) {
    store.setFusionRecord(collectionId, null);
    return { record: null, fresh: false };
  }
  const started = performance.now();
  const source = createStoredSource({ dbPath: store.path, models, noModels: 'no models' });
  try {
    const legs = await source.legs(name, 'hybrid', null);
    if (legs.dense === null) {
      store.setFusionRecord(collectionId, null);
      return {
        record: null,
        fresh: false,
        note: `fusion not calibrated: ${legs.denseNote ?? 'no dense leg'}`,
      };
    }
    const all = readChunks(store, collectionId);
    const { questions, heldOut } = askable(pseudoQuestions(all), options.modelDir);
    const record = await calibrateLegs({
      questions,
      legs,
      bodies: createFtsLegs(store, collectionId, [0, 1]).sparse,
      chunks: new Map(all.map((chunk) => [chunk.id, chunk])),
      reranker: await models.reranker().catch(() => null),
      embedder: row.embedder,
      heldOut,
      started,
    });
    store.setFusionRecord(collectionId, JSON.stringify(record));
    return { record, fresh: true };
  } finally {
    await source.close();
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
  modelDir: string,
): { questions: PseudoQuestion[]; heldOut: boolean } {
  if (currentAdaptedDir(modelDir) === null) return { questions: [...questions], heldOut: true };
  const withheld = readHeldOut(modelDir);
  if (withheld === null) return { questions: [...questions], heldOut: false };
  return { questions: questions.filter((q) => withheld.has(q.raw)), heldOut: true };
}

/** The collection's pseudo-questions as they stand (the same sample while the collection is unchanged). */
export function collectionQuestions(store: IndexStore, collectionId: number): PseudoQuestion[] {
  return pseudoQuestions(readChunks(store, collectionId));
}

/**
 * The collection's chunks for the question generator: all of them, or, in a large collection, MAX_PAGES
 * runs of PAGE_CHUNKS consecutive chunks drawn by seed (a file's chunks have consecutive ids).
 */
function readChunks(store: IndexStore, collectionId: number): CalibrationChunk[] {
  const pages: number[][] = [];
  for (let after = 0; ; ) {
    const page = store.chunksAfter(collectionId, PAGE_CHUNKS, after).map((chunk) => chunk.id);
    if (page.length === 0) break;
    pages.push(page);
    after = page[page.length - 1]!;
  }
  const picked = pages.length <= MAX_PAGES ? pages : pickPages(pages);
  const cut = picked.length < pages.length;
  return picked.flatMap((page) => {
    const found = [...store.chunks(page)];
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
