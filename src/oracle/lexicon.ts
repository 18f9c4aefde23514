/**
 * Compiles the knowledge base and the built-in vocabulary into what question understanding needs:
 * one phrase table of signals (component names, capability and domain synonyms, replaced tools,
 * hardware, deployment, languages, algorithms, everyday concepts) and a BM25 index over component
 * profiles (Robertson & Zaragoza 2009) for wording no table lists. Built once per knowledge base.
 */
import { publishedNames } from '../knowledge/names.js';
import type { Knowledge } from '../knowledge/schema.js';
import { bm25Idf } from '../text/bm25.js';
import { type PhraseTable, tableFromKeys } from '../text/phrases.js';
import { createStemmer } from '../text/stem.js';
import type { StemFn } from '../text/tokenize.js';
import { type DescribedIndex, describeKnowledge } from './described.js';
import type { LearnedModel } from './learned/model-file.js';
import { LIBRARY_LANGUAGES } from './libraries.js';
import { anchorsKey, anchorWords, MEANING_THRESHOLD, type Meaning, type Meanings } from './meanings.js';
import { indexSituations, type SituationIndex } from './situations.js';
import { indexSpelling, type SpellingIndex } from './spelling.js';
import { type StemCache, type StemmedTexts, stemTexts } from './stem-cache.js';
import type { Deployment, Hardware } from './types.js';
import {
  ALGORITHMS,
  CONCEPTS,
  DEPLOYMENT_PHRASES,
  HARDWARE_PHRASES,
  LANGUAGE_PHRASES,
  MIGRATION_PHRASES,
  TOOL_ALIASES,
} from './vocabulary.js';
import type { WordSpace } from './word-space.js';

/** What a matched phrase means. */
export type Signal =
  | { readonly kind: 'component'; readonly name: string }
  | { readonly kind: 'keyword'; readonly component: string }
  | { readonly kind: 'capability'; readonly id: string }
  | { readonly kind: 'domain'; readonly id: string }
  | { readonly kind: 'tool'; readonly tool: string }
  | { readonly kind: 'hardware'; readonly value: Hardware }
  | { readonly kind: 'deployment'; readonly value: Deployment }
  | { readonly kind: 'language'; readonly value: string }
  /** A library, which says what language the code that uses it is written in. */
  | { readonly kind: 'library'; readonly language: string }
  | { readonly kind: 'migration' }
  | { readonly kind: 'algorithm'; readonly id: string }
  | { readonly kind: 'concept'; readonly expands: string };

/** Weighted term counts of one component's profile text. */
interface Profile {
  readonly terms: ReadonlyMap<string, number>;
  readonly length: number;
}

/** The compiled vocabulary of one knowledge base. */
export interface Lexicon {
  readonly knowledge: Knowledge;
  /** The oracle's cached stemmer; use it for every text compared with the lexicon. */
  readonly stemWord: StemFn;
  /** Phrases from the knowledge files: component names, keywords, capabilities, domains, tools. */
  readonly phrases: PhraseTable<Signal>;
  /**
   * Built-in problem vocabulary (hardware, deployment, languages, migration verbs, algorithms,
   * concepts), matched separately so "port C code" is both a capability and a C migration.
   */
  readonly vocabulary: PhraseTable<Signal>;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly idf: ReadonlyMap<string, number>;
  readonly averageLength: number;
  /** Components holding each capability / domain, and replacing each tool (lower-case). */
  readonly capabilityHolders: ReadonlyMap<string, readonly string[]>;
  readonly domainMembers: ReadonlyMap<string, readonly string[]>;
  readonly toolReplacers: ReadonlyMap<string, readonly string[]>;
  /** Stems of each capability's name and synonyms, and of each recipe's problem and tags. */
  readonly capabilityStems: ReadonlyMap<string, ReadonlySet<string>>;
  readonly recipeStems: ReadonlyMap<string, ReadonlySet<string>>;
  /** What each anchor (a one-word phrase about the task) means, for soft matching (meanings.ts). */
  readonly anchors: ReadonlyMap<string, readonly Signal[]>;
  /** Nearest anchor of words no phrase knows, when a meanings table for these anchors was given. */
  readonly meanings: ReadonlyMap<string, Meaning>;
  /** Similarity at which a word is read as its nearest anchor. */
  readonly meaningThreshold: number;
  /** Stem keys of phrases that carry their own negation ("no labels" is clustering). */
  readonly selfNegating: ReadonlySet<string>;
  /** The situations each capability serves, indexed for matching everyday wording (situations.ts). */
  readonly situations: SituationIndex;
  /** The word vectors questions are read with by meaning (word-space.ts); absent, that reading is off. */
  readonly words?: WordSpace;
  /** Capabilities' and components' descriptions pooled in `words` (described.ts), or null without it. */
  readonly described: DescribedIndex | null;
  /** The learned question → component model (learned/), read lazily; absent, that signal is off. */
  readonly model?: LearnedModel;
  /** The knowledge texts' words, so a misspelt question word is read as the word it was meant to be. */
  readonly spelling: SpellingIndex;
  /**
   * Phrases that are one word of at most two letters ("io", "ml", "c"): a longer question word whose stem
   * they are is another word ("ios" is not "io"), so only the word itself matches them.
   */
  readonly shortWords: ReadonlySet<string>;
}

/** Soft matching settings: the precomputed table (see meanings.ts) and the similarity threshold. */
export interface SoftMatching {
  readonly meanings?: Meanings;
  readonly threshold?: number;
  /** Word vectors for reading a described task by meaning (described.ts); without them that is off. */
  readonly words?: WordSpace;
  /** The learned question → component model (learned/); without it that signal is off. */
  readonly model?: LearnedModel;
}

function anchorSignals(tables: readonly PhraseTable<Signal>[]): Map<string, Signal[]> {
  const words = new Set(anchorWords(tables));
  const signals = new Map<string, Signal[]>();
  for (const table of tables) {
    for (const entries of table.byFirst.values()) {
      for (const e of entries) {
        const word = e.phrase.toLowerCase();
        if (e.stems.length === 1 && words.has(word))
          signals.set(word, [...(signals.get(word) ?? []), ...e.values]);
      }
    }
  }
  return signals;
}

/** A crate name as written, and with underscores when it has hyphens ("aprender_serve"). */
function spellings(name: string): string[] {
  return name.includes('-') ? [name, name.replaceAll('-', '_')] : [name];
}

function* knowledgePairs(knowledge: Knowledge): Generator<readonly [string, Signal]> {
  for (const c of knowledge.components) {
    yield [c.name, { kind: 'component', name: c.name }];
    yield [c.display, { kind: 'component', name: c.name }];
    // Crate names also as Rust and Python spell them in code: aprender_serve, trueno_db.
    for (const alias of [c.name, ...publishedNames(c)].flatMap(spellings)) {
      yield [alias, { kind: 'component', name: c.name }];
    }
    for (const k of c.keywords) yield [k, { kind: 'keyword', component: c.name }];
    for (const tool of c.replaces) yield [tool, { kind: 'tool', tool: tool.toLowerCase() }];
  }
  for (const cap of knowledge.capabilities) {
    for (const p of [cap.id, cap.name, ...cap.synonyms]) yield [p, { kind: 'capability', id: cap.id }];
  }
  for (const d of knowledge.domains) {
    for (const p of [d.id, d.name, ...d.synonyms]) yield [p, { kind: 'domain', id: d.id }];
  }
  const tools = new Set(knowledge.components.flatMap((c) => c.replaces.map((t) => t.toLowerCase())));
  for (const [alias, tool] of Object.entries(TOOL_ALIASES)) {
    if (tools.has(tool)) yield [alias, { kind: 'tool', tool }];
  }
}

function* vocabularyPairs(): Generator<readonly [string, Signal]> {
  for (const [value, phrases] of Object.entries(HARDWARE_PHRASES)) {
    for (const p of phrases) yield [p, { kind: 'hardware', value: value as Hardware }];
  }
  for (const [value, phrases] of Object.entries(DEPLOYMENT_PHRASES)) {
    for (const p of phrases) yield [p, { kind: 'deployment', value: value as Deployment }];
  }
  for (const [value, phrases] of Object.entries(LANGUAGE_PHRASES)) {
    for (const p of phrases) yield [p, { kind: 'language', value }];
  }
  for (const [language, libraries] of Object.entries(LIBRARY_LANGUAGES)) {
    for (const p of libraries) yield [p, { kind: 'library', language }];
  }
  for (const p of MIGRATION_PHRASES) yield [p, { kind: 'migration' }];
  for (const a of ALGORITHMS) for (const p of a.phrases) yield [p, { kind: 'algorithm', id: a.id }];
  for (const [p, expands] of CONCEPTS) yield [p, { kind: 'concept', expands }];
}

interface ProfileText {
  readonly component: string;
  readonly text: string;
  readonly weight: number;
}

/** Weight of a component's document (its spec) in its profile, against 1 for its description. */
export const DOCUMENT_WEIGHT = 0.5;

function profileTexts(knowledge: Knowledge, documents: ReadonlyMap<string, string>): ProfileText[] {
  const capabilities = new Map(knowledge.capabilities.map((c) => [c.id, c]));
  const texts: ProfileText[] = [];
  for (const c of knowledge.components) {
    const add = (text: string, weight: number) => texts.push({ component: c.name, text, weight });
    const document = documents.get(c.name);
    if (document !== undefined) add(document.replaceAll('\n', ' '), DOCUMENT_WEIGHT);
    add(c.summary, 2);
    add(c.description, 1);
    add(c.keywords.join(' . '), 2);
    add(c.replaces.join(' . '), 1);
    for (const id of c.capabilities) {
      const cap = capabilities.get(id);
      if (cap !== undefined) add([cap.name, ...cap.synonyms, cap.description].join(' . '), 1);
    }
    for (const r of knowledge.recipes) {
      const rank = r.components.indexOf(c.name);
      if (rank >= 0) add(`${r.problem} . ${r.tags.join(' . ')}`, rank === 0 ? 1 : 0.3);
    }
  }
  return texts;
}

function buildProfiles(
  knowledge: Knowledge,
  texts: readonly ProfileText[],
  stems: readonly (readonly string[])[],
): Map<string, Profile> {
  const terms = new Map<string, Map<string, number>>(knowledge.components.map((c) => [c.name, new Map()]));
  texts.forEach(({ component, weight }, i) => {
    const bag = terms.get(component) as Map<string, number>;
    for (const s of stems[i] ?? []) bag.set(s, (bag.get(s) ?? 0) + weight);
  });
  const profiles = new Map<string, Profile>();
  for (const [name, bag] of terms) {
    let length = 0;
    for (const n of bag.values()) length += n;
    profiles.set(name, { terms: bag, length });
  }
  return profiles;
}

function inverseDocumentFrequency(profiles: ReadonlyMap<string, Profile>): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of profiles.values()) for (const t of p.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = profiles.size;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, bm25Idf(f, n));
  return idf;
}

/** Components whose profile may use a word and still leave it distinctive. */
const RARE_DF = 2;

/**
 * Drops knowledge phrases that stop words shrink to one common word ("group by" → "group", "which
 * component" → "component"): matching them would fire on half the questions. A shrunk phrase whose
 * remaining word is rare ("t-SNE" → "sne") is kept.
 */
function dropShrunk(
  pairs: readonly (readonly [string, Signal])[],
  keys: readonly (readonly string[])[],
  profiles: ReadonlyMap<string, Profile>,
) {
  const df = (stem: string) => [...profiles.values()].filter((p) => p.terms.has(stem)).length;
  const kept = { pairs: [] as (readonly [string, Signal])[], keys: [] as (readonly string[])[] };
  pairs.forEach((pair, i) => {
    const key = keys[i] ?? [];
    const words = pair[0].split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '').length;
    if (words > 1 && key.length === 1 && df(key[0] as string) > RARE_DF) return;
    kept.pairs.push(pair);
    kept.keys.push(key);
  });
  return kept;
}

function invert(entries: Iterable<readonly [string, readonly string[]]>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [owner, keys] of entries) {
    for (const key of keys) map.set(key, [...(map.get(key) ?? []), owner]);
  }
  return map;
}

/** Every text the lexicon stems, in a fixed order: what the stem cache is keyed by. */
function lexiconTexts(knowledge: Knowledge, documents: ReadonlyMap<string, string>) {
  const known = [...knowledgePairs(knowledge)];
  const pairs = [...known, ...vocabularyPairs()];
  const profiles = profileTexts(knowledge, documents);
  const texts: StemmedTexts = {
    phrases: pairs.map(([phrase]) => phrase),
    profiles: profiles.map((p) => p.text),
    capabilities: knowledge.capabilities.map((c) => [c.name, ...c.synonyms].join(' . ')),
    recipes: knowledge.recipes.map((r) => `${r.problem} . ${r.tags.join(' . ')}`),
    situations: knowledge.capabilities.flatMap((c) => c.situations),
  };
  return { pairs, known: known.length, profiles, texts };
}

/**
 * Compiles a knowledge base into a Lexicon; call once and reuse it for every question. With a cache,
 * a fresh process skips stemming the knowledge base when the same texts were stemmed before.
 */
export function compileLexicon(
  knowledge: Knowledge,
  cache?: StemCache,
  documents: ReadonlyMap<string, string> = new Map(),
  soft: SoftMatching = {},
): Lexicon {
  const stemWord = createStemmer();
  const { pairs, known, profiles: profileList, texts } = lexiconTexts(knowledge, documents);
  const stems = stemTexts(texts, stemWord, cache);
  const profiles = buildProfiles(knowledge, profileList, stems.profiles);
  let total = 0;
  for (const p of profiles.values()) total += p.length;
  const components = knowledge.components;
  const sets = (lists: readonly (readonly string[])[]) => lists.map((l) => new Set(l));
  const capabilityStems = sets(stems.capabilities);
  const recipeStems = sets(stems.recipes);
  const distinct = dropShrunk(pairs.slice(0, known), stems.phrases.slice(0, known), profiles);
  const phrases = tableFromKeys(distinct.pairs, distinct.keys);
  const vocabulary = tableFromKeys(pairs.slice(known), stems.phrases.slice(known));
  const anchors = anchorSignals([phrases, vocabulary]);
  const capabilityHolders = invert(components.map((c) => [c.name, c.capabilities]));
  const fits =
    soft.meanings !== undefined && soft.meanings.anchorsKey === anchorsKey([...anchors.keys()].sort());
  return {
    knowledge,
    stemWord,
    phrases,
    vocabulary,
    anchors,
    meanings: fits ? (soft.meanings?.nearest ?? new Map()) : new Map(),
    meaningThreshold: soft.threshold ?? MEANING_THRESHOLD,
    selfNegating: new Set(
      pairs.flatMap(([phrase], i) =>
        /\b(no|not|without|nobody|never)\b/i.test(phrase) ? [(stems.phrases[i] ?? []).join(' ')] : [],
      ),
    ),
    profiles,
    idf: inverseDocumentFrequency(profiles),
    averageLength: profiles.size === 0 ? 1 : total / profiles.size,
    capabilityHolders,
    words: soft.words,
    model: soft.model,
    described:
      soft.words === undefined ? null : describeKnowledge(knowledge, capabilityHolders, soft.words, stemWord),
    domainMembers: invert(components.map((c) => [c.name, c.domains])),
    toolReplacers: invert(components.map((c) => [c.name, c.replaces.map((t) => t.toLowerCase())])),
    capabilityStems: new Map(knowledge.capabilities.map((c, i) => [c.id, capabilityStems[i] ?? new Set()])),
    recipeStems: new Map(knowledge.recipes.map((r, i) => [r.id, recipeStems[i] ?? new Set()])),
    spelling: indexSpelling(Object.values(texts).flat()),
    shortWords: new Set(
      pairs.map(([phrase]) => phrase.toLowerCase()).filter((p) => /^[a-z0-9+#]{1,2}$/.test(p)),
    ),
    situations: indexSituations(
      knowledge.capabilities
        .flatMap((c) => c.situations.map(() => c.id))
        .map((capability, i) => ({ capability, stems: stems.situations[i] ?? [] })),
      (stem) => [...profiles.values()].filter((p) => p.terms.has(stem)).length / (profiles.size || 1),
    ),
  };
}
