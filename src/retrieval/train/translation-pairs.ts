/**
 * Training pairs of the reranker's translation table (translation-model.ts), from one training package:
 * each question with the text of the file that answers it — the written questions (train/questions/)
 * with their pages, the question headings and the questions running text asks (rerank-data.ts `faq` and
 * `asked` units) with their pages, and distinctive section headings with their sections' text.
 */
import { createAnalyzer } from '../../text/analyze.js';
import {
  askedQuestions,
  type CorpusDoc,
  headingQuestions,
  type JudgedQuestion,
  TRAINING_LIMITS,
} from './rerank-data.js';
import type { TranslationPair } from './translation-model.js';
import { writtenQuestions, writtenQuestionsDir } from './written-questions.js';

/** Pairs of one question corpus: every question with the text of each file judged relevant. */
function pairsOf(
  corpus: { docs: readonly CorpusDoc[]; questions: readonly JudgedQuestion[] },
  stem: Analyzer,
) {
  const texts = new Map(corpus.docs.map((doc) => [doc.path, doc.text]));
  return corpus.questions.flatMap((q) =>
    Object.keys(q.relevant).flatMap((path) => {
      const text = texts.get(path);
      return text === undefined ? [] : [{ question: stem(q.question), answer: stem(text) }];
    }),
  );
}

type Analyzer = (text: string) => string[];

/** One stemmer for every package of a training run (its stem cache is shared). */
export function createPairAnalyzer(): Analyzer {
  return createAnalyzer();
}

/**
 * How many heading → section pairs a package gives at most, and from how many bytes of its pages (more
 * than the reranker's own heading questions: Model 1 needs many pairs).
 */
export const SECTION_PAIR_LIMITS = { maxQuestions: 5000, maxBytes: 20_000_000 } as const;

/**
 * The translation pairs of one package's text (pages separated by form feeds): written questions,
 * question headings and asked questions as the reranker's training samples them (`TRAINING_LIMITS`),
 * and heading → section pairs up to `SECTION_PAIR_LIMITS` (seed `TRAINING_LIMITS.seed`).
 */
export function packagePairs(
  name: string,
  text: string,
  stem: Analyzer,
  questionsDir: string = writtenQuestionsDir(),
): TranslationPair[] {
  return [
    ...pairsOf(writtenQuestions(name, text, questionsDir), stem),
    ...pairsOf(headingQuestions(name, text, { ...TRAINING_LIMITS, unit: 'faq' }), stem),
    ...pairsOf(askedQuestions(name, text, TRAINING_LIMITS), stem),
    ...pairsOf(
      headingQuestions(name, text, { ...TRAINING_LIMITS, ...SECTION_PAIR_LIMITS, unit: 'section' }),
      stem,
    ),
  ];
}
