/**
 * Pseudo-relevance feedback on the dense leg's question vector (Rocchio 1971; Li et al. 2023, vector PRF for
 * dense retrieval): the BM25 pass's best chunks of the same collection stand in for relevant ones, and the
 * question vector moves toward their mean vector before the dense search. Lexical evidence thus steers the
 * dense leg, which on its own misses pages whose words it has weak vectors for. The feedback is the
 * searched collection's own, so a collection's results still do not depend on other collections.
 */
import { indexedText } from '../dense/vector-files.js';
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

/** Where the feedback chunks' vectors come from. */
export interface FeedbackReads {
  /** The vectors stored for these chunks by the dense leg's embedder; ids without one are left out. */
  readonly stored?: (
    ids: readonly string[],
  ) => Map<string, Float32Array> | Promise<Map<string, Float32Array>>;
  /** The chunks themselves, for those without a stored vector. */
  readonly chunks: (ids: readonly string[]) => Map<string, Chunk> | Promise<Map<string, Chunk>>;
  /** The dense leg's embedder, for those chunks' text as indexing embeds it. */
  readonly embed: (texts: readonly string[]) => Promise<Float32Array[]>;
}

/** The vectors of the given chunks, keyed by id: stored ones where there are, the rest embedded from their text. */
async function feedbackVectors(
  ids: readonly string[],
  reads: FeedbackReads,
): Promise<Map<string, Float32Array>> {
  const found = new Map(ids.length === 0 || reads.stored === undefined ? [] : await reads.stored(ids));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return found;
  const chunks = await reads.chunks(missing);
  const texts = missing.flatMap((id) => {
    const chunk = chunks.get(id);
    return chunk === undefined ? [] : [{ id, text: indexedText(chunk.headings, chunk.text) }];
  });
  if (texts.length === 0) return found;
  const vectors = await reads.embed(texts.map((item) => item.text));
  for (const [i, item] of texts.entries()) found.set(item.id, vectors[i]!);
  return found;
}

/**
 * The question vector moved toward the mean vector of the BM25 pass's best chunks: unit length of
 * (1 − weight)·q + weight·mean(e(chunk)), each chunk's vector as its collection stores it, or embedded as
 * indexing embeds it (heading path, then text) when none is stored. The question alone when the BM25 pass
 * found nothing.
 */
export async function denseFeedbackVector(
  question: Float32Array,
  first: readonly ScoredChunk[],
  reads: FeedbackReads,
  use: DenseFeedback,
): Promise<FedVector> {
  if (use.weight <= 0) return { vector: question, from: [] };
  const ids = [...new Set(first.slice(0, use.chunks).map((hit) => hit.chunkId))];
  const found = await feedbackVectors(ids, reads);
  const read = ids.flatMap((id) => {
    const vector = found.get(id);
    return vector === undefined ? [] : [{ id, vector }];
  });
  if (read.length === 0) return { vector: question, from: [] };
  const moved = question.map((value, k) => {
    const mean = read.reduce((sum, item) => sum + item.vector[k]!, 0) / read.length;
    return (1 - use.weight) * value + use.weight * mean;
  });
  const norm = Math.hypot(...moved);
  if (!(norm > 0)) return { vector: question, from: [] };
  return { vector: moved.map((value) => value / norm), from: read.map((item) => item.id) };
}
