/**
 * Chooses the learned model's settings by k-fold cross-validation on the TRAINING questions
 * (knowledge/training/), never on bench/oracle's sets: each fold is trained on the other folds plus the
 * knowledge files' pseudo-questions and graded on its own questions (top-1 and top-3 of the model alone,
 * the expected component or an alternate counting). With no training questions yet, the folds are taken
 * over the pseudo-questions. Run: `npm run build && node dist/bench/oracle/learned-cv.js [--folds 5] [--grid]`.
 */
import { InvalidInputError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadTrainingQuestions } from '../../src/knowledge/training.js';
import { knowledgeTexts, questionTexts, toExamples } from '../../src/oracle/learned/examples.js';
import { PSEUDO_WEIGHT } from '../../src/oracle/learned/model-build.js';
import { probabilities } from '../../src/oracle/learned/softmax.js';
import type { Example } from '../../src/oracle/learned/train.js';
import { TRAIN_DEFAULTS, type TrainOptions, trainSoftmax } from '../../src/oracle/learned/train.js';
import { openWordSpace } from '../../src/oracle/word-space.js';
import { createStemmer } from '../../src/text/stem.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';

/** Top-1 and top-3 of a model trained on everything but one fold, over all folds. */
export function crossValidate(
  classes: readonly string[],
  graded: readonly Example[],
  always: readonly Example[],
  dim: number,
  folds: number,
  options: TrainOptions,
): { top1: number; top3: number } {
  let top1 = 0;
  let top3 = 0;
  for (let k = 0; k < folds; k++) {
    const train = [...graded.filter((_, i) => i % folds !== k), ...always];
    const model = trainSoftmax(classes, train, dim, options);
    graded.forEach((e, i) => {
      if (i % folds !== k) return;
      const p = probabilities(model, e.sparse, e.dense);
      const ranked = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
      if (e.target.has(ranked[0]!)) top1++;
      if (ranked.slice(0, 3).some((c) => e.target.has(c))) top3++;
    });
  }
  return { top1: top1 / graded.length, top3: top3 / graded.length };
}

/** A setting tried: the trainer's options and the weight of the knowledge files' pseudo-questions. */
interface Setting {
  readonly options: TrainOptions;
  readonly pseudoWeight: number;
}

function grid(): Setting[] {
  const out: Setting[] = [];
  for (const l2 of [1e-5, 1e-4])
    for (const denseScale of [0, 1, 2])
      for (const minCount of [1, 2])
        for (const pseudoWeight of [0.5, 1])
          out.push({ options: { ...TRAIN_DEFAULTS, l2, denseScale, minCount }, pseudoWeight });
  return out;
}

/** `--folds`: a whole number of folds, at least 2. */
function foldsOf(value: string): number {
  const folds = Number(value);
  if (!Number.isInteger(folds) || folds < 2)
    throw new InvalidInputError(`learned-cv: --folds "${value}" must be a whole number of at least 2`);
  return folds;
}

function main(argv: string[]): void {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      folds: { type: 'string', default: '5' },
      grid: { type: 'boolean', default: false },
    },
  });
  const folds = foldsOf(values.folds);
  const knowledge = loadKnowledge();
  const classes = knowledge.components.map((c) => c.name);
  const questions = loadTrainingQuestions(new Set(classes));
  const space = openWordSpace();
  const stemWord = createStemmer();
  const dim = space === undefined ? 0 : space.header.dims[0] + space.header.dims[1];
  const written = toExamples(questionTexts(questions), classes, space, stemWord);
  const pseudoTexts = knowledgeTexts(knowledge);
  console.log(
    `${folds}-fold over ${written.length > 0 ? `${written.length} training questions` : `${pseudoTexts.length} pseudo-questions`}`,
  );
  console.log(
    '| l2 | dense scale | epochs | rate | min count | pseudo weight | top-1 | top-3 |\n|---|---|---|---|---|---|---|---|',
  );
  const settings = values.grid ? grid() : [{ options: TRAIN_DEFAULTS, pseudoWeight: PSEUDO_WEIGHT }];
  for (const { options, pseudoWeight } of settings) {
    const pseudo = toExamples(pseudoTexts, classes, space, stemWord, pseudoWeight);
    const [graded, always] = written.length > 0 ? [written, pseudo] : [pseudo, []];
    const { top1, top3 } = crossValidate(classes, graded, always, dim, folds, options);
    const { l2, denseScale, epochs, rate, minCount } = options;
    console.log(
      `| ${l2} | ${denseScale} | ${epochs} | ${rate} | ${minCount} | ${pseudoWeight} | ${(100 * top1).toFixed(1)}% | ${(100 * top3).toFixed(1)}% |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1])
  await runBench(import.meta.filename, () => main(process.argv.slice(2)));
