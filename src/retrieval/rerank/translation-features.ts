/**
 * The reranker's translation column: the log-likelihood of the question under each file's translation
 * language model (Berger & Lafferty 1999), p(q | D) = Π over question stems q of
 * (Σ_w t(q | w) c(w, D) + μ p(q | C)) / (|D| + μ), with D the file's pooled chunks, t the shipped IBM
 * Model 1 table (translation-table.ts) and C the whole head (Dirichlet smoothing, Zhai & Lafferty 2001);
 * a z-score within the head, so it carries across collections. The background p(q | C) holds one
 * pseudo-occurrence of each of the head's words (add-one): estimated from the head's counts alone, a stem
 * that one file explains, however weakly (a single translation of an ordinary question word), made that
 * file log(1 + |C| / μ) likelier, about 3 nats in a head of 6,000 words, whatever the file's evidence.
 */
import type { FileWords, HeadWords } from './soft-features.js';
import type { TranslationRows, TranslationTable } from './translation-table.js';

/** Dirichlet prior of the file models, in words. */
export const TRANSLATION_MU = 300;

/** Per stem of the head: the question stems it translates into, with t(q | w). */
function targetsOf(qStems: readonly string[], rows: TranslationRows): Map<string, Array<[number, number]>> {
  const targets = new Map<string, Array<[number, number]>>();
  qStems.forEach((q, i) => {
    for (const [w, p] of rows.get(q) ?? [[q, 1] as [string, number]])
      targets.set(w, [...(targets.get(w) ?? []), [i, p]]);
  });
  return targets;
}

/** z-scores of values; zeros when they do not vary. */
function zScores(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(values.length, 1));
  return values.map((v) => (std > 1e-12 ? (v - mean) / std : 0));
}

/**
 * Per file, the z-scored translation log-likelihood of the question's distinct stems `qStems` (a stem
 * without a row in the table translates only into itself). `stem` stems a word of the head; only words
 * whose first three letters begin some translation are stemmed. Stems no file of the head explains are
 * left out (no file's evidence tells them apart).
 */
export function translationColumn(
  qStems: readonly string[],
  texts: readonly FileWords[],
  words: HeadWords,
  table: TranslationTable,
  stem: (word: string) => string,
  mu: number = TRANSLATION_MU,
): number[] {
  if (qStems.length === 0 || texts.length === 0) return texts.map(() => 0);
  const targets = targetsOf(qStems, table.rowsOf(qStems));
  const prefixes = new Set([...targets.keys()].map((w) => w.slice(0, 3)));
  const wordTargets = words.list.map((word, id) =>
    words.stop[id] || !prefixes.has(word.slice(0, 3)) ? undefined : targets.get(stem(word)),
  );
  const Q = qStems.length;
  const mass = texts.map(() => new Float64Array(Q));
  const lengths = texts.map((f, i) => {
    let length = 0;
    for (let k = 0; k < f.words.length; k++) {
      const n = f.counts[k]!;
      length += n;
      for (const [q, p] of wordTargets[f.words[k]!] ?? []) mass[i]![q]! += n * p;
    }
    return length;
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  const vocabulary = words.stop.reduce((n, stop) => n + (stop ? 0 : 1), 0);
  const collection = new Float64Array(Q);
  for (const m of mass) for (let q = 0; q < Q; q++) collection[q]! += m[q]!;
  const likelihoods = texts.map((_, i) => {
    let sum = 0;
    for (let q = 0; q < Q; q++) {
      if (collection[q]! <= 0) continue;
      const background = (collection[q]! + 1) / (total + vocabulary);
      sum += Math.log((mass[i]![q]! + mu * background) / (lengths[i]! + mu));
    }
    return sum;
  });
  return zScores(likelihoods);
}
