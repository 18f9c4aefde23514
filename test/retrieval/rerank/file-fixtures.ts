/** Tiny head candidates for the file reranker tests. */
import type { Chunk, RerankCandidate } from '../../../src/retrieval/types.js';

export function chunk(source: string, n: number, text: string, headings: string[] = []): Chunk {
  return {
    id: `${source}#${n}`,
    collection: 'c',
    source,
    component: null,
    headings,
    lines: [n * 10 + 1, n * 10 + 9],
    text,
  };
}

/** A candidate ranked `rank` with the given chunks (first = best) and leg evidence. */
export function candidate(rank: number, chunks: Chunk[], bm25?: number, dense?: number): RerankCandidate {
  const legRanks: Record<string, number> = {};
  const legScores: Record<string, number> = {};
  if (bm25 !== undefined) {
    legRanks['bm25'] = rank;
    legScores['bm25'] = bm25;
  }
  if (dense !== undefined) {
    legRanks['dense'] = rank;
    legScores['dense'] = dense;
  }
  return {
    chunk: chunks[0]!,
    others: chunks.slice(1),
    evidence: {
      fusedRank: rank,
      fusedScore: 1 / rank,
      fusedSum: chunks.length / rank,
      chunksInPool: chunks.length,
      legRanks,
      legScores,
    },
  };
}
