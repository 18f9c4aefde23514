/**
 * Scores every component for an understood question. Pure: signals in, points out, with the reasons
 * recorded in the same pass for the explain trace. Specific evidence (a capability synonym, a replaced
 * tool, a source language) counts more than general evidence (a domain, profile words), and evidence
 * shared by many components is divided among them (1/√holders), so rare matches decide.
 */

import type { Component } from '../knowledge/schema.js';
import { bm25Weight } from '../text/bm25.js';
import { byName } from '../text/order.js';
import { DESCRIBED_THRESHOLD } from './described.js';
import type { Lexicon } from './lexicon.js';
import type { ComponentScore, ScoreReason } from './types.js';
import type { FoundSignal, Understanding } from './understand.js';

/** Points per kind of evidence; tuned on the dev third of bench/oracle/questions.yaml. */
export const WEIGHTS = {
  named: 1.5,
  namedAlone: 4,
  /** A component the question asks about ("what does X do"): it is the answer, whatever the other words say. */
  namedAskedAbout: 8,
  keyword: 2.5,
  capability: 2,
  /**
   * A field named by one of its words ("clickstream", "web analytics"). At least MIN_SCORE, so a question
   * that names only its field is answered, and above one common profile word ("analyze"); 1.25-1.5 change
   * no other answer on the oracle sets.
   */
  domain: 1.25,
  tool: 3.5,
  language: 2,
  languageAside: 0.7,
  platform: 0.3,
  /** Running on several machines is what a distributing component is for, not a detail of a platform. */
  machines: 1.5,
  profile: 0.35,
  proximity: 0.5,
  /** Per BM25 point of a capability's best-matching situation (0.3-0.6 tie on dev questions). */
  situation: 0.4,
  /** Per unit of cosine above the threshold of the closest description by meaning (described.ts). */
  described: 8,
  /** Per unit of the learned model's probability above LEARNED_THRESHOLD (learned/). */
  learned: 6,
} as const;

/** Probability a component must reach in the learned model before it is credited. */
export const LEARNED_THRESHOLD = 0.05;

const PLATFORM_OF: Readonly<Record<string, string>> = {
  gpu: 'gpu',
  simd: 'simd',
  cluster: 'distributed',
  wasm: 'wasm',
  browser: 'wasm',
  edge: 'edge',
  serverless: 'serverless',
};

interface Credit extends ScoreReason {
  readonly span?: readonly [number, number];
}
type Tally = Map<string, Credit[]>;

function credit(
  tally: Tally,
  component: string,
  reason: ScoreReason,
  span?: readonly [number, number],
): void {
  if (reason.points <= 0) return;
  const credits = tally.get(component);
  if (credits !== undefined) credits.push(span === undefined ? reason : { ...reason, span });
}

/** Keeps the strongest credit per question span: one word read as keyword, capability and domain counts once. */
function resolve(credits: readonly Credit[]): ScoreReason[] {
  const accepted: Credit[] = [];
  const ordered = [...credits].sort((a, b) => b.points - a.points);
  for (const c of ordered) {
    const span = c.span;
    const overlaps =
      span !== undefined &&
      accepted.some((a) => a.span !== undefined && a.span[0] < span[1] && span[0] < a.span[1]);
    if (!overlaps) accepted.push(c);
  }
  return accepted.map(({ signal, matched, points }) => ({ signal, matched, points }));
}

function specificity(found: FoundSignal): number {
  return found.weight * (1 + 0.25 * (found.length - 1));
}

/** Share a keyword keeps when it is only a language named outside a migration ("the Python one did"). */
const LANGUAGE_ASIDE_SHARE = 0.5;

function isLanguageSpan(u: Understanding, f: FoundSignal): boolean {
  return u.signals.some(
    (o) => o.signal.kind === 'language' && o.span[0] === f.span[0] && o.span[1] === f.span[1],
  );
}

/**
 * In a conversion, the verb that asks for it ("port", "migrate") is the migration itself: it says which
 * way the code goes, and the converter for the source language answers it. It is no evidence for the
 * component that lists the verb among its keywords (the orchestrator), which the source languages and
 * the rest of the question still credit.
 */
function isMigrationSpan(u: Understanding, f: FoundSignal): boolean {
  return u.signals.some(
    (o) => o.signal.kind === 'migration' && o.span[0] < f.span[1] && f.span[0] < o.span[1],
  );
}

/**
 * Share of a replaced tool's credit when the question converts code that uses it ("port my pandas script
 * to Rust"): the library says what the code is written with, the converter for its language leads and the
 * library's replacement follows as supporting.
 */
const MIGRATED_TOOL_SHARE = 0.3;

/** Capabilities that check a conversion rather than perform it ("prove the port behaves like the original"). */
const CHECKS_A_CONVERSION = new Set(['behavioral-equivalence', 'golden-traces', 'trace-diff']);

/** The request's main step asks to check a conversion; a later step that checks it ("then compare") does not. */
const checksConversion = (u: Understanding) =>
  u.signals.some(
    (f) => f.signal.kind === 'capability' && CHECKS_A_CONVERSION.has(f.signal.id) && f.span[0] < u.later,
  ) || CHECKS_A_CONVERSION.has(u.situations[0]?.capability ?? '');

const converting = (u: Understanding) =>
  u.problem.migration && u.problem.languages.length > 0 && !checksConversion(u);

function scoreSignals(lexicon: Lexicon, u: Understanding, tally: Tally): void {
  const taskEvidence = u.signals.some((f) => f.signal.kind !== 'component' && f.signal.kind !== 'migration');
  for (const f of u.signals) {
    const s = f.signal;
    const give = (component: string, signal: string, matched: string, points: number) =>
      credit(tally, component, { signal, matched, points }, f.span);
    if (s.kind === 'component') {
      // A named component asked for something it does ("we use aprender-rag; how do we add reranking") is
      // the answer as much as a component named alone is.
      const asked = u.problem.capabilities.some((c) =>
        (lexicon.capabilityHolders.get(c) ?? []).includes(s.name),
      );
      const points = u.asksAboutNamed
        ? WEIGHTS.namedAskedAbout
        : taskEvidence && !asked
          ? WEIGHTS.named
          : WEIGHTS.namedAlone;
      give(s.name, 'named', f.phrase, points);
    } else if (s.kind === 'keyword') {
      if (converting(u) && isMigrationSpan(u, f)) continue;
      const aside = !converting(u) && isLanguageSpan(u, f) ? LANGUAGE_ASIDE_SHARE : 1;
      give(s.component, 'keyword', f.phrase, WEIGHTS.keyword * specificity(f) * aside);
    } else if (s.kind === 'capability') {
      const holders = lexicon.capabilityHolders.get(s.id) ?? [];
      const points = (WEIGHTS.capability * specificity(f)) / Math.sqrt(holders.length);
      for (const c of holders) give(c, 'capability', `${f.phrase} → ${s.id}`, points);
    } else if (s.kind === 'domain') {
      const members = lexicon.domainMembers.get(s.id) ?? [];
      const points = (WEIGHTS.domain * specificity(f)) / Math.sqrt(members.length);
      for (const c of members) give(c, 'domain', `${f.phrase} → ${s.id}`, points);
    } else if (s.kind === 'tool') {
      const replacers = lexicon.toolReplacers.get(s.tool) ?? [];
      const share = converting(u) ? MIGRATED_TOOL_SHARE : 1;
      const points = (share * WEIGHTS.tool) / Math.sqrt(replacers.length);
      for (const c of replacers) give(c, 'replaces', f.phrase, points);
    }
  }
}

function scoreLanguages(components: readonly Component[], u: Understanding, tally: Tally): void {
  const languages = u.problem.languages;
  if (languages.length === 0) return;
  const base = converting(u) ? WEIGHTS.language : WEIGHTS.languageAside;
  const spanOf = (language: string) =>
    u.signals.find((f) => f.signal.kind === 'language' && f.signal.value === language)?.span ??
    u.signals.find((f) => f.signal.kind === 'tool')?.span;
  for (const c of components) {
    const reads = c.languages.reads;
    if (!c.languages.writes.includes('rust')) continue;
    for (const language of languages) {
      if (!reads.includes(language as never)) continue;
      credit(
        tally,
        c.name,
        { signal: 'language', matched: language, points: base / reads.length },
        spanOf(language),
      );
    }
    if (languages.length > 1 && languages.every((l) => reads.includes(l as never))) {
      credit(tally, c.name, { signal: 'languages', matched: languages.join(' + '), points: base });
    }
  }
}

function scorePlatforms(components: readonly Component[], u: Understanding, tally: Tally): void {
  const wanted = [...u.problem.hardware, ...u.problem.deployment]
    .map((h) => PLATFORM_OF[h])
    .filter((p): p is string => p !== undefined);
  for (const c of components) {
    for (const p of new Set(wanted)) {
      if ((c.platforms as readonly string[]).includes(p)) {
        const points = p === 'distributed' ? WEIGHTS.machines : WEIGHTS.platform;
        credit(tally, c.name, { signal: 'platform', matched: p, points });
      }
    }
  }
}

function scoreProfiles(lexicon: Lexicon, u: Understanding, tally: Tally): void {
  for (const [name, profile] of lexicon.profiles) {
    let points = 0;
    const hits: string[] = [];
    for (const [term, weight] of u.terms) {
      const tf = profile.terms.get(term);
      if (tf === undefined) continue;
      const idf = lexicon.idf.get(term) ?? 0;
      points += weight * bm25Weight(tf, idf, profile.length, lexicon.averageLength);
      hits.push(u.words.get(term) ?? term);
    }
    credit(tally, name, { signal: 'profile', matched: hits.join(' '), points: WEIGHTS.profile * points });
  }
}

function scoreSituations(lexicon: Lexicon, u: Understanding, tally: Tally): void {
  // A component counts its best situation only: one description read as several of its capabilities is one piece of evidence.
  const best = new Map<string, ScoreReason>();
  for (const m of u.situations) {
    const holders = lexicon.capabilityHolders.get(m.capability) ?? [];
    const points = (WEIGHTS.situation * m.score) / Math.sqrt(holders.length);
    const matched = `${m.shared.map((t) => u.words.get(t) ?? t).join(' ')} → ${m.capability}`;
    for (const c of holders) {
      if ((best.get(c)?.points ?? 0) < points) best.set(c, { signal: 'situation', matched, points });
    }
  }
  for (const [component, reason] of best) credit(tally, component, reason);
}

/**
 * A task described in other words than the knowledge's (described.ts): each capability or component the
 * question is close to in meaning credits its holders, shared among them as a capability is; a component
 * counts its closest description only.
 */
function scoreDescribed(u: Understanding, tally: Tally): void {
  const best = new Map<string, ScoreReason>();
  for (const m of u.described) {
    const points =
      (WEIGHTS.described * (m.similarity - DESCRIBED_THRESHOLD)) / Math.sqrt(m.target.holders.length);
    const matched = `${m.target.id} (cosine ${m.similarity.toFixed(2)})`;
    for (const c of m.target.holders) {
      if ((best.get(c)?.points ?? 0) < points) best.set(c, { signal: 'meaning', matched, points });
    }
  }
  for (const [component, reason] of best) credit(tally, component, reason);
}

/** The learned model's reading of the question (learned/topic.ts): each probable component is credited. */
function scoreLearned(u: Understanding, tally: Tally): void {
  for (const m of u.learned) {
    if (m.probability < LEARNED_THRESHOLD) break;
    const points = WEIGHTS.learned * (m.probability - LEARNED_THRESHOLD);
    credit(tally, m.component, { signal: 'learned', matched: `p ${m.probability.toFixed(2)}`, points });
  }
}

function scoreProximity(lexicon: Lexicon, u: Understanding, tally: Tally): void {
  const named = new Set(u.problem.components);
  for (const i of lexicon.knowledge.integrations) {
    const near = (component: string, anchor: string) =>
      credit(tally, component, { signal: 'proximity', matched: anchor, points: WEIGHTS.proximity });
    if (named.has(i.from) && !named.has(i.to)) near(i.to, i.from);
    if (named.has(i.to) && !named.has(i.from)) near(i.from, i.to);
  }
}

/** Share of its score a transpiler keeps when the migration starts from a language it cannot read. */
const WRONG_SOURCE_SHARE = 0.5;

/**
 * A C migration should not be answered with the Python transpiler: a component that translates some
 * languages to Rust, none of them the question's source languages, loses half its score.
 */
function wrongSource(component: Component | undefined, u: Understanding, reasons: ScoreReason[]) {
  const languages = u.problem.languages;
  if (component === undefined || !u.problem.migration || languages.length === 0) return null;
  const reads = component.languages.reads as readonly string[];
  if (!component.languages.writes.includes('rust') || reads.length === 0) return null;
  if (languages.some((l) => reads.includes(l))) return null;
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return {
    signal: 'wrong-source',
    matched: languages.join(' + '),
    points: -total * (1 - WRONG_SOURCE_SHARE),
  };
}

/**
 * Share of its score a component that converts none of the source languages keeps in a conversion (0.25-0.4
 * tie on dev questions; 0.5 let a library's replacement lead "convert our multiprocessing python").
 */
const NOT_CONVERTER_SHARE = 0.4;

/**
 * Migration intent: in "convert / port this Python (using pandas) to Rust" the words describe the code to
 * convert, the task is the conversion. Components that do not turn one of its source languages into Rust
 * keep 40 % of their score, so the converter leads and the libraries' replacements follow as supporting.
 */
function conversion(component: Component | undefined, u: Understanding, reasons: readonly ScoreReason[]) {
  if (component === undefined || !converting(u)) return null;
  const reads = component.languages.reads as readonly string[];
  const converts =
    component.languages.writes.includes('rust') && u.problem.languages.some((l) => reads.includes(l));
  if (converts) return null;
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return {
    signal: 'conversion',
    matched: u.problem.languages.join(' + '),
    points: -total * (1 - NOT_CONVERTER_SHARE),
  };
}

/**
 * Share of its score a component that draws nothing keeps when the request asks to see numbers as a picture
 * ("watch the loss go down every epoch"): the picture is the task, the training it shows is its subject
 * (0.25-0.6 tie on dev questions).
 */
const DISPLAY_SHARE = 0.4;

/** Capabilities of drawing numbers as pictures. */
const DRAWS: ReadonlySet<string> = new Set([
  'charts',
  'dashboards',
  'terminal-plots',
  'browser-rendering',
  'gpu-rendering',
]);

function display(component: Component | undefined, u: Understanding, reasons: readonly ScoreReason[]) {
  if (component === undefined || !u.display) return null;
  if (component.capabilities.some((c) => DRAWS.has(c))) return null;
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return { signal: 'display', matched: 'a picture of numbers', points: -total * (1 - DISPLAY_SHARE) };
}

/** Share of its score a component keeps when the question names it only to rule it out. */
const EXCLUDED_SHARE = 0.2;

function exclusion(component: string, u: Understanding, reasons: readonly ScoreReason[]): ScoreReason | null {
  if (!u.excluded.includes(component)) return null;
  const total = reasons.reduce((sum, r) => sum + r.points, 0);
  return { signal: 'excluded', matched: component, points: -total * (1 - EXCLUDED_SHARE) };
}

/** Scores of every component with at least one reason, best first (ties broken by name). */
export function scoreComponents(lexicon: Lexicon, u: Understanding): ComponentScore[] {
  const components = lexicon.knowledge.components;
  const tally: Tally = new Map(components.map((c) => [c.name, []]));
  scoreSignals(lexicon, u, tally);
  scoreLanguages(components, u, tally);
  scorePlatforms(components, u, tally);
  scoreProfiles(lexicon, u, tally);
  scoreSituations(lexicon, u, tally);
  scoreDescribed(u, tally);
  scoreLearned(u, tally);
  scoreProximity(lexicon, u, tally);
  const scores: ComponentScore[] = [];
  for (const [component, credits] of tally) {
    if (credits.length === 0) continue;
    const reasons = resolve(credits);
    const penalty = wrongSource(
      components.find((c) => c.name === component),
      u,
      reasons,
    );
    if (penalty !== null) reasons.push(penalty);
    const support = conversion(
      components.find((c) => c.name === component),
      u,
      reasons,
    );
    if (support !== null) reasons.push(support);
    const drawn = display(
      components.find((c) => c.name === component),
      u,
      reasons,
    );
    if (drawn !== null) reasons.push(drawn);
    const ruledOut = exclusion(component, u, reasons);
    if (ruledOut !== null) reasons.push(ruledOut);
    const score = reasons.reduce((sum, r) => sum + r.points, 0);
    scores.push({ component, score: Math.round(score * 1000) / 1000, reasons });
  }
  return scores.sort((a, b) => b.score - a.score || byName(a.component, b.component));
}
