/**
 * Turns component scores into the parts of an answer: confidences, rationales, supporting components
 * tied to the integrations that link them, a fitting recipe and related questions. Confidence grows
 * with the primary's score and with its margin over the runner-up; it is a ranking signal, not a
 * probability.
 */

import type { Component, Integration, Knowledge, Recipe } from '../knowledge/schema.js';
import { byName } from '../text/order.js';
import type {
  ComponentScore,
  Example,
  IntegrationStep,
  PublishedAs,
  ScoreReason,
  SupportingPick,
} from './types.js';

/** Score at which confidence reaches about 63 % of its margin-limited ceiling. */
const CONFIDENCE_SCALE = 3;
const MAX_SUPPORTING = 3;
/** Candidates scoring below this share of the primary's score are not worth suggesting on score alone. */
const SUPPORT_SHARE = 0.3;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Where a component is published now, as answers carry it (its crate may have another name). */
export function publishedAs(component: Component): { published?: PublishedAs } {
  const p = component.published;
  if (p === undefined) return {};
  const since = p.since === undefined ? {} : { since: p.since };
  return { published: { crate: p.crate, repository: p.repository, ...since } };
}

/** Confidence of the primary pick from its score and its margin over the runner-up. */
export function primaryConfidence(top: number, runnerUp: number): number {
  const strength = 1 - Math.exp(-top / CONFIDENCE_SCALE);
  const margin = top > 0 ? (top - runnerUp) / top : 0;
  return round2(Math.min(0.99, Math.max(0.05, strength * (0.55 + 0.45 * margin))));
}

function describeReason(r: ScoreReason): string {
  switch (r.signal) {
    case 'named':
      return 'named in the question';
    case 'replaces':
      return `replaces ${r.matched}`;
    case 'language':
    case 'languages':
      return `reads ${r.matched} and writes Rust`;
    case 'capability':
    case 'domain':
    case 'keyword':
      return `matches "${r.matched}"`;
    case 'platform':
      return `runs on ${r.matched}`;
    case 'proximity':
      return `integrates with ${r.matched}`;
    case 'wrong-source':
      return `but it does not read ${r.matched}`;
    case 'meaning':
      return `the task reads like ${r.matched.replace(/ \(cosine .*\)$/, '')}`;
    case 'situation': {
      const [words = '', capability = r.matched] = r.matched.split(' → ');
      return `"${words}" describes ${capability}`;
    }
    case 'learned':
      return `questions worded like this one went to it (learned model, ${Math.round(Number(r.matched.replace(/^p /, '')) * 100)}%)`;
    default:
      return `its description covers ${r.matched.split(' ').slice(0, 4).join(', ')}`;
  }
}

/** A one-sentence rationale: what the component is and the strongest reasons it scored. */
export function rationaleFor(component: Component, score: ComponentScore): string {
  const reasons = score.reasons.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
  const phrases = [...new Set(reasons.map(describeReason))].slice(0, 3);
  const summary = component.summary.replace(/\.$/, '');
  return phrases.length === 0 ? `${summary}.` : `${summary}; ${phrases.join('; ')}.`;
}

/** The primary's capabilities that the question asked for, else the ones closest to its words. */
export function relevantCapabilities(
  capabilityStems: ReadonlyMap<string, ReadonlySet<string>>,
  component: Component,
  asked: readonly string[],
  words: ReadonlySet<string>,
): string[] {
  const matched = component.capabilities.filter((c) => asked.includes(c));
  if (matched.length > 0) return matched;
  const overlap = (id: string) => {
    let hits = 0;
    for (const s of capabilityStems.get(id) ?? []) if (words.has(s)) hits += 1;
    return hits;
  };
  const ranked = component.capabilities
    .map((id, order) => ({ id, hits: overlap(id), order }))
    .sort((a, b) => b.hits - a.hits || a.order - b.order);
  return ranked.slice(0, 3).map((r) => r.id);
}

function linkBetween(integrations: readonly Integration[], a: string, chosen: readonly string[]) {
  for (const other of chosen) {
    const link = integrations.find(
      (i) => (i.from === other && i.to === a) || (i.from === a && i.to === other),
    );
    if (link !== undefined) return link;
  }
  return undefined;
}

/** Supporting picks, each tied to an integration with the primary or an earlier pick, best first. */
export function pickSupporting(
  knowledge: Knowledge,
  scores: readonly ComponentScore[],
  primary: string,
  primaryConf: number,
  named: readonly string[],
  excluded: readonly string[] = [],
): { picks: SupportingPick[]; steps: IntegrationStep[] } {
  const top = scores[0]?.score ?? 1;
  const scoreOf = (name: string) => scores.find((s) => s.component === name);
  const neighbours = knowledge.integrations.flatMap((i) =>
    i.from === primary ? [i.to] : i.to === primary ? [i.from] : [],
  );
  const byScore = (a: string, b: string) =>
    (scoreOf(b)?.score ?? 0) - (scoreOf(a)?.score ?? 0) || byName(a, b);
  const strong = scores.filter((s) => s.score >= SUPPORT_SHARE * top).map((s) => s.component);
  const candidates = [...new Set([...named, ...strong, ...[...new Set(neighbours)].sort(byScore)])];
  const picks: SupportingPick[] = [];
  const steps: IntegrationStep[] = [];
  const chosen = [primary];
  const add = (name: string): boolean => {
    if (picks.length >= MAX_SUPPORTING || chosen.includes(name) || excluded.includes(name)) return false;
    const link = linkBetween(knowledge.integrations, name, chosen);
    const component = knowledge.components.find((c) => c.name === name);
    if (link === undefined || component === undefined) return false;
    if (!strong.includes(name) && !named.includes(name) && picks.length >= 2) return false;
    const share = (scoreOf(name)?.score ?? 0) / top;
    const partner = link.from === name ? link.to : link.from;
    picks.push({
      component: name,
      confidence: round2(primaryConf * (0.35 + 0.65 * Math.min(1, share))),
      rationale: `${component.summary.replace(/\.$/, '')}; ${link.pattern} with ${partner}.`,
      via: link.pattern,
      ...publishedAs(component),
    });
    steps.push({ from: link.from, to: link.to, pattern: link.pattern, description: link.description });
    chosen.push(name);
    return true;
  };
  // A named component with no integration to the primary joins as soon as one it integrates with is chosen.
  for (const name of candidates) if (add(name)) for (const other of named) add(other);
  return { picks, steps };
}

/** The recipe that best fits the question among those using the primary component, if any. */
export function pickExample(
  recipes: readonly Recipe[],
  recipeStems: ReadonlyMap<string, ReadonlySet<string>>,
  primary: string,
  words: ReadonlySet<string>,
): Example | null {
  let best: { recipe: Recipe; points: number } | null = null;
  for (const recipe of recipes) {
    const rank = recipe.components.indexOf(primary);
    if (rank < 0) continue;
    let hits = 0;
    for (const s of recipeStems.get(recipe.id) ?? []) if (words.has(s)) hits += 1;
    const points = hits + (rank === 0 ? 0.5 : 0);
    if (best === null || points > best.points) best = { recipe, points };
  }
  if (best === null || best.points < 1) return null;
  return { recipe: best.recipe.id, problem: best.recipe.problem, code: best.recipe.code };
}

/** Follow-up questions worth asking, built from the answer's components and recipes. */
export function relatedQuestions(
  recipes: readonly Recipe[],
  primary: string,
  supporting: readonly string[],
  runnerUp: string | null,
  example: string | null,
): string[] {
  const related: string[] = supporting.slice(0, 2).map((s) => `How do ${primary} and ${s} work together?`);
  if (runnerUp !== null && !supporting.includes(runnerUp)) {
    related.push(`When should I use ${runnerUp} instead of ${primary}?`);
  }
  for (const r of recipes) {
    if (related.length >= 4) break;
    if (r.components[0] === primary && r.id !== example) related.push(r.problem);
  }
  return related.slice(0, 4);
}
