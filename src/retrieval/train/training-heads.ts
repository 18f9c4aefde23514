/**
 * Training heads of the file-level reranker: every question of a training corpus is run through the
 * production first stage (search/hybrid.ts `searchLegs`) with a recording reranker, so the features are
 * exactly those the shipped reranker will see.
 */
import { chunkDocument } from '../documents/chunker.js';
import { kindOf } from '../documents/files.js';
import { fileFeatures, isNaturalQuestion } from '../rerank/file-features.js';
import { FILE_RERANKER_FIRST_STAGE, naturalMatching } from '../rerank/file-reranker.js';
import { createWordSimilarities } from '../rerank/similarity.js';
import type { TranslationTable } from '../rerank/translation-table.js';
import { memoryFileChars } from '../search/file-chars.js';
import { FUSION_DEFAULTS, type FusionSettings, type SearchLegs, searchLegs } from '../search/hybrid.js';
import { createWinkIndex } from '../sparse/wink-index.js';
import type { Chunk, Embedder, RerankCandidate, Reranker } from '../types.js';
import {
  askedQuestions,
  type CorpusDoc,
  headingQuestions,
  type JudgedQuestion,
  TRAINING_LIMITS,
  type TrainingUnit,
} from './rerank-data.js';

/** One question's head as the reranker sees it. */
export interface HeadGroup {
  readonly id: string;
  readonly split?: string;
  readonly relevant: Readonly<Record<string, number>>;
  readonly question: string;
  /** Files of the head in first-stage order. */
  readonly files: string[];
  /** One feature row per file (rerank/file-features.ts order). */
  readonly rows: number[][];
  /** Milliseconds `timed.scoreCandidates` took for this head, or the feature computation without one. */
  readonly ms: number;
}

/** Chunks a corpus the way the engine does (heading-aware chunks of every supported file). */
export function chunkCorpus(docs: readonly CorpusDoc[], collection: string): Chunk[] {
  return docs.flatMap((doc) => {
    const kind = kindOf(doc.path);
    return kind === null ? [] : chunkDocument({ collection, source: doc.path, kind, text: doc.text });
  });
}

const { denseFeedback: _unfed, ...UNFED_DEFAULTS } = FUSION_DEFAULTS;

/**
 * The first stage training heads come from (the one the shipped reranker reads at search time): its own
 * fusion, with the dense leg searched by the question's own vector (search/hybrid.ts keeps those hits for it).
 */
export const TRAINING_FUSION: FusionSettings = { ...UNFED_DEFAULTS, ...FILE_RERANKER_FIRST_STAGE };

/**
 * Runs each question through the production first stage over `chunks` (wink BM25 + brute-force cosine
 * of `embedder`'s vectors) and records the head the reranker is offered, with its feature rows; with
 * `timed`, also times that reranker on each real head. `translation` fills the translation column of
 * natural questions, as the shipped reranker does.
 */
export async function recordHeads(
  chunks: readonly Chunk[],
  embedder: Embedder,
  questions: readonly JudgedQuestion[],
  settings: FusionSettings = TRAINING_FUSION,
  timed: Reranker | null = null,
  translation?: TranslationTable,
): Promise<HeadGroup[]> {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const soft = naturalMatching(embedder, createWordSimilarities());
  const vectors = await embedder.embed(chunks.map((chunk) => `${chunk.headings.join(' ')}\n${chunk.text}`));
  const search = (q: Float32Array, limit: number) => {
    const scored = vectors.map((v, i) => {
      let dot = 0;
      for (let k = 0; k < v.length; k++) dot += v[k]! * q[k]!;
      return { chunkId: chunks[i]!.id, score: dot };
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  };
  const recorded = { head: NO_HEAD };
  const recorder = {
    id: 'recorder',
    score: async (_q: string, list: readonly Chunk[]) => list.map(() => 0),
    scoreCandidates: async (question: string, head: readonly RerankCandidate[]) => {
      const started = performance.now();
      if (timed?.scoreCandidates) await timed.scoreCandidates(question, head, embedder);
      const timedMs = performance.now() - started;
      const translated = isNaturalQuestion(question) ? translation : undefined;
      const rows = await fileFeatures(question, head, soft, translated);
      const ms = timed ? timedMs : performance.now() - started;
      recorded.head = { files: head.map((c) => c.chunk.source), rows, ms };
      return head.map(() => 0);
    },
  };
  const legs = {
    sparse: createWinkIndex(chunks),
    dense: { embedder, search },
    reranker: recorder,
    chunks: (ids: readonly string[]) =>
      new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
    fileChars: memoryFileChars(chunks),
  };
  return searchHeads(questions, legs, settings, recorded);
}

/** What a recording reranker was offered last: the head's files and their feature rows, and how long it took. */
export type RecordedHead = Pick<HeadGroup, 'files' | 'rows' | 'ms'>;

const NO_HEAD: RecordedHead = { files: [], rows: [], ms: 0 };

/**
 * Runs each question over `legs` as a hybrid search with reranking (k 10) and makes its head group of what the
 * legs' recording reranker left in `recorded` (an empty head when it was offered none).
 */
export async function searchHeads(
  questions: readonly JudgedQuestion[],
  legs: SearchLegs,
  settings: FusionSettings,
  recorded: { head: RecordedHead },
): Promise<HeadGroup[]> {
  const groups: HeadGroup[] = [];
  for (const q of questions) {
    recorded.head = NO_HEAD;
    await searchLegs(
      { question: q.question, k: 10, mode: 'hybrid', rerank: true, explain: false },
      legs,
      settings,
    );
    groups.push({
      id: q.id,
      question: q.question,
      ...(q.split ? { split: q.split } : {}),
      relevant: q.relevant,
      ...recorded.head,
    });
  }
  return groups;
}

/** Training groups (heads or rank groups), `times` times over. */
export function repeated<T>(groups: readonly T[], times: number): T[] {
  return Array.from({ length: times }, () => groups).flat();
}

/** The embedder a training collection is searched with, given its chunks (the base one, or one adapted to them). */
export type EmbedderFor = (chunks: readonly Chunk[]) => Promise<Embedder>;

/** A training corpus: its files and its judged questions. */
export interface TrainingCorpus {
  readonly docs: readonly CorpusDoc[];
  readonly questions: readonly JudgedQuestion[];
}

/**
 * How a corpus's heads are recorded (`translation` fills the translation column of natural questions): in
 * memory (`memoryRecorder`) or as a stored collection searches (stored-heads.ts `storedRecorder`).
 */
export type HeadRecorder = (
  name: string,
  corpus: TrainingCorpus,
  translation?: TranslationTable,
) => Promise<HeadGroup[]>;

/** Records heads in memory: wink BM25 over the corpus's chunks and brute-force cosine of `embedderFor`'s vectors. */
export function memoryRecorder(
  embedderFor: EmbedderFor,
  settings: FusionSettings = TRAINING_FUSION,
): HeadRecorder {
  return (name, corpus, translation) => corpusHeads(name, corpus, embedderFor, settings, translation);
}

/**
 * One package's text cut for one kind of file with its questions; with `paths` (each page's html path, in
 * text order) page files are named by them (rerank-data.ts `pagePath`).
 */
export function packageCorpus(
  name: string,
  text: string,
  unit: TrainingUnit,
  paths?: readonly string[],
): TrainingCorpus {
  return unit === 'asked'
    ? askedQuestions(name, text, TRAINING_LIMITS, paths)
    : headingQuestions(name, text, { ...TRAINING_LIMITS, unit }, paths);
}

/** The training heads of one package's text for one kind of file, through the production first stage in memory. */
export async function packageHeads(
  name: string,
  text: string,
  embedderFor: EmbedderFor,
  unit: TrainingUnit,
  settings: FusionSettings = TRAINING_FUSION,
  paths?: readonly string[],
  translation?: TranslationTable,
): Promise<HeadGroup[]> {
  return corpusHeads(name, packageCorpus(name, text, unit, paths), embedderFor, settings, translation);
}

/** The training heads of questions over one package's files, through the production first stage in memory. */
export async function corpusHeads(
  name: string,
  corpus: TrainingCorpus,
  embedderFor: EmbedderFor,
  settings: FusionSettings = TRAINING_FUSION,
  translation?: TranslationTable,
): Promise<HeadGroup[]> {
  const chunks = chunkCorpus(corpus.docs, name);
  return recordHeads(chunks, await embedderFor(chunks), corpus.questions, settings, null, translation);
}

/** A recorded head as a training group: its rows and each file's grade. */
export function rankGroupOf(g: HeadGroup): { rows: number[][]; grades: number[] } {
  return { rows: g.rows, grades: g.files.map((f) => g.relevant[f] ?? 0) };
}

/**
 * `chunksPerFile` (rerank/file-features.ts) of a recorded head, from its chunks_log column (log1p of each
 * file's pooled chunks), for training the gate on dumped heads.
 */
export function headChunksPerFile(rows: readonly (readonly number[])[]): number {
  return Math.log(rows.reduce((sum, row) => sum + Math.expm1(row[3]!), 0) / Math.max(rows.length, 1));
}
