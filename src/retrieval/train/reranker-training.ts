/**
 * The file reranker's training heads and fit, shared by `npm run train:models` (main.ts) and the
 * leave-package-out evaluation (bench/retrieval/lpo.ts), which records each package's heads once and fits
 * models without some packages. Keyword experts: heading questions over section files and whole pages; the
 * page expert also learns from the headings that are questions ("How do I …?"), counted `FAQ_WEIGHT`
 * times. Natural-question expert: those question headings, the questions the running text asks and the
 * written questions phrased as questions, each unit holding its `NATURAL_SHARES` of the weight (chosen on
 * dev splits, bench/RESULTS.md).
 */
import { InvalidInputError } from '../../errors.js';
import {
  FILE_FEATURE_COUNT,
  FILE_FEATURE_NAMES,
  isNaturalQuestion,
  NATURAL_FEATURES,
} from '../rerank/file-features.js';
import type { FileRerankerModel } from '../rerank/file-model.js';
import type { TranslationTable } from '../rerank/translation-table.js';
import { FAQ_WEIGHT, NATURAL_SHARES, type NaturalUnit, naturalRepeats } from './rerank-data.js';
import { LINEAR_DEFAULTS, type RankGroup, trainFileReranker } from './train-file-reranker.js';
import {
  type HeadGroup,
  type HeadRecorder,
  headChunksPerFile,
  packageCorpus,
  rankGroupOf,
  repeated,
} from './training-heads.js';
import { writtenQuestions, writtenQuestionsDir } from './written-questions.js';

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
  record: HeadRecorder,
): Promise<KeywordHeads> {
  return {
    section: await record(name, packageCorpus(name, text, 'section')),
    page: await record(name, packageCorpus(name, text, 'page')),
    faq: await record(name, packageCorpus(name, text, 'faq')),
  };
}

/**
 * A package's written questions (train/questions/) that are phrased as questions, the only ones the
 * natural-question expert scores, over its pages named by `paths`.
 */
function naturalWritten(name: string, text: string, paths: readonly string[]) {
  const { docs, questions } = writtenQuestions(name, text, writtenQuestionsDir(), paths);
  return { docs, questions: questions.filter((q) => isNaturalQuestion(q.question)) };
}

/** The natural expert's heads of one package's text, its pages named by `paths`, scored with `translation`. */
export async function recordNaturalHeads(
  name: string,
  text: string,
  paths: readonly string[],
  record: HeadRecorder,
  translation: TranslationTable,
): Promise<NaturalHeads> {
  const unit = (u: 'faq' | 'asked') => record(name, packageCorpus(name, text, u, paths), translation);
  return {
    faq: await unit('faq'),
    asked: await unit('asked'),
    written: await record(name, naturalWritten(name, text, paths), translation),
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

/** How the reranker is fitted (`npm run train:models` uses FIT_DEFAULTS). */
export interface FitOptions {
  /** Columns (FILE_FEATURE_NAMES) the natural-question expert does not read: their weight is 0. */
  readonly naturalWithout: readonly string[];
  /** L2 penalty of the natural-question expert on standardised weights (keyword experts: LINEAR_DEFAULTS). */
  readonly naturalL2: number;
  /** Each natural unit's share of the natural expert's training weight. */
  readonly naturalShares: Readonly<Record<NaturalUnit, number>>;
  /**
   * The natural units in which each answer file counts once: its questions share one question's weight
   * (the unit keeps its total). The faq and asked questions are sampled uniformly over a page's question
   * headings and sentences, so a long page that asks many questions (a FAQ page) is otherwise the answer
   * of many heads.
   */
  readonly naturalPerFile: readonly NaturalUnit[];
}

export const FIT_DEFAULTS: FitOptions = {
  naturalWithout: [],
  naturalL2: LINEAR_DEFAULTS.l2,
  naturalShares: NATURAL_SHARES,
  naturalPerFile: [],
};

/** The unit's groups, each weighted 1 or (`perFile`) by its answer files' share so each file counts once. */
function unitGroups(groups: readonly HeadGroup[], perFile: boolean): RankGroup[] {
  const answer = (g: HeadGroup) => Object.keys(g.relevant).sort().join('\n');
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(answer(g), (counts.get(answer(g)) ?? 0) + 1);
  const scale = groups.length / Math.max(counts.size, 1);
  return groups.map((g) =>
    perFile ? { ...rankGroupOf(g), weight: scale / counts.get(answer(g))! } : rankGroupOf(g),
  );
}

/** The groups with the named columns set to 0 (a column that is 0 everywhere gets weight 0). */
function without(groups: RankGroup[], names: readonly string[]): RankGroup[] {
  const dropped = new Set(
    names.map((name) => {
      const k = FILE_FEATURE_NAMES.indexOf(name as (typeof FILE_FEATURE_NAMES)[number]);
      if (k < 0) throw new InvalidInputError(`reranker fit: no feature column "${name}" to leave out`);
      return k;
    }),
  );
  if (dropped.size === 0) return groups;
  return groups.map((g) => ({
    ...g,
    rows: g.rows.map((row) => row.map((v, k) => (dropped.has(k) ? 0 : v))),
  }));
}

/** Fits the three experts and the gate on the heads (deterministic: no randomness in the fit). */
export function fitReranker(heads: TrainingHeads, options: FitOptions = FIT_DEFAULTS): FittedReranker {
  const data = (groups: HeadGroup[]) => ({
    groups: groups.map(rankGroupOf),
    multi: groups.map((g) => headChunksPerFile(g.rows)),
  });
  const { keyword, natural } = heads;
  const repeats = naturalRepeats(
    { faq: natural.faq.length, asked: natural.asked.length, written: natural.written.length },
    options.naturalShares,
  );
  const perFile = new Set(options.naturalPerFile);
  const naturalGroups = [
    ...repeated(unitGroups(natural.faq, perFile.has('faq')), repeats.faq),
    ...repeated(unitGroups(natural.asked, perFile.has('asked')), repeats.asked),
    ...repeated(unitGroups(natural.written, perFile.has('written')), repeats.written),
  ];
  const model = trainFileReranker(
    {
      section: data(keyword.section),
      page: data([...keyword.page, ...repeated(keyword.faq, FAQ_WEIGHT)]),
      natural: without(naturalGroups, options.naturalWithout),
    },
    FILE_FEATURE_COUNT,
    NATURAL_FEATURES,
    LINEAR_DEFAULTS,
    { ...LINEAR_DEFAULTS, l2: options.naturalL2 },
  );
  return { model, repeats };
}
