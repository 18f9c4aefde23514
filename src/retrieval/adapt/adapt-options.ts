/**
 * The adaptation's options and their defaults, apart from the training code (adapt-vectors.ts) so that the
 * model provider, which every search creates, does not load skip-gram, LSA and the worker threads with them.
 */

/**
 * How hard to adapt; the token budget bounds the time (about 80k tokens/s per thread). At 4 M tokens a
 * collection up to 500k tokens (batuta-docs: 365k) still gets all 8 epochs; larger ones get fewer passes
 * (Debian set, 1.85 M tokens: 2 instead of 3, dev nDCG@10 dense −0.006, hybrid +0.001).
 */
export interface AdaptOptions {
  /** New words need at least this many occurrences in the collection. */
  readonly minCount: number;
  readonly maxNewWords: number;
  /** Passes over the collection stop at this many tokens in total (and at `maxEpochs`). */
  readonly tokenBudget: number;
  readonly maxEpochs: number;
  readonly learningRate: number;
  /** Frequent-word subsampling threshold (word2vec's t); small collections need a larger one. */
  readonly subsample: number;
  /** Weight of the collection's word frequencies against the base ones in the SIF weights. */
  readonly collectionWeight: number;
  readonly seed: number;
  /** skipgram: continued training only; lsa+skipgram: LSA term vectors appended to the trained ones. */
  readonly method: 'skipgram' | 'lsa+skipgram';
  readonly lsaDim: number;
  /** Share of the LSA half in the pooled vector (0…1). */
  readonly lsaShare: number;
  /** 1: one thread (the original result); 2: two threads with periodic merging (skipgram-parallel.ts). */
  readonly threads: 1 | 2;
  /** Remove the collection's common direction from every word vector (common-direction.ts). */
  readonly commonDirection: boolean;
}

export const ADAPT_DEFAULTS: AdaptOptions = {
  minCount: 2,
  maxNewWords: 60_000,
  tokenBudget: 4_000_000,
  maxEpochs: 8,
  learningRate: 0.025,
  subsample: 1e-4,
  collectionWeight: 0.5,
  seed: 7,
  method: 'lsa+skipgram',
  lsaDim: 128,
  lsaShare: 0.5,
  threads: 2,
  commonDirection: true,
};
