/**
 * Pseudo-relevance feedback on the dense leg's question vector (Rocchio 1971; Li et al. 2023, vector PRF for
 * dense retrieval): the BM25 pass's best chunks of the same collection stand in for relevant ones, and the
 * question vector moves toward their mean vector before the dense search. Lexical evidence thus steers the
 * dense leg, which on its own misses pages whose words it has weak vectors for. The feedback is the
 * searched collection's own, so a collection's results still do not depend on other collections.
 */
import type { Chunk, ScoredChunk } from '../types.js';

/** Feedback on the dense leg's question vector. */
export interface DenseFeedback {
  /** First-pass BM25 chunks whose vectors are averaged. */
  readonly chunks: number;
  /** Share of that average in the new question vector; the question keeps the rest. */
  readonly weight: number;
}

/**
 * The shipped dense feedback: the 3 best BM25 chunks, half the weight. Chosen on the written questions of
 * six training packages (bench/retrieval/written-first-stage.ts, dev packages, 836 questions) among
 * 3-10 chunks and weights 0.3-0.7, and checked on the bench sets' dev halves (bench/RESULTS.md).
 */
export const DENSE_FEEDBACK_DEFAULT: DenseFeedback = { chunks: 3, weight: 0.5 };

/** The moved question vector and the chunks it was moved toward. */
export interface FedVector {
  readonly vector: Float32Array;
  /** Ids of the chunks read as feedback, best first; empty when the BM25 pass found nothing. */
  readonly from: readonly string[];
}

/**
 * The question vector moved toward the mean vector of the BM25 pass's best chunks: unit length of
 * (1 − weight)·q + weight·mean(e(chunk)), each chunk embedded as indexing embeds it (headings, then text).
 * The question alone when the BM25 pass found nothing.
 */
export async function denseFeedbackVector(
  question: Float32Array,
  first: readonly ScoredChunk[],
  chunks: (ids: readonly string[]) => Map<string, Chunk> | Promise<Map<string, Chunk>>,
  embed: (texts: readonly string[]) => Promise<Float32Array[]>,
  use: DenseFeedback,
): Promise<FedVector> {
  const texts = await chunks(first.slice(0, use.chunks).map((hit) => hit.chunkId));
  const read = first.slice(0, use.chunks).flatMap((hit) => {
    const chunk = texts.get(hit.chunkId);
    return chunk === undefined
      ? []
      : [{ id: hit.chunkId, text: `${chunk.headings.join(' ')}\n${chunk.text}` }];
  });
  if (read.length === 0 || use.weight <= 0) return { vector: question, from: [] };
  const vectors = await embed(read.map((item) => item.text));
  const moved = question.map((value, k) => {
    const mean = vectors.reduce((sum, vector) => sum + vector[k]!, 0) / vectors.length;
    return (1 - use.weight) * value + use.weight * mean;
  });
  const norm = Math.hypot(...moved);
  if (!(norm > 0)) return { vector: question, from: [] };
  return { vector: moved.map((value) => value / norm), from: read.map((item) => item.id) };
}
