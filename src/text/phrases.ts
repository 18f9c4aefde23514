/**
 * Multi-word phrase matching over stemmed tokens: a phrase table is compiled once from (phrase, value)
 * pairs, then matched longest-first without overlaps, so "vector search" wins over "search" and
 * "random forest" is one algorithm, not a tree and a forest. Stop words are skipped on both sides, so
 * "train a model" matches the phrase "train model". Phrases never span clause punctuation.
 */
import { byName } from './order.js';
import { stem } from './stem.js';
import { type StemFn, stemLines, type Token, tokenize } from './tokenize.js';

interface Entry<T> {
  readonly stems: readonly string[];
  readonly phrase: string;
  readonly values: T[];
}

/** A compiled phrase table; build it with compilePhrases and reuse it for every question. */
export interface PhraseTable<T> {
  /** Entries keyed by their first stem, longest first. */
  readonly byFirst: ReadonlyMap<string, readonly Entry<T>[]>;
  /** Entries of two or more words, for matching in any order (matchLoose). */
  readonly multiWord: readonly Entry<T>[];
}

/** One phrase found in a text. */
export interface PhraseMatch<T> {
  /** The phrase as it was written in the table (the first spelling registered for these stems). */
  readonly phrase: string;
  /** Every value registered for the phrase. */
  readonly values: readonly T[];
  /** Positions of the first and one past the last matched token (Token.position). */
  readonly start: number;
  readonly end: number;
  /** Number of content words matched; longer phrases are more specific. */
  readonly length: number;
  /** Any matched word is inside a negation scope ("without GPU"). */
  readonly negated: boolean;
}

/** The stem sequence a phrase is matched by (content words only). */
export function phraseKey(phrase: string, stemWord: StemFn = stem): string[] {
  return tokenize(phrase, stemWord)
    .filter((token) => !token.stop)
    .map((token) => token.stem);
}

/** Compiles (phrase, value) pairs into a table; phrases made only of stop words are ignored. */
export function compilePhrases<T>(
  pairs: Iterable<readonly [string, T]>,
  stemWord: StemFn = stem,
): PhraseTable<T> {
  const list = [...pairs];
  const keys = stemLines(
    list.map(([phrase]) => phrase),
    stemWord,
  );
  return tableFromKeys(list, keys);
}

/** Builds a table from pairs whose phrase keys (see phraseKey) were computed, or cached, before. */
export function tableFromKeys<T>(
  list: readonly (readonly [string, T])[],
  keys: readonly (readonly string[])[],
): PhraseTable<T> {
  const byKey = new Map<string, Entry<T>>();
  for (const [i, [phrase, value]] of list.entries()) {
    const stems = keys[i] ?? [];
    if (stems.length === 0) continue;
    const key = stems.join(' ');
    const entry = byKey.get(key) ?? { stems, phrase, values: [] };
    if (!entry.values.includes(value)) entry.values.push(value);
    byKey.set(key, entry);
  }
  const byFirst = new Map<string, Entry<T>[]>();
  for (const entry of byKey.values()) {
    const first = entry.stems[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push(entry);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) {
    list.sort((a, b) => b.stems.length - a.stems.length || byName(a.phrase, b.phrase));
  }
  const multiWord = [...byKey.values()].filter((e) => e.stems.length > 1);
  return { byFirst, multiWord };
}

function matchesAt<T>(entry: Entry<T>, content: readonly Token[], at: number): boolean {
  const clause = content[at]?.clause;
  return entry.stems.every((s, k) => {
    const token = content[at + k];
    return token !== undefined && token.stem === s && token.clause === clause;
  });
}

/** Finds the phrases of a table in tokens, longest match first, left to right, without overlaps. */
export function matchPhrases<T>(table: PhraseTable<T>, tokens: readonly Token[]): PhraseMatch<T>[] {
  const content = tokens.filter((token) => !token.stop);
  const found: PhraseMatch<T>[] = [];
  let at = 0;
  while (at < content.length) {
    const first = content[at] as Token;
    const entry = (table.byFirst.get(first.stem) ?? []).find((e) => matchesAt(e, content, at));
    if (entry === undefined) {
      at += 1;
      continue;
    }
    const words = content.slice(at, at + entry.stems.length);
    const last = words[words.length - 1] as Token;
    found.push({
      phrase: entry.phrase,
      values: entry.values,
      start: first.position,
      end: last.position + 1,
      length: entry.stems.length,
      negated: words.some((token) => token.negated),
    });
    at += entry.stems.length;
  }
  return found;
}

/** Extra content words allowed between the words of a phrase matched in any order. */
const LOOSE_SLACK = 2;

function looseSpan<T>(entry: Entry<T>, content: readonly Token[]): Token[] | null {
  const width = entry.stems.length + LOOSE_SLACK;
  for (let at = 0; at < content.length; at += 1) {
    const clause = content[at]?.clause;
    const window = content.slice(at, at + width).filter((t) => t.clause === clause);
    // Each word of the phrase stands on its own word of the question: one "step" is not "step by step".
    const used = new Set<Token>();
    const hits = entry.stems.map((s) => {
      const hit = window.find((t) => t.stem === s && !used.has(t));
      if (hit !== undefined) used.add(hit);
      return hit;
    });
    if (hits.every((t) => t !== undefined)) return hits as Token[];
  }
  return null;
}

/**
 * Multi-word phrases whose words all occur close together in one clause but not in the written order
 * ("search for similar vectors" for "similar vector search"), using only words that no `exact` match
 * has claimed: the exact reading of a word wins. Callers weigh these below exact matches.
 */
export function matchLoose<T>(
  table: PhraseTable<T>,
  tokens: readonly Token[],
  exact: readonly PhraseMatch<T>[],
): PhraseMatch<T>[] {
  const taken = new Set<number>();
  for (const m of exact) for (let p = m.start; p < m.end; p += 1) taken.add(p);
  const content = tokens.filter((t) => !t.stop && !taken.has(t.position));
  const stems = new Set(content.map((t) => t.stem));
  const found: PhraseMatch<T>[] = [];
  for (const entry of table.multiWord) {
    if (!entry.stems.every((s) => stems.has(s))) continue;
    const span = looseSpan(entry, content);
    if (span === null) continue;
    const positions = span.map((t) => t.position);
    found.push({
      phrase: entry.phrase,
      values: entry.values,
      start: Math.min(...positions),
      end: Math.max(...positions) + 1,
      length: entry.stems.length,
      negated: span.some((t) => t.negated),
    });
  }
  return found;
}
