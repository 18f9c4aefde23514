/**
 * Builds reranker training groups from documentation sections — the heading is the question, its section
 * body the positive, BM25's best other sections the hard negatives — and trains the scoring MLP. A
 * candidate never shows its own heading (that would give the answer away), only its parents.
 */
import { tokenizeForModel } from '../embed-tokens.js';
import { type FeatureVocabulary, pairFeatures, questionTerms } from '../rerank-features.js';
import type { MlpWeights } from '../rerank-knrm.js';
import { MLP_DEFAULTS, scoreRow, type TrainingGroup, trainMlp } from './mlp.js';
import { createRng } from './rng.js';
import { Bm25Lite, type Section } from './sections.js';

/** How many questions and negatives to train on. */
export interface RerankerTrainingOptions {
  readonly questions: number;
  readonly negatives: number;
  readonly heldOutShare: number;
  readonly seed: number;
}

export const RERANKER_TRAINING_DEFAULTS: RerankerTrainingOptions = {
  questions: 6000,
  negatives: 15,
  heldOutShare: 0.1,
  seed: 11,
};

/** A heading that reads like a question topic: 2–12 words, mostly letters, not a bare identifier. */
export function usableHeading(heading: string): boolean {
  const words = heading.split(/\s+/).filter((w) => w.length > 0);
  if (words.length < 2 || words.length > 12) return false;
  return /^[A-Za-z][A-Za-z ,'()-]+$/.test(heading) && tokenizeForModel(heading).length >= 2;
}

/** The section as a chunk would look: parents as headings, its page title as a file name. */
function candidate(section: Section) {
  const title = section.parents[0] ?? section.heading;
  const source = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.html`;
  return { text: section.body, headings: section.parents, source };
}

/** Training groups (positive first) for sampled sections. */
export function buildGroups(
  sections: readonly Section[],
  vocab: FeatureVocabulary,
  options: RerankerTrainingOptions,
  log: (line: string) => void,
): TrainingGroup[] {
  const index = new Bm25Lite();
  for (const section of sections) index.add(tokenizeForModel(section.body));
  const rng = createRng(options.seed);
  const usable = sections.map((s, i) => [s, i] as const).filter(([s]) => usableHeading(s.heading));
  const groups: TrainingGroup[] = [];
  const tries = Math.min(usable.length, options.questions * 3);
  for (let t = 0; t < tries && groups.length < options.questions; t++) {
    const [section, at] = usable[rng.int(usable.length)]!;
    const terms = questionTerms(section.heading, vocab);
    if (terms.length === 0) continue;
    const negatives = index
      .search(section.heading, options.negatives + 1)
      .filter((doc) => doc !== at && sections[doc]!.heading !== section.heading)
      .slice(0, options.negatives);
    if (negatives.length < 3) continue;
    const rows = [section, ...negatives.map((doc) => sections[doc]!)].map((s) =>
      pairFeatures(terms, candidate(s), vocab),
    );
    groups.push({ rows });
    if (groups.length % 1000 === 0) log(`reranker: ${groups.length} training questions`);
  }
  return groups;
}

/** Mean reciprocal rank of the positive within each group under a scoring function. */
export function groupMrr(
  groups: readonly TrainingGroup[],
  score: (row: readonly number[]) => number,
): number {
  let sum = 0;
  for (const g of groups) {
    const scores = g.rows.map(score);
    const better = scores.filter((s, i) => i > 0 && s > scores[0]!).length;
    sum += 1 / (1 + better);
  }
  return sum / Math.max(groups.length, 1);
}

/** Trains on all but a held-out share and reports held-out MRR against BM25 of the body alone. */
export function trainReranker(
  groups: readonly TrainingGroup[],
  width: number,
  bm25Feature: number,
  options: RerankerTrainingOptions,
  log: (line: string) => void,
): { weights: MlpWeights; heldOut: { questions: number; mrr: number; bm25Mrr: number } } {
  const cut = Math.floor(groups.length * (1 - options.heldOutShare));
  const weights = trainMlp(groups.slice(0, cut), width, MLP_DEFAULTS);
  const test = groups.slice(cut);
  const heldOut = {
    questions: test.length,
    mrr: groupMrr(test, (row) => scoreRow(weights, row)),
    bm25Mrr: groupMrr(test, (row) => row[bm25Feature]!),
  };
  log(`reranker: held-out MRR ${heldOut.mrr.toFixed(3)} (BM25 body alone ${heldOut.bm25Mrr.toFixed(3)})`);
  return { weights, heldOut };
}
