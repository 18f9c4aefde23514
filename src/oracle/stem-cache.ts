/**
 * Stemming the knowledge base is most of what a fresh `batuta oracle` process spends on the oracle, and
 * the result only changes when the texts or the stemmer change. This module stems the texts in one
 * pass each and, given a StemCache, stores the stems under a hash of the texts and the stemmer's id, so
 * the next process reads them back instead. Entries read back are validated; a bad one is recomputed.
 */
import { createHash } from 'node:crypto';
import { STEMMER_ID } from '../text/stem.js';
import { type StemFn, stemLines } from '../text/tokenize.js';

/** The texts the lexicon stems, by part. */
export interface StemmedTexts<T = string> {
  readonly phrases: readonly T[];
  readonly profiles: readonly T[];
  readonly capabilities: readonly T[];
  readonly recipes: readonly T[];
  readonly situations: readonly T[];
}

/** Where stems are kept between processes; the CLI gives a folder under the user cache, tests nothing. */
export interface StemCache {
  read(key: string): string | null;
  write(key: string, text: string): void;
}

type Stems = StemmedTexts<readonly string[]>;

const isStemLists = (value: unknown, length: number): value is string[][] =>
  Array.isArray(value) &&
  value.length === length &&
  value.every((list) => Array.isArray(list) && list.every((stem) => typeof stem === 'string'));

/**
 * Checks an entry read back from disk: five lists of string lists, one per text. A hand-written check
 * rather than zod because this runs on every fresh process, where a zod pass costs ~10 ms cold.
 */
function asStems(value: unknown, texts: StemmedTexts): Stems | null {
  if (value === null || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const ok =
    isStemLists(v['phrases'], texts.phrases.length) &&
    isStemLists(v['profiles'], texts.profiles.length) &&
    isStemLists(v['capabilities'], texts.capabilities.length) &&
    isStemLists(v['recipes'], texts.recipes.length) &&
    isStemLists(v['situations'], texts.situations.length);
  return ok ? (v as unknown as Stems) : null;
}

function compute(texts: StemmedTexts, stemWord: StemFn): Stems {
  return {
    phrases: stemLines(texts.phrases, stemWord),
    profiles: stemLines(texts.profiles, stemWord),
    capabilities: stemLines(texts.capabilities, stemWord),
    recipes: stemLines(texts.recipes, stemWord),
    situations: stemLines(texts.situations, stemWord),
  };
}

function readBack(cache: StemCache, key: string, texts: StemmedTexts): Stems | null {
  const text = cache.read(key);
  if (text === null) return null;
  try {
    return asStems(JSON.parse(text), texts);
  } catch {
    return null;
  }
}

/** The cache key: a hash of every text and of the stemmer that stems them. */
export function stemCacheKey(texts: StemmedTexts): string {
  return createHash('sha256').update(STEMMER_ID).update(JSON.stringify(texts)).digest('hex').slice(0, 32);
}

/** Content stems of every text, from the cache when it holds them, else computed (and cached). */
export function stemTexts(texts: StemmedTexts, stemWord: StemFn, cache?: StemCache): Stems {
  if (cache === undefined) return compute(texts, stemWord);
  const key = stemCacheKey(texts);
  const cached = readBack(cache, key, texts);
  if (cached !== null) return cached;
  const stems = compute(texts, stemWord);
  cache.write(key, JSON.stringify(stems));
  return stems;
}
