/**
 * The RM3 feedback pass of a search (sparse/rm3.ts): the first BM25 pass's best chunks are read, the
 * question is expanded from them, and the expansion is searched again in the same collection's sparse
 * index, so the feedback and the statistics are the collection's own. The second pass either becomes the
 * BM25 leg or is fused beside it as a third list.
 */
import { type Rm3Expansion, type Rm3Settings, rm3Expansion, type WeightedWord } from '../sparse/rm3.js';
import type { Chunk, ScoredChunk } from '../types.js';

/** RM3 in the search path: its settings and where its second pass goes. */
export interface Rm3Use extends Rm3Settings {
  /** 'replace': the second pass is the BM25 leg; 'fuse': it is fused beside the BM25 leg. */
  readonly how: 'replace' | 'fuse';
  /** The fused list's weight under 'fuse' (ignored under 'replace'). */
  readonly weight: number;
}

/** What a sparse leg needs to offer for feedback: a weighted search over the same statistics. */
export interface WeightedSparse {
  searchWeighted?(query: readonly WeightedWord[], limit: number): ScoredChunk[] | Promise<ScoredChunk[]>;
}

/** The second pass's hits and the expansion behind them (for `explain`). */
export interface FeedbackOutcome {
  readonly hits: ScoredChunk[];
  readonly expansion: Rm3Expansion;
}

/**
 * Expands the question from the first pass's best chunks and searches the expansion; null when the leg
 * has no weighted search or the first pass found nothing.
 */
export async function feedbackPass(
  question: string,
  first: readonly ScoredChunk[],
  sparse: WeightedSparse,
  chunks: (ids: readonly string[]) => Map<string, Chunk> | Promise<Map<string, Chunk>>,
  use: Rm3Use,
  limit: number,
): Promise<FeedbackOutcome | null> {
  if (sparse.searchWeighted === undefined || first.length === 0) return null;
  const top = first.slice(0, use.feedbackChunks);
  const texts = await chunks(top.map((hit) => hit.chunkId));
  const feedback = top.flatMap((hit) => {
    const chunk = texts.get(hit.chunkId);
    return chunk === undefined
      ? []
      : [{ text: `${chunk.headings.join(' ')}\n${chunk.text}`, score: hit.score }];
  });
  const expansion = rm3Expansion(question, feedback, use);
  return { hits: await sparse.searchWeighted(expansion.query, limit), expansion };
}

/** Feedback on the dense leg's question vector (Rocchio 1971; Li et al. 2023's vector PRF). */
export interface DenseFeedback {
  /** First-pass BM25 chunks whose vectors are averaged. */
  readonly chunks: number;
  /** Share of that average in the new question vector; the question keeps the rest. */
  readonly weight: number;
}

/**
 * The question vector moved toward the mean vector of the BM25 pass's best chunks: unit length of
 * (1 − weight)·q + weight·mean(e(chunk)). The question alone when the BM25 pass found nothing.
 */
export async function denseFeedbackVector(
  question: Float32Array,
  first: readonly ScoredChunk[],
  chunks: (ids: readonly string[]) => Map<string, Chunk> | Promise<Map<string, Chunk>>,
  embed: (texts: readonly string[]) => Promise<Float32Array[]>,
  use: DenseFeedback,
): Promise<Float32Array> {
  const ids = first.slice(0, use.chunks).map((hit) => hit.chunkId);
  const texts = await chunks(ids);
  const read = ids.flatMap((id) => {
    const chunk = texts.get(id);
    return chunk === undefined ? [] : [`${chunk.headings.join(' ')}\n${chunk.text}`];
  });
  if (read.length === 0) return question;
  const vectors = await embed(read);
  const moved = question.map((value, k) => {
    const mean = vectors.reduce((sum, vector) => sum + vector[k]!, 0) / vectors.length;
    return (1 - use.weight) * value + use.weight * mean;
  });
  const norm = Math.hypot(...moved);
  return norm > 0 ? moved.map((value) => value / norm) : question;
}
