/**
 * The file reranker's training heads and fit, shared by `npm run train:models` (main.ts) and the
 * leave-package-out evaluation (bench/retrieval/lpo.ts), which records each package's heads once and fits
 * models without some packages. Keyword experts: heading questions over section files and whole pages; the
 * page expert also learns from the headings that are questions ("How do I …?"), counted `FAQ_WEIGHT`
 * times. Natural-question expert: those question headings, the questions the running text asks and the
 * written questions phrased as questions, each unit holding its `NATURAL_SHARES` of the weight (chosen on
 * dev splits, bench/RESULTS.md).
 */
import { FILE_FEATURE_COUNT, isNaturalQuestion, NATURAL_FEATURES } from '../rerank/file-features.js';
import type { FileRerankerModel } from '../rerank/file-model.js';
import type { TranslationTable } from '../rerank/translation-table.js';
import { FAQ_WEIGHT, type NaturalUnit, naturalRepeats } from './rerank-data.js';
import { trainFileReranker } from './train-file-reranker.js';
import {
  corpusHeads,
  type EmbedderFor,
  type HeadGroup,
  headChunksPerFile,
  packageHeads,
  rankGroupOf,
  repeated,
  TRAINING_FUSION,
} from './training-heads.js';
import { WRITTEN_QUESTIONS_DIR, writtenQuestions } from './written-questions.js';

/** The keyword experts' heads of one or more packages (their files named `PACKAGE/pN.md`). */
export interface KeywordHeads {
  readonly section: HeadGroup[];
  readonly page: HeadGroup[];
  readonly faq: HeadGroup[];
}

/** The natural-question expert's heads (pages named by their html paths, with the translation column). */
export type NaturalHeads = Record<NaturalUnit, HeadGroup[]>;

/** Heads of every training unit. */
export interface TrainingHeads {
  readonly keyword: KeywordHeads;
  readonly natural: NaturalHeads;
}

/** The keyword experts' heads of one package's text; they do not depend on the translation table. */
export async function recordKeywordHeads(
  name: string,
  text: string,
  embedderFor: EmbedderFor,
): Promise<KeywordHeads> {
  return {
    section: await packageHeads(name, text, embedderFor, 'section'),
    page: await packageHeads(name, text, embedderFor, 'page'),
    faq: await packageHeads(name, text, embedderFor, 'faq'),
  };
}

/**
 * A package's written questions (train/questions/) that are phrased as questions, the only ones the
 * natural-question expert scores, over its pages named by `paths`.
 */
function naturalWritten(name: string, text: string, paths: readonly string[]) {
  const { docs, questions } = writtenQuestions(name, text, WRITTEN_QUESTIONS_DIR, paths);
  return { docs, questions: questions.filter((q) => isNaturalQuestion(q.question)) };
}

/** The natural expert's heads of one package's text, its pages named by `paths`, scored with `translation`. */
export async function recordNaturalHeads(
  name: string,
  text: string,
  paths: readonly string[],
  embedderFor: EmbedderFor,
  translation: TranslationTable,
): Promise<NaturalHeads> {
  const unit = (u: 'faq' | 'asked') =>
    packageHeads(name, text, embedderFor, u, TRAINING_FUSION, paths, translation);
  const written = naturalWritten(name, text, paths);
  return {
    faq: await unit('faq'),
    asked: await unit('asked'),
    written: await corpusHeads(name, written, embedderFor, TRAINING_FUSION, translation),
  };
}

/** The heads of several packages as one set, unit by unit, in the order given. */
export function combineHeads(parts: readonly TrainingHeads[]): TrainingHeads {
  const all = <T>(pick: (part: TrainingHeads) => T[]) => parts.flatMap(pick);
  return {
    keyword: {
      section: all((p) => p.keyword.section),
      page: all((p) => p.keyword.page),
      faq: all((p) => p.keyword.faq),
    },
    natural: {
      faq: all((p) => p.natural.faq),
      asked: all((p) => p.natural.asked),
      written: all((p) => p.natural.written),
    },
  };
}

/** The fitted reranker and how many times each natural unit's heads were counted. */
export interface FittedReranker {
  readonly model: FileRerankerModel;
  readonly repeats: Record<NaturalUnit, number>;
}

/** Fits the three experts and the gate on the heads (deterministic: no randomness in the fit). */
export function fitReranker(heads: TrainingHeads): FittedReranker {
  const data = (groups: HeadGroup[]) => ({
    groups: groups.map(rankGroupOf),
    multi: groups.map((g) => headChunksPerFile(g.rows)),
  });
  const { keyword, natural } = heads;
  const repeats = naturalRepeats({
    faq: natural.faq.length,
    asked: natural.asked.length,
    written: natural.written.length,
  });
  const naturalGroups = [
    ...repeated(natural.faq, repeats.faq),
    ...repeated(natural.asked, repeats.asked),
    ...repeated(natural.written, repeats.written),
  ].map(rankGroupOf);
  const model = trainFileReranker(
    {
      section: data(keyword.section),
      page: data([...keyword.page, ...repeated(keyword.faq, FAQ_WEIGHT)]),
      natural: naturalGroups,
    },
    FILE_FEATURE_COUNT,
    NATURAL_FEATURES,
  );
  return { model, repeats };
}
