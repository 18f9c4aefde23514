/**
 * Negation scoped to components: a question that rules out a kind of tool ("without a vector store",
 * "no plotting", "no deep learning") rules out the few components that are that kind of tool, unless the
 * question also asks for them by something else it wants. Pure.
 */
import { matchPhrases, type PhraseMatch } from '../text/phrases.js';
import { tokenize } from '../text/tokenize.js';
import type { Lexicon, Signal } from './lexicon.js';
import { ALGORITHMS } from './vocabulary.js';

/** A capability held by more components than this names no particular component. */
const MAX_HOLDERS = 2;

function holdersOf(lexicon: Lexicon, signal: Signal): readonly string[] {
  // A domain is a field ("quality" holds testing and code grading): one of its words ruled out ("not the
  // tests") names no component of it in particular, so only capabilities rule components out.
  const holders = signal.kind === 'capability' ? lexicon.capabilityHolders.get(signal.id) : undefined;
  return holders !== undefined && holders.length <= MAX_HOLDERS ? holders : [];
}

/** The capability signals a match stands for, through its expansion for concepts and algorithms. */
function meaningOf(lexicon: Lexicon, values: readonly Signal[]): Signal[] {
  const direct = values.filter((v) => v.kind === 'capability');
  const text = values
    .map((v) =>
      v.kind === 'concept'
        ? v.expands
        : v.kind === 'algorithm'
          ? (ALGORITHMS.find((a) => a.id === v.id)?.expands ?? '')
          : '',
    )
    .join(' . ');
  if (text.trim() === '.' || text.trim() === '') return direct;
  const expanded = matchPhrases(lexicon.phrases, tokenize(text, lexicon.stemWord)).flatMap((m) => m.values);
  return [...direct, ...expanded.filter((v) => v.kind === 'capability')];
}

/** Components the question wants through something it did not negate. */
function wanted(lexicon: Lexicon, matches: readonly PhraseMatch<Signal>[]): Set<string> {
  const out = new Set<string>();
  for (const m of matches.filter((x) => !x.negated)) {
    for (const v of m.values) {
      if (v.kind === 'component') out.add(v.name);
      if (v.kind === 'keyword') out.add(v.component);
    }
    for (const v of meaningOf(lexicon, m.values)) for (const c of holdersOf(lexicon, v)) out.add(c);
  }
  return out;
}

/** Components ruled out by what the question negates; named components are handled by the caller. */
export function ruledOutComponents(lexicon: Lexicon, matches: readonly PhraseMatch<Signal>[]): string[] {
  const keep = wanted(lexicon, matches);
  const out = new Set<string>();
  // Ruling out a tool by name ("without strace") rules out that tool, not the component that replaces it.
  for (const m of matches.filter((x) => x.negated && !x.values.some((v) => v.kind === 'tool'))) {
    for (const v of meaningOf(lexicon, m.values)) {
      for (const c of holdersOf(lexicon, v)) if (!keep.has(c)) out.add(c);
    }
  }
  return [...out].sort();
}
