/**
 * How calibration asks a pseudo-question of a collection's legs: the way a search runs them, except that the
 * question must not find itself. Its hidden chunks are left out, and its masked chunks are scored again
 * without their heading path (BM25 over the body column alone, the dense leg on the chunk's text embedded
 * without headings). The dense leg takes the search's feedback (search/dense-feedback.ts) from that masked
 * BM25 list, so the fusion is chosen for the dense leg that hybrid searches fuse. The reranker, in the share
 * pass, reads the masked chunks the same way (`rerankerView`).
 */
import { questionVector } from '../dense/asked-words.js';
import { indexedText } from '../dense/vector-files.js';
import type { CalibrationCase } from '../fusion/calibrate.js';
import type { CalibrationChunk, PseudoQuestion } from '../fusion/pseudo-questions.js';
import { type DenseFeedback, denseFeedbackVector } from '../search/dense-feedback.js';
import type { LegResults } from '../search/fused-pool.js';
import { FUSION_DEFAULTS, type SearchLegs, type SparseLeg } from '../search/hybrid.js';
import type { Chunk } from '../types.js';
import { dot } from './exact-dense.js';

/** What masking needs: the BM25 leg over chunk bodies alone and the text of every chunk asked about. */
export interface Masking {
  readonly bodies: SparseLeg;
  readonly chunks: ReadonlyMap<string, CalibrationChunk>;
}

/**
 * One question's hits: `dense` is the leg as a hybrid search fuses it (with feedback), `unfed` the leg on
 * the question's own vector, which a reranker trained on its own first stage reads (search/hybrid.ts).
 */
export interface AskedHits extends LegResults {
  readonly unfed: LegResults['dense'];
}

export interface Asked {
  readonly question: PseudoQuestion;
  readonly hits: AskedHits;
}

type Hits = LegResults['bm25'];

/**
 * The feedback calibration gives the dense leg: the search's own. Feedback read from the unmasked BM25 pass
 * would move the question toward the chunks its heading sits on and flatter the dense leg (batuta-docs then
 * chose convex dense 0.5); read from the masked list it is what a search gets from a page that lacks the words.
 */
export const ASKING_FEEDBACK: DenseFeedback | null = FUSION_DEFAULTS.denseFeedback ?? null;

/** One question through both legs, its own text masked or hidden (see the file's header); `null`: no feedback. */
export async function ask(
  question: PseudoQuestion,
  legs: SearchLegs,
  masking: Masking,
  feedback: DenseFeedback | null = ASKING_FEEDBACK,
): Promise<AskedHits> {
  const pool = FUSION_DEFAULTS.pool;
  const masked = new Set(question.masked);
  const out = new Set([...question.hidden, ...question.masked]);
  const keep = (list: Hits) => list.filter((hit) => !out.has(hit.chunkId));
  const bodies =
    masked.size === 0
      ? []
      : (await masking.bodies.search(question.question, pool)).filter((hit) => masked.has(hit.chunkId));
  const bm25 = merge(keep(await legs.sparse.search(question.question, pool)), bodies, pool);
  const dense = legs.dense!;
  const asked = await questionVector(dense.embedder, question.question);
  const texts = question.masked.map((id) => indexedText([], masking.chunks.get(id)?.text ?? ''));
  const vectors = texts.length === 0 ? [] : await dense.embedder.embed(texts);
  const bodyVectors = new Map(question.masked.map((id, i) => [id, vectors[i]!]));
  const search = async (vector: Float32Array) =>
    merge(
      keep(await dense.search(vector, pool)),
      question.masked.map((chunkId) => ({ chunkId, score: dot(vector, bodyVectors.get(chunkId)!) })),
      pool,
    );
  const unfed = await search(asked);
  if (feedback === null) return { bm25, dense: unfed, headings: [], unfed };
  const reads = {
    // A masked chunk's vector is its body's: its stored vector holds the heading, i.e. the question.
    stored: async (ids: readonly string[]) => {
      const others = ids.filter((id) => !masked.has(id));
      const found = new Map(others.length > 0 && dense.vectors ? await dense.vectors(others) : []);
      for (const id of ids) if (masked.has(id)) found.set(id, bodyVectors.get(id)!);
      return found;
    },
    chunks: (ids: readonly string[]) => legs.chunks(ids),
    embed: (texts: readonly string[]) => dense.embedder.embed(texts),
  };
  const fed = await denseFeedbackVector(asked!, bm25, reads, feedback);
  return { bm25, dense: fed.from.length === 0 ? unfed : await search(fed.vector), headings: [], unfed };
}

/** What the reranker reads of the returned chunks for one question (rerank-head.ts). */
export interface RerankerView {
  readonly chunks: Map<string, Chunk>;
  readonly chunkTokens?: SearchLegs['chunkTokens'];
}

/**
 * The returned chunks as the reranker may read them for `question`: each masked chunk without its heading
 * path, as the legs scored it, and without its stored words (they hold the heading too). A masked chunk's
 * heading is the question: read by the reranker (its words, its title text) it let the reranker find the
 * answer by the question's own text (flask's pseudo-questions: share 1 over share 0 +.074 with the heading,
 * +.005 without; bench/RESULTS.md, session 14, s14-share), so the share pass could not see where the
 * reranker does not help (tornado now chooses share 0).
 */
export function rerankerView(
  question: PseudoQuestion,
  chunks: ReadonlyMap<string, Chunk>,
  chunkTokens: SearchLegs['chunkTokens'],
): RerankerView {
  const masked = new Set(question.masked);
  const view = new Map(chunks);
  for (const id of masked) {
    const chunk = view.get(id);
    if (chunk !== undefined) view.set(id, { ...chunk, headings: [] });
  }
  if (chunkTokens === undefined) return { chunks: view };
  return {
    chunks: view,
    chunkTokens: async (ids) => chunkTokens(ids.filter((id) => !masked.has(id))),
  };
}

function merge(list: Hits, extra: Hits, pool: number): Hits {
  return [...list, ...extra].sort((a, b) => b.score - a.score).slice(0, pool);
}

/** The answers of the legs to every question: each question's hits and its case for the choice. */
export interface AskedAll {
  readonly asked: readonly Asked[];
  /** One case per question, in question order (the dense leg as searches fuse it). */
  readonly cases: readonly CalibrationCase[];
  /** Every chunk the legs returned. */
  readonly chunks: Map<string, Chunk>;
}

/**
 * Asks every question of the legs as calibration does (benches score other choice rules on the cases);
 * `step` is called after each question.
 */
export async function askAll(
  input: Masking & { readonly questions: readonly PseudoQuestion[]; readonly legs: SearchLegs },
  step: () => void = () => {},
  feedback: DenseFeedback | null = ASKING_FEEDBACK,
): Promise<AskedAll> {
  const { questions, legs } = input;
  const masking = { bodies: input.bodies, chunks: input.chunks };
  const asked: Asked[] = [];
  for (const question of questions) {
    asked.push({ question, hits: await ask(question, legs, masking, feedback) });
    step();
  }
  const returned = asked.flatMap(({ hits }) => [...hits.bm25, ...hits.dense, ...hits.unfed]);
  const chunks = await legs.chunks([...new Set(returned.map((hit) => hit.chunkId))]);
  const fileOf = new Map([...chunks].map(([id, chunk]) => [id, chunk.source]));
  const cases: CalibrationCase[] = asked.map(({ question, hits }) => ({
    answer: question.answer,
    bm25: hits.bm25,
    dense: hits.dense,
    fileOf,
  }));
  return { asked, cases, chunks };
}
