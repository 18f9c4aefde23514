/**
 * RM3 pseudo-relevance feedback (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the first sparse pass's
 * best chunks stand in for relevant ones. Their term distribution, each chunk weighted by its normalised
 * first-pass score, gives a relevance model P(w|R); its top terms, renormalised, are mixed with the
 * question's own term distribution, and the mixture is searched again as a weighted query. Pure: terms are
 * grouped by stem (src/text) and carried as the word form the feedback used most, which either engine
 * stems again the way it indexed.
 */
import { contentWords } from '../../text/analyze.js';
import { WINK_PORTER2 } from '../../text/stemmers.js';

/** How the feedback is taken and mixed. */
export interface Rm3Settings {
  /** First-pass chunks read as feedback. */
  readonly feedbackChunks: number;
  /** Terms kept from the relevance model. */
  readonly terms: number;
  /** Weight of the question's own terms in the mixture; the relevance model gets the rest. */
  readonly questionWeight: number;
}

/** One term of a weighted query: a word either engine stems, and its weight. */
export interface WeightedWord {
  readonly word: string;
  readonly weight: number;
}

/** A feedback chunk's text (headings and body) and its first-pass score. */
export interface FeedbackText {
  readonly text: string;
  readonly score: number;
}

/** The expanded query and what feedback added to the question. */
export interface Rm3Expansion {
  /** Every term of the mixture, heaviest first; weights sum to 1. */
  readonly query: readonly WeightedWord[];
  /** The terms that are not the question's own, with their weights in the mixture. */
  readonly added: readonly WeightedWord[];
}

interface TermCounts {
  readonly counts: Map<string, number>;
  readonly total: number;
}

/** Feedback terms worth adding: at least two characters and not a bare number (line numbers, versions). */
function usable(word: string): boolean {
  return word.length >= 2 && !/^\d+$/.test(word);
}

function countStems(words: readonly string[], forms: Map<string, Map<string, number>>): TermCounts {
  const counts = new Map<string, number>();
  for (const word of words) {
    const stem = WINK_PORTER2.stem(word);
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
    const seen = forms.get(stem) ?? new Map<string, number>();
    seen.set(word, (seen.get(word) ?? 0) + 1);
    forms.set(stem, seen);
  }
  return { counts, total: words.length };
}

/** The form of a stem used most often (ties: the alphabetically first), what the weighted query carries. */
function commonForm(forms: ReadonlyMap<string, number>): string {
  return [...forms].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0];
}

/** Feedback weights: scores shifted to be non-negative and normalised; equal when they carry no signal. */
function feedbackWeights(scores: readonly number[]): number[] {
  const low = Math.min(0, ...scores);
  const shifted = scores.map((score) => score - low);
  const total = shifted.reduce((sum, value) => sum + value, 0);
  return total > 0 ? shifted.map((value) => value / total) : scores.map(() => 1 / scores.length);
}

const byWeight = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The RM3 query of a question given its feedback (best first; only the first `feedbackChunks` are read).
 * Without feedback or usable feedback terms, the query is the question's terms alone.
 */
export function rm3Expansion(
  question: string,
  feedback: readonly FeedbackText[],
  settings: Rm3Settings,
): Rm3Expansion {
  const forms = new Map<string, Map<string, number>>();
  const asked = countStems(contentWords(question), forms);
  const read = feedback.slice(0, settings.feedbackChunks);
  const weights = feedbackWeights(read.map((item) => item.score));
  const relevance = new Map<string, number>();
  read.forEach((item, i) => {
    const doc = countStems(contentWords(item.text).filter(usable), forms);
    if (doc.total === 0) return;
    for (const [stem, count] of doc.counts)
      relevance.set(stem, (relevance.get(stem) ?? 0) + (weights[i]! * count) / doc.total);
  });
  const top = [...relevance].sort(byWeight).slice(0, settings.terms);
  const topTotal = top.reduce((sum, [, value]) => sum + value, 0);
  const questionShare = top.length === 0 || topTotal === 0 ? 1 : settings.questionWeight;
  const mixture = new Map<string, number>();
  for (const [stem, count] of asked.counts) mixture.set(stem, (questionShare * count) / asked.total);
  if (questionShare < 1)
    for (const [stem, value] of top)
      mixture.set(stem, (mixture.get(stem) ?? 0) + ((1 - questionShare) * value) / topTotal);
  const query = [...mixture]
    .filter(([, weight]) => weight > 0)
    .sort(byWeight)
    .map(([stem, weight]) => ({
      word: commonForm(forms.get(stem)!),
      weight,
    }));
  const own = new Set(asked.counts.keys());
  const added = query.filter((term) => !own.has(WINK_PORTER2.stem(term.word)));
  return { query, added };
}

/** Repetitions per unit of weight when a weighted query is searched (a term of weight 0.0125 or less drops out). */
export const WEIGHTED_QUERY_RESOLUTION = 40;

/**
 * The words of a weighted query as the engines take it: each word repeated in proportion to its weight
 * (both wink and FTS5 add a term's score once per occurrence in the query), `resolution` repetitions per
 * unit of weight, rounded; terms that round to none are left out, but the heaviest term always stays.
 */
export function repeatedWords(query: readonly WeightedWord[], resolution: number): string[] {
  const words = query.flatMap((term) => Array<string>(Math.round(term.weight * resolution)).fill(term.word));
  return words.length > 0 || query.length === 0 ? words : [query[0]!.word];
}
