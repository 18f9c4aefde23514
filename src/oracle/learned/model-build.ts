/**
 * Build step (`npm run build` runs it after the word vectors file): trains the oracle's question →
 * component model (train.ts) on the training questions and the knowledge files' texts and writes
 * dist/oracle-model.bin (model-file.ts). Deterministic: the same inputs give the same bytes.
 */
import { createHash } from 'node:crypto';
import { loadKnowledge } from '../../knowledge/load.js';
import type { Knowledge } from '../../knowledge/schema.js';
import { loadTrainingQuestions, type TrainingQuestion } from '../../knowledge/training.js';
import { writeAtomic } from '../../retrieval/dense/model-files.js';
import { createStemmer } from '../../text/stem.js';
import { openWordSpace, type WordSpace } from '../word-space.js';
import { knowledgeTexts, questionTexts, toExamples } from './examples.js';
import { defaultModelPath, FEATURE_BYTES, type ModelHeader, recordBytes } from './model-file.js';
import { TRAIN_DEFAULTS, type TrainedModel, type TrainOptions, trainSoftmax } from './train.js';

/** How much a pseudo-question from the knowledge files counts against a written training question. */
export const PSEUDO_WEIGHT = 1;

/** The model's file bytes: header line, biases, dense weights, sorted feature records. */
export function modelBytes(model: TrainedModel, wordsKey: string | null): Buffer {
  const C = model.classes.length;
  const head = Buffer.alloc(4 * C * (1 + model.dim));
  for (let c = 0; c < C; c++) head.writeFloatLE(model.bias[c]!, 4 * c);
  for (let k = 0; k < C * model.dim; k++) head.writeFloatLE(model.dense[k]!, 4 * (C + k));
  const size = recordBytes(C);
  const records = Buffer.alloc(model.features.length * size);
  for (const [f, feature] of model.features.entries()) {
    records.write(feature, f * size, FEATURE_BYTES, 'utf8');
    for (let c = 0; c < C; c++)
      records.writeFloatLE(model.weights[f * C + c]!, f * size + FEATURE_BYTES + 4 * c);
  }
  const body = Buffer.concat([head, records]);
  const header: ModelHeader = {
    key: createHash('sha256').update(body).digest('hex').slice(0, 16),
    classes: [...model.classes],
    features: model.features.length,
    dim: model.dim,
    denseScale: model.denseScale,
    wordsKey,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

/** Trains on the training questions (weight 1) and the knowledge files' texts (PSEUDO_WEIGHT). */
export function trainOracleModel(
  knowledge: Knowledge,
  questions: readonly TrainingQuestion[],
  space: WordSpace | undefined,
  options: TrainOptions = TRAIN_DEFAULTS,
): TrainedModel {
  const classes = knowledge.components.map((c) => c.name);
  const stemWord = createStemmer();
  // Without weight on the meaning vector the questions are not pooled and the file holds no dense block.
  const pooled = options.denseScale > 0 ? space : undefined;
  const examples = [
    ...toExamples(questionTexts(questions), classes, pooled, stemWord),
    ...toExamples(knowledgeTexts(knowledge), classes, pooled, stemWord, PSEUDO_WEIGHT),
  ];
  const dim = pooled === undefined ? 0 : pooled.header.dims[0] + pooled.header.dims[1];
  return trainSoftmax(classes, examples, dim, options);
}

/**
 * Trains the shipped model from knowledge/ (with knowledge/training/) and the word vectors file the build
 * wrote before it, and writes it; returns the path.
 */
export function writeOracleModel(path = defaultModelPath()): string {
  const knowledge = loadKnowledge();
  const questions = loadTrainingQuestions(new Set(knowledge.components.map((c) => c.name)));
  const space = openWordSpace();
  const model = trainOracleModel(knowledge, questions, space);
  writeAtomic(path, modelBytes(model, space?.header.key ?? null));
  return path;
}
