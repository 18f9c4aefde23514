/**
 * Training heads recorded the way a stored collection searches: a training corpus is written to a temporary
 * folder and indexed as a collection by the indexer itself (`indexCollection`: FTS5 legs, the embedder adapted
 * to the corpus with its common direction removed, the fusion calibrated), and each question runs through the
 * stored source's legs as a search runs them (search/hybrid.ts `searchLegs`) with a recording reranker that
 * reads the shipped reranker's own first stage and scores nothing. The first-stage columns then mean in
 * training what they mean at search time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidDataError, InvalidInputError } from '../../errors.js';
import { IndexStore } from '../../store/index-store.js';
import { collectionFiles } from '../dense/vector-files.js';
import { indexCollection } from '../indexing/indexer.js';
import { FILE_RERANKER_FIRST_STAGE, headFeatures } from '../rerank/file-reranker.js';
import { createWordSimilarities } from '../rerank/similarity.js';
import type { TranslationTable } from '../rerank/translation-table.js';
import { FUSION_DEFAULTS, settingsOf } from '../search/hybrid.js';
import { createStoredSource } from '../search/stored-source.js';
import type { ModelProvider, RerankCandidate, Reranker } from '../types.js';
import type { CorpusDoc, JudgedQuestion } from './rerank-data.js';
import {
  type HeadGroup,
  type HeadRecorder,
  memoryRecorder,
  type RecordedHead,
  searchHeads,
  type TrainingCorpus,
} from './training-heads.js';

const REBUILD = 'run npm run train:models';

/**
 * How training heads may be recorded (`--train-heads` of the trainer and of lpo.js): over in-memory legs and the
 * base embedder (the shipped reranker's recipe, first) or as a stored collection searches.
 */
export const HEAD_RECORDINGS = ['memory', 'stored'] as const;
export type HeadRecording = (typeof HEAD_RECORDINGS)[number];

/** The `--train-heads` value as a recording; an unknown one is refused naming both. */
export function headRecordingOf(value: string): HeadRecording {
  const known = HEAD_RECORDINGS.find((recording) => recording === value);
  if (known === undefined)
    throw new InvalidInputError(
      `--train-heads ${value} is unknown (give memory, the shipped reranker's recipe, or stored)`,
    );
  return known;
}

/**
 * The recorder of `recording` with the base embedder of `models`; stored heads' indexes are kept under `keep`
 * (null: each is removed after recording).
 */
export async function headRecorder(
  recording: HeadRecording,
  models: ModelProvider,
  keep: string | null,
): Promise<HeadRecorder> {
  if (recording === 'stored') return storedRecorder(models, keep);
  const embedder = await models.embedder(null);
  return memoryRecorder(async () => embedder);
}

/** The recording reranker's id: a collection's stored reranker share is never its. */
const RECORDER = 'training-recorder';

/**
 * The models a training collection is indexed with: the embedder of `models` and its adaptation, but no
 * reranker, so the calibration chooses the first stage without the reranker being trained (its share is
 * not stored, and a recorded head does not depend on which reranker happened to be in the model folder).
 */
function indexingModels(models: ModelProvider): ModelProvider {
  return { ...models, reranker: async () => null };
}

/** Writes the corpus's files under `root` (a file's path in the corpus is its path in the collection). */
function writeCorpus(root: string, docs: readonly CorpusDoc[]): void {
  for (const doc of docs) {
    const path = join(root, doc.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, doc.text);
  }
}

/**
 * Records a corpus's heads as a stored collection of its files offers them to the shipped reranker: the
 * corpus is indexed with `models` in a temporary database (removed afterwards; with `keep`, in a folder under
 * it that later runs search again) and its questions searched in hybrid mode with reranking. Each head's
 * feature rows are computed as the shipped reranker computes them (soft matching with the collection's
 * adapted embedder and the translation column for natural questions only).
 */
export function storedRecorder(models: ModelProvider, keep: string | null = null): HeadRecorder {
  return async (name, corpus, translation) => {
    const dir =
      keep === null
        ? mkdtempSync(join(tmpdir(), 'batuta-train-heads-'))
        : await keptDir(keep, name, corpus, models);
    try {
      const dbPath = join(dir, 'index.db');
      if (!existsSync(join(dir, INDEXED))) await indexCorpus(dir, name, corpus, models);
      const source = createStoredSource({ dbPath, models, noModels: 'no embedding model is installed' });
      try {
        return await recordStored(name, source, corpus.questions, translation);
      } finally {
        await source.close();
      }
    } finally {
      if (keep === null) rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Marks a kept training collection whose indexing finished. */
const INDEXED = 'indexed';

/**
 * The folder of a kept training collection under `keep`, named by the package, its files and the base
 * embedder: it is indexed once and searched again by later runs (with another translation table).
 */
async function keptDir(
  keep: string,
  name: string,
  corpus: TrainingCorpus,
  models: ModelProvider,
): Promise<string> {
  const hash = createHash('sha256').update((await models.embedder(null)).id);
  for (const doc of corpus.docs) hash.update(`\0${doc.path}\0${doc.text}`);
  return join(keep, `${name}-${hash.digest('hex').slice(0, 16)}`);
}

/** Indexes the corpus as the collection `name` of the database in `dir`, its files written under `dir`/files. */
async function indexCorpus(
  dir: string,
  name: string,
  corpus: TrainingCorpus,
  models: ModelProvider,
): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const root = join(dir, 'files');
  writeCorpus(root, corpus.docs);
  const dbPath = join(dir, 'index.db');
  const store = IndexStore.open(dbPath);
  try {
    await indexCollection({
      name,
      root,
      store,
      models: indexingModels(models),
      ...collectionFiles(dbPath, name),
    });
  } finally {
    store.close();
  }
  writeFileSync(join(dir, INDEXED), '');
}

async function recordStored(
  name: string,
  source: ReturnType<typeof createStoredSource>,
  questions: readonly JudgedQuestion[],
  translation: TranslationTable | undefined,
): Promise<HeadGroup[]> {
  const similarities = createWordSimilarities();
  const recorded: { head: RecordedHead } = { head: { files: [], rows: [], ms: 0 } };
  const recorder: Reranker = {
    id: RECORDER,
    firstStage: FILE_RERANKER_FIRST_STAGE,
    score: async (_q, list) => list.map(() => 0),
    scoreCandidates: async (question: string, head: readonly RerankCandidate[], embedder) => {
      const started = performance.now();
      const { rows } = await headFeatures(question, head, embedder, similarities, translation);
      recorded.head = { files: head.map((c) => c.chunk.source), rows, ms: performance.now() - started };
      return head.map(() => 0);
    },
  };
  const legs = await source.legs(name, 'hybrid', recorder);
  if (legs.dense === null)
    throw new InvalidDataError(
      `training heads of ${name}: the collection has no dense leg (${legs.denseNote ?? 'no embedder'}; ${REBUILD})`,
    );
  const settings = legs.fusion === undefined ? FUSION_DEFAULTS : settingsOf(legs.fusion, RECORDER);
  return searchHeads(questions, legs, settings, recorded);
}
