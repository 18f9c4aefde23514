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
  /** First-stage depth the positive must reach to be used (the search pipeline reranks about this many). */
  readonly candidatePool: number;
  readonly heldOutShare: number;
  readonly seed: number;
  /** Share of questions made from a section's first sentence (the rest are its heading). */
  readonly sentenceShare: number;
}

export const RERANKER_TRAINING_DEFAULTS: RerankerTrainingOptions = {
  questions: 6000,
  negatives: 15,
  candidatePool: 30,
  heldOutShare: 0.1,
  seed: 11,
  sentenceShare: 0.5,
};

/** A heading that reads like a question topic: 2–12 words, mostly letters, not a bare identifier. */
export function usableHeading(heading: string): boolean {
  const words = heading.split(/\s+/).filter((w) => w.length > 0);
  if (words.length < 2 || words.length > 12) return false;
  return /^[A-Za-z][A-Za-z ,'()-]+$/.test(heading) && tokenizeForModel(heading).length >= 2;
}

/** The section as a chunk would look: its heading path (own heading only if shown), page title as file name. */
function candidate(section: Section, showHeading: boolean, body = section.body) {
  const title = section.parents[0] ?? section.heading;
  const source = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.html`;
  const headings = showHeading ? [...section.parents, section.heading] : section.parents;
  return { text: body, headings, source };
}

/** A question made from a section: its heading, or the first sentence of its body (then cut from it). */
interface TrainingQuestion {
  readonly question: string;
  readonly showHeading: boolean;
  readonly positiveBody: string;
}

const SENTENCE = /^(.{20,200}?[.?!])\s/s;

/** Alternates heading questions (headings hidden) and first-sentence questions (headings shown). */
function makeQuestion(section: Section, useSentence: boolean): TrainingQuestion | null {
  if (!useSentence) {
    return usableHeading(section.heading)
      ? { question: section.heading, showHeading: false, positiveBody: section.body }
      : null;
  }
  const match = SENTENCE.exec(section.body);
  if (match === null) return null;
  const sentence = match[1]!.replace(/\s+/g, ' ');
  const words = sentence.split(' ').length;
  if (words < 5 || words > 25 || !/^[A-Z]/.test(sentence)) return null;
  const rest = section.body.slice(match[0].length).trim();
  return rest.length < 150 ? null : { question: sentence, showHeading: true, positiveBody: rest };
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
  const groups: TrainingGroup[] = [];
  const tries = Math.min(sections.length * 2, options.questions * 6);
  for (let t = 0; t < tries && groups.length < options.questions; t++) {
    const at = rng.int(sections.length);
    const section = sections[at]!;
    const made = makeQuestion(section, rng.next() < options.sentenceShare);
    if (made === null) continue;
    const terms = questionTerms(made.question, vocab);
    if (terms.length === 0) continue;
    // As at search time, the positive must be among the first stage's candidates; otherwise BM25's
    // best hits would all out-match it lexically and the model would learn to distrust word overlap.
    const hits = index.search(made.question, options.candidatePool);
    if (!hits.includes(at)) continue;
    const negatives = hits
      .filter((doc) => doc !== at && sections[doc]!.heading !== section.heading)
      .slice(0, options.negatives);
    if (negatives.length < 3) continue;
    const rows = [
      pairFeatures(terms, candidate(section, made.showHeading, made.positiveBody), vocab),
      ...negatives.map((doc) => pairFeatures(terms, candidate(sections[doc]!, made.showHeading), vocab)),
    ];
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
    // Ties count half: a model that gives every candidate the same score must not look perfect.
    let better = 0;
    for (let i = 1; i < scores.length; i++)
      better += scores[i]! > scores[0]! ? 1 : scores[i] === scores[0] ? 0.5 : 0;
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
