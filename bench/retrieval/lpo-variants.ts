/**
 * The reranker variants the leave-package-out evaluation (lpo.ts) fits on each fold's heads, each a change
 * of the shipped fit options (train/reranker-training.ts FIT_DEFAULTS, what `npm run train:models` uses).
 * Chosen from the shipped model's LPO figures (bench/RESULTS.md, s7-lpo): the natural expert's raw weights
 * change sign between folds on correlated columns (fused_rel, title_coverage, bigrams), so `natural-l2`
 * regularises it ten times more; the translation column was learnt from a table that saw the training
 * questions, so `no-translation` leaves it out; the written questions are the natural questions most like a
 * user's, so `written-half` gives them half of the expert's weight (0.30 shipped).
 * `no-file-chars` (s11-rerank) leaves out the length column, which puts short prose pages over long API pages.
 */
import {
  FIT_DEFAULTS,
  type FitOptions,
  type FittedReranker,
  fitReranker,
  type TrainingHeads,
} from '../../src/retrieval/train/reranker-training.js';

export interface LpoVariant {
  readonly describe: string;
  readonly options: FitOptions;
}

export const LPO_VARIANTS: Readonly<Record<string, LpoVariant>> = {
  shipped: { describe: 'the shipped fit (FIT_DEFAULTS)', options: FIT_DEFAULTS },
  'no-translation': {
    describe: 'natural expert without the translation column',
    options: { ...FIT_DEFAULTS, naturalWithout: ['translation'] },
  },
  'no-file-chars': {
    describe: 'natural expert without the file_chars column (file length)',
    options: { ...FIT_DEFAULTS, naturalWithout: ['file_chars'] },
  },
  'natural-l2': {
    describe: 'natural expert with L2 1e-2 (shipped 1e-3)',
    options: { ...FIT_DEFAULTS, naturalL2: 1e-2 },
  },
  'per-file': {
    describe: 'natural expert with each answer file counted once per unit (its questions share one weight)',
    options: { ...FIT_DEFAULTS, naturalPerFile: ['faq', 'asked', 'written'] },
  },
  'per-file-sampled': {
    describe:
      'natural expert with each answer file counted once in the faq and asked units (sampled from the pages)',
    options: { ...FIT_DEFAULTS, naturalPerFile: ['faq', 'asked'] },
  },
  'written-half': {
    describe: 'natural expert shares faq 0.17 / asked 0.33 / written 0.50 (shipped 0.24 / 0.46 / 0.30)',
    options: { ...FIT_DEFAULTS, naturalShares: { faq: 0.17, asked: 0.33, written: 0.5 } },
  },
};

/** Fits a variant on a fold's heads. */
export function fitVariant(name: string, heads: TrainingHeads): FittedReranker {
  return fitReranker(heads, LPO_VARIANTS[name]!.options);
}
