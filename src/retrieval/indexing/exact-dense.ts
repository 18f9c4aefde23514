/**
 * The dense leg fusion calibration asks: an exact search by cosine over every stored vector of the
 * collection, summed here in one fixed order and ties broken by chunk id, so that both stores (hnswlib
 * files, pgvector) hand the calibration the same hits with the same scores, bit for bit, and so the same
 * choice. Their HNSW searches each miss a different ~0.5 % of the true top 100 and differ in the last float
 * digits, which was enough to flip a choice between near-tied fusions. Searches keep the HNSW index. A
 * collection of more than EXACT_MAX vectors keeps its leg's own search (approximate) for calibration too.
 */
import type { DenseSearch } from '../search/hybrid.js';

/** Largest collection searched exactly during calibration (about 30 ms per question at 224 dimensions). */
export const EXACT_MAX = 50_000;

/** The stored vectors of one collection. */
export interface VectorReader {
  vectorCount(): Promise<number>;
  /** Every vector of the collection by chunk id. */
  allVectors(): Promise<ReadonlyMap<number, Float32Array>>;
}

/** `dense` with its search made exact over the collection's vectors, when there are at most EXACT_MAX. */
export async function exactDense(dense: DenseSearch, reader: VectorReader): Promise<DenseSearch> {
  if ((await reader.vectorCount()) > EXACT_MAX) return dense;
  const all = [...(await reader.allVectors())].sort(([a], [b]) => a - b);
  const byId = new Map(all.map(([id, vector]) => [String(id), vector]));
  return {
    embedder: dense.embedder,
    vectors: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
    search: (query, limit) =>
      all
        .map(([id, vector]) => ({ id, score: dot(vector, query) }))
        .sort((a, b) => b.score - a.score || a.id - b.id)
        .slice(0, limit)
        .map(({ id, score }) => ({ chunkId: String(id), score })),
  };
}

/** The inner product the exact leg scores with (calibration scores its masked chunks with it too). */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * (b[i] ?? 0);
  return sum;
}
