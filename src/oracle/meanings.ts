/**
 * Soft matching by meaning: a question word that no phrase of the lexicon knows is read as the one-word
 * phrase (an anchor: a capability, domain, keyword, concept or algorithm word) nearest to it by cosine in
 * the shipped word embedder's space (skip-gram vectors, Mikolov 2013), when the similarity reaches a
 * threshold chosen on dev questions. The nearest anchor of every vocabulary word is computed once, at
 * build time, into a snapshot; answering a question then costs a map lookup, no model and no vectors.
 */
import { createHash } from 'node:crypto';
import type { PhraseTable } from '../text/phrases.js';
import type { Signal } from './lexicon.js';

/** The anchor nearest to a word and their cosine similarity. */
export interface Meaning {
  readonly anchor: string;
  readonly similarity: number;
}

/** Nearest anchors of the embedder's words, valid for one list of anchors. */
export interface Meanings {
  /** Hash of the anchor list the table was computed for; a lexicon with other anchors ignores it. */
  readonly anchorsKey: string;
  readonly nearest: ReadonlyMap<string, Meaning>;
}

/**
 * Similarity a word must reach to be read as an anchor. On the dev half of bench/oracle/unseen.yaml
 * 0.6-0.7 lose questions and 0.75-0.9 tie; of the tied values the pairs above 0.9 are the only clean
 * ones ("lapack" ≈ "blas", "lars" ≈ "lasso"), below it noise such as "behind" ≈ "borrowing" creeps in.
 */
export const MEANING_THRESHOLD = 0.9;
/** Lowest similarity kept in the snapshot, so the threshold can be chosen without recomputing. */
export const MEANING_FLOOR = 0.6;
/**
 * Training counts below which a vector is too noisy to trust: rare words sit close to unrelated rare
 * words ("resemble" next to "bindgen" at 0.96), so both sides of a pair need enough occurrences.
 */
export const MIN_WORD_COUNT = 100;
export const MIN_ANCHOR_COUNT = 30;
/** A word must be among an anchor's this many nearest words to be read as it. */
export const MUTUAL_RANK = 10;

const MEANINGFUL: ReadonlySet<Signal['kind']> = new Set([
  'capability',
  'domain',
  'keyword',
  'concept',
  'algorithm',
]);

/** The one-word phrases whose meaning is about the task, in a fixed order: the anchors. */
export function anchorWords(tables: readonly PhraseTable<Signal>[]): string[] {
  const anchors = new Set<string>();
  for (const table of tables) {
    for (const entries of table.byFirst.values()) {
      for (const e of entries) {
        const word = e.phrase.toLowerCase();
        if (e.stems.length === 1 && /^[a-z]+$/.test(word) && e.values.some((v) => MEANINGFUL.has(v.kind))) {
          anchors.add(word);
        }
      }
    }
  }
  return [...anchors].sort();
}

/** Key of an anchor list, stored with the table it was computed for. */
export function anchorsKey(anchors: readonly string[]): string {
  return createHash('sha256').update(anchors.join('\n')).digest('hex').slice(0, 16);
}

function normalize(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let row = 0; row * dim < vectors.length; row += 1) {
    let norm = 0;
    for (let d = 0; d < dim; d += 1) norm += (vectors[row * dim + d] ?? 0) ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d += 1) out[row * dim + d] = (vectors[row * dim + d] ?? 0) * scale;
  }
  return out;
}

/**
 * For every word of a vector table that is not an anchor itself, its nearest anchor when their cosine
 * similarity is at least `floor`. Pure: the same vectors and anchors always give the same table.
 */
export function computeMeanings(
  table: {
    readonly words: readonly string[];
    readonly counts: ArrayLike<number>;
    readonly vectors: Float32Array;
  },
  dim: number,
  anchors: readonly string[],
  floor = MEANING_FLOOR,
): Meanings {
  const { words, counts } = table;
  const unit = normalize(table.vectors, dim);
  const row = new Map(words.map((w, i) => [w, i]));
  const anchorRows = anchors.flatMap((a) => {
    const r = row.get(a);
    return r === undefined || (counts[r] ?? 0) < MIN_ANCHOR_COUNT ? [] : [{ anchor: a, at: r * dim }];
  });
  const isAnchor = new Set(anchors);
  const eligible = words.flatMap((word, i) =>
    isAnchor.has(word) || !/^[a-z]+$/.test(word) || (counts[i] ?? 0) < MIN_WORD_COUNT ? [] : [i],
  );
  const cosine = (i: number, at: number) => {
    let dot = 0;
    for (let d = 0; d < dim; d += 1) dot += (unit[i * dim + d] ?? 0) * (unit[at + d] ?? 0);
    return dot;
  };
  // Hubs ("attention", "migrate") are near everything; a pair counts only when the word is also among
  // the anchor's own nearest words (mutual neighbours).
  const cutoff = new Map(
    anchorRows.map(({ anchor, at }) => {
      const sims = eligible.map((i) => cosine(i, at)).sort((a, b) => b - a);
      return [anchor, sims[Math.min(MUTUAL_RANK, sims.length) - 1] ?? Number.POSITIVE_INFINITY];
    }),
  );
  const nearest = new Map<string, Meaning>();
  for (const i of eligible) {
    const word = words[i] as string;
    let best: Meaning | null = null;
    for (const { anchor, at } of anchorRows) {
      const dot = cosine(i, at);
      if (dot < floor || dot < (cutoff.get(anchor) ?? 1)) continue;
      if (best === null || dot > best.similarity) best = { anchor, similarity: dot };
    }
    if (best !== null)
      nearest.set(word, { anchor: best.anchor, similarity: Math.round(best.similarity * 1000) / 1000 });
  }
  return { anchorsKey: anchorsKey(anchors), nearest };
}
