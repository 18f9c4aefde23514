/**
 * Word translation probabilities t(q | w) from (question, answer) pairs: IBM Model 1 (Brown et al. 1993)
 * trained by EM, the answer's words plus a NULL word as the source and the question's words as the
 * target, as the translation language model of retrieval uses it (Berger & Lafferty 1999): a question
 * word is "explained" by the answer's words. Both sides are stems (text/analyze.ts), the analysis the
 * reranker's features use. No randomness: the same pairs give the same table.
 */
import type { TranslationRows } from '../rerank/translation-table.js';

/** A question and the text that answers it, both as stems. */
export interface TranslationPair {
  readonly question: readonly string[];
  readonly answer: readonly string[];
}

export interface TranslationOptions {
  /** EM iterations from uniform probabilities. */
  readonly iterations: number;
  /** The answer's source words: its `answerWords` distinct stems of highest tf · idf (idf over the answers). */
  readonly answerWords: number;
  /** A stem is a word of the model only when it occurs in at least this many questions (answers). */
  readonly minPairs: number;
  /** Per question stem, at most this many answer stems are kept … */
  readonly topK: number;
  /** … among those w that explained q at least this many times in the pairs (expected alignments). */
  readonly minAlignments: number;
  /** Share of each row given to the stem itself, t'(q | w) = (1 − s) t(q | w) + s [q = w]. */
  readonly selfMass: number;
  /**
   * Pseudo-alignments spread evenly over the question stems of every answer stem in each M step (add-n
   * smoothing, Moore 2004): a rare answer word no longer gives all its mass to the few questions beside
   * it (the "garbage collector" effect of Model 1).
   */
  readonly priorMass: number;
}

export const TRANSLATION_DEFAULTS: TranslationOptions = {
  iterations: 8,
  answerWords: 60,
  minPairs: 2,
  topK: 24,
  minAlignments: 0.5,
  selfMass: 0.5,
  priorMass: 10,
};

function pairCounts(pairs: readonly TranslationPair[], side: 'question' | 'answer'): Map<string, number> {
  const df = new Map<string, number>();
  for (const pair of pairs) for (const s of new Set(pair[side])) df.set(s, (df.get(s) ?? 0) + 1);
  return df;
}

/** An answer's source words (id, count): its `answerWords` stems of highest tf · idf that are model words. */
function answerBag(
  answer: readonly string[],
  df: ReadonlyMap<string, number>,
  n: number,
  keep: number,
  min: number,
) {
  const tf = new Map<string, number>();
  for (const s of answer) if ((df.get(s) ?? 0) >= min) tf.set(s, (tf.get(s) ?? 0) + 1);
  return [...tf]
    .map(([s, c]) => ({ s, c, score: c * Math.log(n / df.get(s)!) }))
    .sort((a, b) => b.score - a.score || (a.s < b.s ? -1 : 1))
    .slice(0, keep);
}

/** The pairs as cells of the (question stem, answer stem) table; cell `w` = NULL is source 0. */
interface Layout {
  readonly questions: string[];
  readonly answers: string[];
  /** Per cell, its source (answer stem id; 0 = NULL) and target (question stem id). */
  readonly source: number[];
  readonly target: number[];
  /** Per pair: per question stem, the run of [cell, weight] of its sources. */
  readonly pairs: Array<Array<{ cells: Int32Array; weights: Float64Array }>>;
}

function layoutOf(pairs: readonly TranslationPair[], options: TranslationOptions): Layout {
  const qdf = pairCounts(pairs, 'question');
  const adf = pairCounts(pairs, 'answer');
  const questions: string[] = [];
  const answers: string[] = ['\u0000'];
  const qIds = new Map<string, number>();
  const aIds = new Map<string, number>();
  const cells = new Map<number, number>();
  const source: number[] = [];
  const target: number[] = [];
  const cellOf = (q: number, w: number) => {
    const key = q * 1_048_576 + w;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = source.length;
      cells.set(key, cell);
      source.push(w);
      target.push(q);
    }
    return cell;
  };
  const idOf = (ids: Map<string, number>, list: string[], s: string) => {
    if (!ids.has(s)) ids.set(s, list.push(s) - 1);
    return ids.get(s)!;
  };
  const laid = pairs.map((pair) => {
    const bag = answerBag(pair.answer, adf, pairs.length, options.answerWords, options.minPairs);
    const ws = [0, ...bag.map((b) => idOf(aIds, answers, b.s))];
    const weights = Float64Array.from([1, ...bag.map((b) => b.c)]);
    const qs = [...new Set(pair.question)].filter((s) => (qdf.get(s) ?? 0) >= options.minPairs);
    return qs.map((s) => {
      const q = idOf(qIds, questions, s);
      return { cells: Int32Array.from(ws, (w) => cellOf(q, w)), weights };
    });
  });
  return { questions, answers, source, target, pairs: laid };
}

/**
 * EM for IBM Model 1: t(q | w) per cell, normalised over q for each source w, and the expected
 * alignment counts of the last E step (how often q was explained by w in the pairs).
 */
function expectationMaximisation(
  layout: Layout,
  iterations: number,
  priorMass: number,
): { t: Float64Array; counts: Float64Array } {
  const prior = priorMass / Math.max(layout.questions.length, 1);
  const t = new Float64Array(layout.source.length).fill(1 / Math.max(layout.questions.length, 1));
  const counts = new Float64Array(t.length);
  const totals = new Float64Array(layout.answers.length);
  for (let it = 0; it < iterations; it++) {
    counts.fill(0);
    for (const pair of layout.pairs)
      for (const { cells, weights } of pair) {
        let denominator = 0;
        for (let j = 0; j < cells.length; j++) denominator += weights[j]! * t[cells[j]!]!;
        if (denominator <= 0) continue;
        for (let j = 0; j < cells.length; j++)
          counts[cells[j]!]! += (weights[j]! * t[cells[j]!]!) / denominator;
      }
    totals.fill(0);
    for (let c = 0; c < counts.length; c++) totals[layout.source[c]!]! += counts[c]!;
    for (let c = 0; c < counts.length; c++) {
      const total = totals[layout.source[c]!]! + priorMass;
      t[c] = total > 0 ? (counts[c]! + prior) / total : 0;
    }
  }
  return { t, counts };
}

/**
 * Trains the table and prunes it: per question stem, the `topK` answer stems (NULL aside) of highest
 * t(q | w) among those that explained it at least `minAlignments` times in the pairs, and `selfMass` of
 * the row given to the stem itself.
 */
export function trainTranslation(
  pairs: readonly TranslationPair[],
  options: TranslationOptions = TRANSLATION_DEFAULTS,
): TranslationRows {
  const layout = layoutOf(pairs, options);
  const { t, counts } = expectationMaximisation(layout, options.iterations, options.priorMass);
  const byQuestion = layout.questions.map(() => [] as Array<{ w: string; t: number; n: number }>);
  for (let c = 0; c < t.length; c++) {
    const w = layout.source[c]!;
    if (w !== 0 && counts[c]! >= options.minAlignments)
      byQuestion[layout.target[c]!]!.push({ w: layout.answers[w]!, t: t[c]!, n: counts[c]! });
  }
  const rows: TranslationRows = new Map();
  const order = layout.questions.map((q, i) => [q, i] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [q, i] of order) {
    const kept = byQuestion[i]!.sort((a, b) => b.t - a.t || (a.w < b.w ? -1 : 1))
      .slice(0, options.topK)
      .map((e) => [e.w, e.t] as [string, number]);
    rows.set(q, withSelf(q, kept, options.selfMass));
  }
  return rows;
}

/** A row with `self` of its mass moved to the stem itself. */
function withSelf(
  q: string,
  row: ReadonlyArray<readonly [string, number]>,
  self: number,
): Array<[string, number]> {
  const out: Array<[string, number]> = row.map(([w, p]) => [w, (1 - self) * p + (w === q ? self : 0)]);
  if (self > 0 && !row.some(([w]) => w === q)) out.push([q, self]);
  return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
