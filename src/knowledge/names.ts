/**
 * Name matching for the knowledge graph: what people type ("WebAssembly", "Trueno DB", "graphs",
 * "scikit learn") is normalised the same way as the names in the data, and unknown names get
 * "did you mean" suggestions by Levenshtein distance (Levenshtein 1966).
 */

import { say, type Text } from '../fixes.js';
import type { Component } from './schema.js';

/** The crate names a component is published under now or was before, other than its name here. */
export function publishedNames(component: Component): string[] {
  const published = component.published;
  if (published === undefined) return [];
  return [...new Set([published.crate, ...published.earlier])].filter((n) => n !== component.name);
}

/** Where a component is published now, as listings print it: `{ published: { crate, repository, since } }`, or `{}`. */
export function publishedField(component: Component): {
  published?: { crate: string; repository: string; since?: string };
} {
  const p = component.published;
  if (p === undefined) return {};
  return {
    published: {
      crate: p.crate,
      repository: p.repository,
      ...(p.since === undefined ? {} : { since: p.since }),
    },
  };
}

/** "published as aprender-serve (https://github.com/paiml/aprender, since 2026)", or null when unchanged. */
export function describePublished(component: Component): string | null {
  const p = component.published;
  if (p === undefined) return null;
  const where = p.since === undefined ? p.repository : `${p.repository}, since ${p.since}`;
  const earlier = p.earlier.filter((n) => n !== p.crate);
  const before = earlier.length === 0 ? '' : `; earlier ${earlier.join(', ')}`;
  return `${p.crate} (${where}${before})`;
}

/** Words that carry no meaning in a lookup such as "Which components support WASM?". */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'which',
  'what',
  'who',
  'component',
  'components',
  'support',
  'supports',
  'supporting',
  'supported',
  'have',
  'has',
  'having',
  'with',
  'can',
  'do',
  'does',
  'that',
  'for',
  'of',
  'me',
  'i',
  'is',
  'are',
  'capability',
  'capabilities',
  'feature',
  'features',
  'tool',
  'tools',
]);

/** Strips a plural "s" from one lower-case word, leaving words like "bias", "class", "aws" alone. */
function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (/(ss|us|is|ics)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/** Lower-cases, turns hyphens, underscores and slashes into spaces, drops plurals and punctuation at word ends. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_/,;:!?"'()]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/\.+$/, ''))
    .filter((w) => w !== '')
    .map(singular)
    .join(' ');
}

/** The normalised words of `text` without filler words ("support WASM" -> "wasm"). */
export function coreWords(text: string): string {
  return normalizeName(text)
    .split(' ')
    .filter((w) => !FILLER.has(w))
    .join(' ');
}

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `limit` of `candidates` closest to `typed`, closest first, within a distance that grows with
 * the length of the word; the candidates are shown as given (display form), compared normalised.
 */
export function suggest(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = normalizeName(typed);
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    const normal = normalizeName(candidate);
    // The distance is at least the difference in length: skip the O(n·m) table when that is already too far.
    if (Math.abs(normal.length - wanted.length) > budget) continue;
    const distance = editDistance(wanted, normal);
    const best = scored.get(candidate);
    if (distance <= budget && (best === undefined || distance < best)) scored.set(candidate, distance);
  }
  return [...scored]
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([candidate]) => candidate);
}

/** " (did you mean a, b? or ADVICE)", or " (ADVICE)" when nothing is close: the fix part of a not-found message. */
export function fixHint(suggestions: readonly string[], advice: Text): Text {
  return suggestions.length === 0
    ? say` (${advice})`
    : say` (did you mean ${suggestions.join(', ')}? or ${advice})`;
}
