/**
 * The search legs of one collection of the PostgreSQL index: BM25 over heading and body and over headings
 * alone, with the same question words, common-word pruning and scores as the FTS5 legs (fts-index.ts), and
 * the dense leg as an HNSW search in pgvector. Everything is computed in the database.
 */
import type { PgCollection, PgIndexStore } from '../../store/postgres/pg-index-store.js';
import { contentWords } from '../../text/analyze.js';
import type { WordCounts } from '../fusion/read-share.js';
import type { DenseSearch, SparseLeg } from '../search/hybrid.js';
import { FTS_WEIGHTS, PRUNE_MIN_CHUNKS, pruneCommonWords } from '../sparse/fts-index.js';
import type { Embedder } from '../types.js';

/**
 * BM25 over heading and body, and over the heading column alone, of one collection; and how many chunks hold
 * each of a question's words (fusion/read-share.ts), looked up once per question for pruning and read share.
 */
export function createPgTextLegs(
  store: PgIndexStore,
  collection: Pick<PgCollection, 'id' | 'chunks'>,
  weights: readonly [number, number] = FTS_WEIGHTS,
): { sparse: SparseLeg; headings: SparseLeg; wordCounts(question: string): Promise<WordCounts> } {
  let counted: { question: string; counts: Promise<WordCounts> } | undefined;
  const countsOf = (question: string): Promise<WordCounts> => {
    if (counted?.question !== question) {
      const words = [...new Set(contentWords(question))];
      const counts =
        words.length === 0 ? Promise.resolve(new Map()) : store.termDocCounts(collection.id, words);
      counted = { question, counts: counts.then((found) => ({ total: collection.chunks, counts: found })) };
    }
    return counted.counts;
  };
  let last: { question: string; words: Promise<string[]> } | undefined;
  const wordsOf = (question: string): Promise<string[]> => {
    if (last?.question === question) return last.words;
    const words = [...new Set(contentWords(question))];
    const chosen =
      collection.chunks < PRUNE_MIN_CHUNKS || words.length === 0
        ? Promise.resolve(words)
        : countsOf(question).then(({ counts }) => pruneCommonWords(words, counts, collection.chunks));
    last = { question, words: chosen };
    return chosen;
  };
  const leg = (headingsOnly: boolean): SparseLeg => ({
    async search(question, limit) {
      return store.searchText(collection.id, await wordsOf(question), limit, weights, headingsOnly);
    },
  });
  return {
    sparse: leg(false),
    headings: leg(true),
    wordCounts: countsOf,
  };
}

/**
 * The dense leg: the collection's embedder for the question, pgvector's HNSW (cosine) for the chunks, and
 * the chunks' stored vectors (pgvector keeps each float4 as written).
 */
export function createPgDense(store: PgIndexStore, collectionId: number, embedder: Embedder): DenseSearch {
  return {
    embedder,
    search: (vector, limit) => store.searchVectors(collectionId, vector, limit),
    async vectors(ids) {
      const found = await store.vectorsOf(collectionId, embedder.id, ids.map(Number));
      return new Map([...found].map(([id, vector]) => [String(id), vector]));
    },
  };
}
