/**
 * Question understanding: finds the signals in a question (named components, capabilities, domains,
 * replaced tools, hardware, deployment, languages, algorithms), drops the ones a negation rules out,
 * expands algorithms and everyday wording into technical terms, and collects the weighted word stems
 * the profile index scores. Pure: the same question and lexicon always give the same result.
 */
import { matchLoose, matchPhrases, type PhraseMatch } from '../text/phrases.js';
import { isStopWord } from '../text/stop-words.js';
import { type Token, tokenize } from '../text/tokenize.js';
import { readDataSize } from './data-size.js';
import { type DescribedMatch, matchDescribed } from './described.js';
import { type LearnedMatch, learnedTopics } from './learned/topic.js';
import type { Lexicon, Signal } from './lexicon.js';
import { readOutside, stackSignal } from './outside.js';
import { OUTSIDE_WORDS } from './outside-table.js';
import { countedMachinePositions, readPlacement } from './placement.js';
import { ruledOutComponents } from './ruled-out.js';
import { inOtherSense, readSenses, type SenseReading } from './senses.js';
import { type SituationMatch, situationsOf } from './situations.js';
import { correctSpelling } from './spelling.js';
import {
  asksToSee,
  comparisonExpansion,
  headsToRust,
  LATER_STEP_SHARE,
  laterStepFrom,
  leavesLanguage,
} from './steps.js';
import type { Deployment, Problem } from './types.js';
import { ALGORITHMS, ORCHESTRATION_TERMS, PHASE_STEMS, PHASES_FOR_ORCHESTRATION } from './vocabulary.js';

/** Weight of words that come from expanding an algorithm or a concept rather than from the question. */
export const EXPANSION_WEIGHT = 0.6;
/** Weight of a phrase whose words appear close together but in another order. */
export const LOOSE_WEIGHT = 0.7;

/** A signal found in the question, with the words it came from and how much it counts. */
export interface FoundSignal {
  readonly signal: Signal;
  readonly phrase: string;
  /** Content words matched; longer phrases are more specific. */
  readonly length: number;
  readonly weight: number;
  /**
   * Question words it stands on, [start, end) token positions; expansions carry their source's span.
   * Scoring credits a component once per span, so one word read several ways is not counted twice.
   */
  readonly span: readonly [number, number];
}

/** Everything scoring needs to know about a question. */
export interface Understanding {
  readonly problem: Problem;
  readonly signals: readonly FoundSignal[];
  /** Word stems of the question (and its expansions) with weights, for the profile index. */
  readonly terms: ReadonlyMap<string, number>;
  /** A word of the question (or expansion) for each term, to explain matches in words, not stems. */
  readonly words: ReadonlyMap<string, string>;
  /** Components the question names only to rule out ("forget pacha", "rather than trueno-db"). */
  readonly excluded: readonly string[];
  /** The capabilities whose situations the question describes, best first (situations.ts). */
  readonly situations: readonly SituationMatch[];
  /** Position of the first word of the request's later step (Infinity for a one-step request). */
  readonly later: number;
  /** The main step asks to see numbers as a picture (steps.ts). */
  readonly display: boolean;
  /** Capabilities and components whose descriptions the question's words are close to in meaning (described.ts). */
  readonly described: readonly DescribedMatch[];
  /** The question asks what a component it names is or does ("what is that crate for"). */
  readonly asksAboutNamed: boolean;
  /** Each component's probability of answering the question by the learned model, best first (learned/). */
  readonly learned: readonly LearnedMatch[];
  /** Fields outside the stack the question names ("wifi", "kubernetes"; outside.ts). */
  readonly outside: readonly string[];
}

const ALGORITHM_BY_ID = new Map(ALGORITHMS.map((a) => [a.id, a]));

/** Several migration phases named together ("analyze, transpile, validate") mean the whole workflow. */
function phaseExpansion(tokens: readonly Token[]): string {
  const phases = new Set<string>();
  for (const t of tokens) {
    for (const [prefix, phase] of Object.entries(PHASE_STEMS)) {
      if (!t.negated && t.stem.startsWith(prefix)) phases.add(phase);
    }
  }
  return phases.size >= PHASES_FOR_ORCHESTRATION ? ORCHESTRATION_TERMS : '';
}

/** The words an algorithm or concept match stands for, e.g. "random forest" → "classification …". */
function expansionOf(m: PhraseMatch<Signal>): string {
  const parts: string[] = [];
  for (const s of m.values) {
    if (s.kind === 'concept') parts.push(s.expands);
    if (s.kind === 'algorithm') parts.push(ALGORITHM_BY_ID.get(s.id)?.expands ?? '');
  }
  return parts.join(' . ');
}

const isKnowledgeSignal = (s: Signal) =>
  s.kind === 'capability' || s.kind === 'domain' || s.kind === 'keyword';

/** Signals reached through expansions, each tied to the span of the words it expands. */
function expand(
  lexicon: Lexicon,
  matches: readonly PhraseMatch<Signal>[],
  tokens: readonly Token[],
  senses: SenseReading,
) {
  const sources: { text: string; span: [number, number] }[] = senses.means.map((m) => ({
    text: m.text,
    span: [m.position, m.position + 1],
  }));
  const phases = phaseExpansion(tokens);
  if (phases !== '') sources.push({ text: phases, span: [-1, 0] });
  const comparison = comparisonExpansion(tokens);
  if (comparison !== '') sources.push({ text: comparison, span: [-2, -1] });
  for (const m of matches) {
    const text = m.negated ? '' : expansionOf(m);
    if (text !== '') sources.push({ text, span: [m.start, m.end] });
  }
  const words: Token[] = [];
  const signals: FoundSignal[] = [];
  for (const source of sources) {
    const tokens = tokenize(source.text, lexicon.stemWord);
    // An expansion's words stand where the words they expand stand, so later steps stay later.
    words.push(...tokens.map((t) => ({ ...t, position: source.span[0] })));
    for (const m of matchPhrases(lexicon.phrases, tokens)) {
      for (const signal of m.values.filter(isKnowledgeSignal)) {
        signals.push({
          signal,
          phrase: m.phrase,
          length: m.length,
          weight: EXPANSION_WEIGHT,
          span: source.span,
        });
      }
    }
  }
  return { words, signals };
}

function collectTerms(
  tokens: readonly Token[],
  expansion: readonly Token[],
  named: ReadonlySet<number>,
  later: number,
) {
  const terms = new Map<string, number>();
  const words = new Map<string, string>();
  const add = (token: Token, weight: number) => {
    if (token.stop || token.numeric || token.negated || token.word.length < 2) return;
    terms.set(token.stem, Math.max(terms.get(token.stem) ?? 0, weight));
    if (!words.has(token.stem)) words.set(token.stem, token.word);
  };
  for (const token of tokens) {
    if (!named.has(token.position)) add(token, token.position >= later ? LATER_STEP_SHARE : 1);
  }
  for (const token of expansion)
    add(token, EXPANSION_WEIGHT * (token.position >= later ? LATER_STEP_SHARE : 1));
  return { terms, words };
}

function namedPositions(matches: readonly PhraseMatch<Signal>[]): Set<number> {
  const positions = new Set<number>();
  for (const m of matches) {
    if (!m.values.some((s) => s.kind === 'component')) continue;
    for (let p = m.start; p < m.end; p += 1) positions.add(p);
  }
  return positions;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function buildProblem(
  lexicon: Lexicon,
  tokens: readonly Token[],
  signals: readonly FoundSignal[],
  negated: string[],
  senseRead: ReadonlySet<number>,
) {
  const of = <K extends Signal['kind']>(kind: K) =>
    signals.map((f) => f.signal).filter((s): s is Extract<Signal, { kind: K }> => s.kind === kind);
  const capabilities = unique(of('capability').map((s) => s.id));
  const capabilityDomains = lexicon.knowledge.capabilities
    .filter((c) => capabilities.includes(c.id))
    .map((c) => c.domain);
  const tools = unique(of('tool').map((s) => s.tool));
  const languages = unique(of('language').map((s) => s.value));
  // A library says what language the code that uses it is written in ("port our numpy script", "C++ with Eigen").
  const implied = unique(of('library').map((s) => s.language));
  const languageAt = signals.filter((f) => f.signal.kind === 'language').map((f) => f.span[0]);
  const migration =
    of('migration').length > 0 ||
    (languages.length + implied.length > 0 && headsToRust(tokens)) ||
    leavesLanguage(tokens, languageAt);
  if (migration && languages.length === 0) languages.push(...implied);
  const hardware = unique(of('hardware').map((s) => s.value));
  // "cluster" read as groups in data ("cluster our users") is not a cluster of machines.
  const placement = readPlacement(tokens, senseRead, laterStepFrom(tokens));
  if (placement.machines && !hardware.includes('cluster')) hardware.push('cluster');
  if (placement.cpuOnly) negated.push('gpu');
  const problem: Problem = {
    domains: unique([...of('domain').map((s) => s.id), ...capabilityDomains]),
    components: unique(of('component').map((s) => s.name)),
    capabilities,
    algorithms: unique(of('algorithm').map((s) => s.id)),
    dataSize: readDataSize(tokens),
    hardware,
    deployment: unique([...of('deployment').map((s) => s.value), ...placement.targets]) as Deployment[],
    languages,
    tools,
    migration,
    negated: unique(negated),
  };
  return problem;
}

function found(
  matches: readonly PhraseMatch<Signal>[],
  weight: number,
  negated: string[],
  excluded: string[],
): FoundSignal[] {
  const out: FoundSignal[] = [];
  for (const m of matches) {
    for (const signal of m.values) {
      if (m.negated && signal.kind === 'component') excluded.push(signal.name);
      // Wanting rid of a tool ("no more pandas") still asks for its replacement.
      if (m.negated && signal.kind !== 'tool') {
        negated.push(m.phrase);
        continue;
      }
      out.push({ signal, phrase: m.phrase, length: m.length, weight, span: [m.start, m.end] });
    }
  }
  return out;
}

/** Signals of later steps count less, so a multi-step request is answered by its main (first) task. */
function mainTaskFirst(signals: readonly FoundSignal[], later: number): FoundSignal[] {
  return signals.map((f) => (f.span[0] >= later ? { ...f, weight: f.weight * LATER_STEP_SHARE } : f));
}

/** Keeps each signal once, at its strongest, so repeating a word or its expansion does not add up. */
function strongest(signals: readonly FoundSignal[]): FoundSignal[] {
  const best = new Map<string, FoundSignal>();
  const strength = (f: FoundSignal) => f.weight * (1 + 0.25 * (f.length - 1));
  for (const f of signals) {
    const key = JSON.stringify(f.signal);
    const seen = best.get(key);
    if (seen === undefined || strength(f) > strength(seen)) best.set(key, f);
  }
  return [...best.values()];
}

/**
 * Drops vocabulary matches inside a product name: "Hugging Face Transformers" names a tool, it does
 * not ask for a transformer; "trueno-db" does not mention a database in general.
 */
function outsideNames(known: readonly PhraseMatch<Signal>[], vocabulary: readonly PhraseMatch<Signal>[]) {
  const names = known.filter((m) => m.values.some((s) => s.kind === 'tool' || s.kind === 'component'));
  // A language inside a tool's name ("Python scripts") still says what the code is written in.
  const inside = (v: PhraseMatch<Signal>) =>
    names.some((n) => n.start <= v.start && v.end <= n.end) &&
    !v.values.every((s) => s.kind === 'language' || s.kind === 'library');
  return vocabulary.filter((v) => !inside(v));
}

/** Weight of a word read by meaning, times its similarity to the anchor it is read as. */
export const MEANING_WEIGHT = 0.6;

const isTaskSignal = (s: Signal) => isKnowledgeSignal(s) || s.kind === 'concept' || s.kind === 'algorithm';

/**
 * Question words no phrase matched, read as the anchor nearest in meaning (meanings.ts) when close
 * enough: "alike" may be read as "similar". Each comes with the weight it counts with.
 */
function softMatches(lexicon: Lexicon, tokens: readonly Token[], matched: readonly PhraseMatch<Signal>[]) {
  const covered = (p: number) => matched.some((m) => m.start <= p && p < m.end);
  const out: { match: PhraseMatch<Signal>; weight: number }[] = [];
  for (const t of tokens) {
    if (t.stop || t.numeric || t.word.length < 3 || covered(t.position)) continue;
    const meaning = lexicon.meanings.get(t.word);
    if (meaning === undefined || meaning.similarity < lexicon.meaningThreshold) continue;
    const values = (lexicon.anchors.get(meaning.anchor) ?? []).filter(isTaskSignal);
    if (values.length === 0) continue;
    const phrase = `${t.word} ≈ ${meaning.anchor}`;
    const match = { phrase, values, start: t.position, end: t.position + 1, length: 1, negated: t.negated };
    out.push({ match, weight: MEANING_WEIGHT * meaning.similarity });
  }
  return out;
}

/**
 * A phrase that carries its own negation ("no labels" means clustering) is what the question asks for,
 * not something it rules out, even though the tokenizer marks its words as negated.
 */
function affirmed(lexicon: Lexicon, tokens: readonly Token[], m: PhraseMatch<Signal>): PhraseMatch<Signal> {
  if (!m.negated) return m;
  const key = tokens
    .filter((t) => t.position >= m.start && t.position < m.end && !t.stop)
    .map((t) => t.stem)
    .join(' ');
  return lexicon.selfNegating.has(key) ? { ...m, negated: false } : m;
}

/** What the question describes by meaning: its words that are not ruled out, pooled and compared. */
function describedBy(lexicon: Lexicon, tokens: readonly Token[]): DescribedMatch[] {
  const { described, words } = lexicon;
  if (described === null || words === undefined || described.key !== words.header.key) return [];
  const kept = tokens.filter((t) => !t.stop && !t.numeric && !t.negated).map((t) => t.word);
  return matchDescribed(described, words, kept);
}

/**
 * "What does aprender-serve do", "what is it for", "what is that tool tracking": a clause that opens with
 * "what" and a verb of being or doing, then "do" or "for", in a question that names a component, asks what
 * that component is; the words around the name (where it was seen, such as a Cargo.toml) are not its task.
 */
function asksAboutNamed(tokens: readonly Token[], signals: readonly FoundSignal[]): boolean {
  if (!signals.some((f) => f.signal.kind === 'component')) return false;
  return tokens.some((t, i) => {
    if (t.word !== 'what') return false;
    const rest = tokens.slice(i + 1).filter((o) => o.clause === t.clause);
    if (!['is', 'are', 'does', 'do'].includes(rest[0]?.word ?? '')) return false;
    return rest.slice(1).some((o) => o.word === 'for' || o.word === 'do');
  });
}

/**
 * A word whose stem is a short phrase of the knowledge but which is not that word ("ios" stems to "io",
 * a keyword of tracing) keeps its own form as its stem, so it matches neither that phrase nor its profile
 * words nor the learned model's feature.
 */
function ownShortStem(lexicon: Lexicon, token: Token): Token {
  return token.word !== token.stem && lexicon.shortWords.has(token.stem)
    ? { ...token, stem: token.word }
    : token;
}

/**
 * A word that is no misspelling: a stop word, a word of a field outside the stack ("bread"), a knowledge
 * word in another inflection ("transpiles"), or a word the everyday meanings table or word vectors know.
 */
const knownWord = (lexicon: Lexicon) => (word: string) =>
  isStopWord(word) ||
  OUTSIDE_WORDS.has(word) ||
  lexicon.idf.has(lexicon.stemWord(word)) ||
  lexicon.meanings.has(word) ||
  (lexicon.words?.entry(word) ?? null) !== null;

/** Understands a question against a compiled lexicon; misspelt words are read as the words they were meant to be. */
export function understand(lexicon: Lexicon, question: string): Understanding {
  const { text } = correctSpelling(lexicon.spelling, question, knownWord(lexicon));
  const tokens = tokenize(text, lexicon.stemWord).map((t) => ownShortStem(lexicon, t));
  const known = matchPhrases(lexicon.phrases, tokens);
  const exact = [...known, ...outsideNames(known, matchPhrases(lexicon.vocabulary, tokens))].map((m) =>
    affirmed(lexicon, tokens, m),
  );
  const soft = softMatches(lexicon, tokens, exact);
  const matches = [...exact, ...soft.map((m) => m.match)];
  const senses = readSenses(tokens);
  const outside = readOutside(tokens);
  const inStack = stackSignal(outside);
  const expanded = expand(lexicon, matches, tokens, senses);
  const expansion = {
    words: expanded.words.filter((t) => !outside.positions.has(t.position)),
    signals: expanded.signals.filter(inStack),
  };
  const loose = matchLoose(lexicon.phrases, tokens, known).filter((m) => m.values.every(isKnowledgeSignal));
  const negated: string[] = [];
  const excluded: string[] = [];
  const later = laterStepFrom(tokens);
  const machines = countedMachinePositions(tokens);
  const otherSense = inOtherSense(senses);
  const signals = strongest(
    mainTaskFirst(
      [
        ...[
          ...found(exact, 1, negated, excluded),
          ...soft.flatMap((m) => found([m.match], m.weight, negated, excluded)),
          ...found(loose, LOOSE_WEIGHT, negated, excluded),
        ].filter((f) => !otherSense(f)),
        ...expansion.signals,
      ].filter(
        (f) =>
          inStack(f) &&
          !(isKnowledgeSignal(f.signal) && f.span[1] - f.span[0] === 1 && machines.has(f.span[0])),
      ),
      later,
    ),
  );
  const named = new Set([
    ...namedPositions(matches),
    ...senses.means.map((m) => m.position),
    ...outside.positions,
  ]);
  const { terms, words } = collectTerms(tokens, expansion.words, named, later);
  const skip = new Set([...senses.other.keys(), ...outside.positions]);
  const problem = buildProblem(lexicon, tokens, signals, negated, skip);
  // In a conversion the verb that asks for it ("port", "migrate") names the move, not a situation.
  const conversion = problem.migration && problem.languages.length > 0;
  return {
    later,
    display: asksToSee(tokens, later),
    described: describedBy(lexicon, tokens),
    learned: lexicon.model === undefined ? [] : learnedTopics(lexicon.model, lexicon.words, tokens),
    asksAboutNamed: asksAboutNamed(tokens, signals),
    outside: outside.fields,
    problem,
    signals,
    excluded: unique([...excluded, ...ruledOutComponents(lexicon, matches)]),
    terms,
    words,
    // Situations are everyday wording: they are matched with the question's own words, not the expansions.
    situations: situationsOf(
      lexicon.situations,
      lexicon.stemWord,
      conversion ? signals : signals.filter((f) => f.signal.kind !== 'migration'),
      collectTerms(tokens, [], named, later).terms,
    ),
  };
}
