/**
 * Matching a question to the situations each capability serves (knowledge/capabilities.yaml
 * `situations`: what a user has and wants, in plain words, without the technique's name). Every
 * situation is a short document; a question is scored against them with BM25 (Robertson & Zaragoza
 * 2009) over stems, and each capability keeps its best situation. Everyday wording that names no
 * technique ("find natural groups when nobody labelled them") thus reaches the capability it describes.
 * Pure: stems in, scores out.
 */
import { bm25Idf, bm25Weight } from '../text/bm25.js';
import type { StemFn } from '../text/tokenize.js';
import type { Signal } from './lexicon.js';

/** One situation: the capability it belongs to and its stems. */
interface Situation {
  readonly capability: string;
  readonly terms: ReadonlyMap<string, number>;
  readonly length: number;
}

/** The situations of a knowledge base, indexed for BM25. */
export interface SituationIndex {
  readonly situations: readonly Situation[];
  readonly idf: ReadonlyMap<string, number>;
  readonly averageLength: number;
  /**
   * How much each situation word says about a task, from 1 (no component's profile uses it) down to 0
   * (every profile does: "run", "code"). Words common across the whole stack decide nothing here.
   */
  readonly specificity: ReadonlyMap<string, number>;
}

/** A capability's best-matching situation for a question. */
export interface SituationMatch {
  readonly capability: string;
  readonly score: number;
  /** Question stems the situation shares. */
  readonly shared: readonly string[];
}

/**
 * Builds the index from each situation's capability and content stems; `generality` gives the share of
 * component profiles that use a stem (0 to 1), which lowers the weight of words used everywhere.
 */
export function indexSituations(
  entries: readonly { readonly capability: string; readonly stems: readonly string[] }[],
  generality: (stem: string) => number = () => 0,
): SituationIndex {
  const df = new Map<string, number>();
  let total = 0;
  const situations = entries.map(({ capability, stems }) => {
    const terms = new Map<string, number>();
    for (const s of stems) terms.set(s, (terms.get(s) ?? 0) + 1);
    for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    total += stems.length;
    return { capability, terms, length: stems.length };
  });
  const idf = new Map<string, number>();
  const specificity = new Map<string, number>();
  for (const [t, f] of df) {
    idf.set(t, bm25Idf(f, situations.length));
    specificity.set(t, 1 - generality(t));
  }
  return {
    situations,
    idf,
    averageLength: situations.length === 0 ? 1 : total / situations.length,
    specificity,
  };
}

/**
 * Each capability's best situation score for weighted question terms, best first. A situation must share
 * at least `minShared` distinct stems with the question, so one word never decides.
 */
export function matchSituations(
  index: SituationIndex,
  terms: ReadonlyMap<string, number>,
  minShared = 2,
): SituationMatch[] {
  const best = new Map<string, SituationMatch>();
  for (const s of index.situations) {
    let score = 0;
    const shared: string[] = [];
    for (const [term, weight] of terms) {
      const tf = s.terms.get(term);
      if (tf === undefined) continue;
      const idf = index.idf.get(term) ?? 0;
      score +=
        weight * (index.specificity.get(term) ?? 1) * bm25Weight(tf, idf, s.length, index.averageLength);
      shared.push(term);
    }
    if (shared.length < minShared) continue;
    const seen = best.get(s.capability);
    if (seen === undefined || score > seen.score)
      best.set(s.capability, { capability: s.capability, score, shared });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.capability.localeCompare(b.capability));
}

/** BM25 score below which a situation match is chance overlap of a word or two (2-4 tie on dev). */
export const SITUATION_THRESHOLD = 2;

/** Signals whose words name what the question is about, or the move it asks for, rather than its task. */
const NAMING_KINDS: ReadonlySet<Signal['kind']> = new Set([
  'language',
  'library',
  'tool',
  'component',
  'migration',
]);

/** Words that name what a question is about (a language, a tool, a component) rather than its task. */
function namedStems(stemWord: StemFn, signals: readonly { signal: Signal; phrase: string }[]): Set<string> {
  // Rust is the stack's own language: nearly every question names it, so it says nothing of the task.
  const named = new Set([stemWord('rust')]);
  for (const f of signals) {
    const kind = f.signal.kind;
    if (!NAMING_KINDS.has(kind)) continue;
    for (const word of f.phrase.toLowerCase().split(/[^\p{L}\p{N}+]+/u)) named.add(stemWord(word));
  }
  return named;
}

/**
 * The situations a question describes: its task words (the languages, tools and components it names left
 * out) matched to the index, capabilities scoring at least SITUATION_THRESHOLD, best first.
 */
export function situationsOf(
  index: SituationIndex,
  stemWord: StemFn,
  signals: readonly { signal: Signal; phrase: string }[],
  terms: ReadonlyMap<string, number>,
): SituationMatch[] {
  const named = namedStems(stemWord, signals);
  const task = new Map([...terms].filter(([term]) => !named.has(term)));
  return matchSituations(index, task).filter((m) => m.score >= SITUATION_THRESHOLD);
}
