/**
 * What the learned model reads a question as: the probability of each component answering it (softmax.ts
 * over features.ts). The meaning vector is used only when the model gives it weight and was trained with
 * the same word vectors file the question is read with; otherwise the stems alone decide.
 */
import type { Token } from '../../text/tokenize.js';
import type { WordSpace } from '../word-space.js';
import { questionFeatures } from './features.js';
import type { LearnedModel } from './model-file.js';
import { probabilities } from './softmax.js';

/** A component and the model's probability that it answers the question. */
export interface LearnedMatch {
  readonly component: string;
  readonly probability: number;
}

/** Every component with its probability, most probable first (ties by name). */
export function learnedTopics(
  model: LearnedModel,
  words: WordSpace | undefined,
  tokens: readonly Token[],
): LearnedMatch[] {
  const reads = model.denseScale > 0 && words !== undefined && words.header.key === model.header.wordsKey;
  const space = reads ? words : undefined;
  const { sparse, dense } = questionFeatures(tokens, space);
  const p = probabilities(model, sparse, dense);
  return model.classes
    .map((component, c) => ({ component, probability: p[c]! }))
    .sort((a, b) => b.probability - a.probability || a.component.localeCompare(b.component));
}
