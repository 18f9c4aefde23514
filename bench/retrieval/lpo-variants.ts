/**
 * The reranker variants the leave-package-out evaluation (lpo.ts) can fit on a fold's heads. `shipped`
 * is the training of `npm run train:models` (train/reranker-training.ts `fitReranker`), byte for byte.
 */
import {
  type FittedReranker,
  fitReranker,
  type TrainingHeads,
} from '../../src/retrieval/train/reranker-training.js';

export interface LpoVariant {
  readonly describe: string;
  fit(heads: TrainingHeads): FittedReranker;
}

export const LPO_VARIANTS: Readonly<Record<string, LpoVariant>> = {
  shipped: { describe: 'the shipped training (fitReranker)', fit: fitReranker },
};
