/**
 * Where a request goes and in what order: the word that starts its later step ("then", "when they're
 * done"), whether it moves code to Rust ("to Rust", "want it in Rust"), and whether it compares a rewrite
 * with what it replaces ("the same way the old one did"). Pure: tokens in, positions and readings out.
 */
import type { Token } from '../text/tokenize.js';
import { COMPARISON_WORDS, EQUIVALENCE_TERMS, PRIOR_VERSION_WORDS } from './vocabulary.js';

/** Words that start a later step of a request: "group the customers, then chart the groups". */
const LATER_STEP_WORDS: ReadonlySet<string> = new Set([
  'then',
  'afterwards',
  'afterward',
  'finally',
  'subsequently',
]);
/** Share of its weight a signal keeps when it comes from a later step: the main task leads (0.3-0.4 tie on dev). */
export const LATER_STEP_SHARE = 0.4;

/** "when they're done", "once that finishes": a clause that waits for the first step to end. */
const WAIT_WORDS: ReadonlySet<string> = new Set(['when', 'once', 'after']);
const DONE_WORDS: ReadonlySet<string> = new Set([
  'done',
  'finished',
  'finish',
  'finishes',
  'complete',
  'completed',
]);
const WAIT_REACH = 3;

/** Position of the first word of the request's second step, or Infinity for a one-step request. */
export function laterStepFrom(tokens: readonly Token[]): number {
  const marker = tokens.find(
    (t, i) =>
      i > 0 &&
      (LATER_STEP_WORDS.has(t.word) ||
        (WAIT_WORDS.has(t.word) &&
          tokens.slice(i + 1, i + 1 + WAIT_REACH).some((o) => DONE_WORDS.has(o.word)))),
  );
  return marker?.position ?? Number.POSITIVE_INFINITY;
}

/** Words that, before "in Rust", make it where the code should end up ("need it in rust"), not what a tool is written in. */
const OBJECT_WORDS: ReadonlySet<string> = new Set([
  'it',
  'them',
  'this',
  'that',
  'these',
  'those',
  'everything',
  'rewritten',
  'redone',
  'reimplemented',
]);

/**
 * "… to Rust", "… into Rust", "want it in Rust", "a Rust version of it": with a source language named, the
 * question is about moving code to Rust.
 */
export function headsToRust(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (t.word !== 'rust' || t.negated) return false;
    const before = tokens[i - 1]?.word ?? '';
    const after = tokens[i + 1];
    return (
      ['to', 'into', 'as'].includes(before) ||
      (before === 'in' && OBJECT_WORDS.has(tokens[i - 2]?.word ?? '')) ||
      (after !== undefined && after.clause === t.clause && RUST_RESULTS.has(after.word))
    );
  });
}

/** What a conversion yields, named after "rust": "a rust version of it", "want rust output". */
const RUST_RESULTS: ReadonlySet<string> = new Set([
  'version',
  'versions',
  'output',
  'port',
  'rewrite',
  'equivalent',
  'translation',
  'counterpart',
]);

/**
 * "Off Python", "away from C": the code is to leave the language it is written in. Positions of the
 * language words so introduced.
 */
export function leavesLanguage(tokens: readonly Token[], languagePositions: readonly number[]): boolean {
  return languagePositions.some((p) => {
    const before = tokens[p - 1]?.word ?? '';
    return !tokens[p]?.negated && (before === 'off' || (before === 'from' && tokens[p - 2]?.word === 'away'));
  });
}

/** Verbs that ask to see data. */
const SEE_WORDS: ReadonlySet<string> = new Set([
  'show',
  'see',
  'watch',
  'plot',
  'graph',
  'chart',
  'draw',
  'visualize',
  'visualise',
  'display',
  'view',
]);
/** Words that say what is seen is a picture of numbers: a trend, a line, points, a comparison at a glance. */
const PICTURE_WORDS: ReadonlySet<string> = new Set([
  'time',
  'epoch',
  'epochs',
  'trend',
  'trends',
  'moved',
  'down',
  'line',
  'lines',
  'curve',
  'curves',
  'dots',
  'points',
  'coloured',
  'colored',
  'layout',
  'glance',
  'side',
]);

/**
 * Does the request's main step ask to see numbers as a picture ("watch the loss go down every epoch",
 * "graph the memory usage over time")? Then drawing is the task, and what is drawn is its subject.
 */
export function asksToSee(tokens: readonly Token[], later: number): boolean {
  const main = tokens.filter((t) => t.position < later && !t.negated);
  return main.some((t) => SEE_WORDS.has(t.word)) && main.some((t) => PICTURE_WORDS.has(t.word));
}

/**
 * "Behaves the same as the original", "touches files the same way the old one did": "same" and a word
 * for a prior version in one clause ask whether a rewrite behaves like what it replaces. Both words are
 * stop words or too common for the phrase matcher, so the clause is read here.
 */
export function comparisonExpansion(tokens: readonly Token[]): string {
  const compares = tokens.some(
    (t) =>
      COMPARISON_WORDS.has(t.word) &&
      !t.negated &&
      tokens.some((o) => o.clause === t.clause && !o.negated && PRIOR_VERSION_WORDS.has(o.word)),
  );
  return compares ? EQUIVALENCE_TERMS : '';
}
