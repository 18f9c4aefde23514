/**
 * Word senses read from context: a few words mean different things in different questions. "Edge" is a
 * graph's edge or a device at the edge of a network; "network" is a graph or a neural network; "closest"
 * is a route in a graph or the most similar item; "cluster" is a group of machines or groups found in
 * data. Each ambiguous word has a sense that other words of the question must point to; when they do, the
 * word stops counting for its usual sense (the signals named in `usual`) and counts for the other one, and
 * words of the usual sense ("graph", "machines") keep it. The words and their contexts are in sense-table.ts.
 * Pure: tokens in, what each position means out.
 */
import type { Token } from '../text/tokenize.js';
import type { Signal } from './lexicon.js';
import { NEIGHBOUR_SENSES, WORD_SENSES, type WordSense } from './sense-table.js';

/** How a question's ambiguous words are read. */
export interface SenseReading {
  /** Positions read in the sense their context selects, with the signals of the usual sense they drop. */
  readonly other: ReadonlyMap<number, ReadonlySet<string>>;
  /** Positions of ambiguous words their context keeps in the usual sense ("edges of the graph"). */
  readonly usual: ReadonlySet<number>;
  /** Words the other sense stands for, at the position of the word they explain. */
  readonly means: readonly { readonly text: string; readonly position: number }[];
}

type Reading = 'other' | 'usual' | null;

/** The sense one occurrence takes: words next to it decide first, then the rest of the question. */
function senseAt(
  sense: WordSense,
  tokens: readonly Token[],
  i: number,
  present: ReadonlySet<string>,
): Reading {
  const before = tokens[i - 1]?.word ?? '';
  const after = tokens[i + 1]?.word ?? '';
  if (sense.previous?.includes(before) || sense.next?.includes(after)) return 'other';
  if (sense.usualPrevious?.includes(before) || sense.against.some((w) => present.has(w))) return 'usual';
  return sense.context.some((w) => present.has(w)) ? 'other' : null;
}

/** Reads the ambiguous words of a question in the sense their context selects. */
export function readSenses(
  tokens: readonly Token[],
  senses: readonly WordSense[] = [...WORD_SENSES, ...NEIGHBOUR_SENSES],
): SenseReading {
  const present = new Set(tokens.filter((t) => !t.negated).map((t) => t.word));
  const other = new Map<number, ReadonlySet<string>>();
  const usual = new Set<number>();
  const means: { text: string; position: number }[] = [];
  for (const sense of senses) {
    tokens.forEach((t, i) => {
      if (!sense.words.includes(t.word) || t.negated) return;
      const reading = senseAt(sense, tokens, i, present);
      if (reading === 'usual') usual.add(t.position);
      if (reading !== 'other') return;
      other.set(t.position, new Set(sense.usual));
      if (sense.means !== '') means.push({ text: sense.means, position: t.position });
    });
  }
  return { other, usual, means };
}

/** A signal found at a span of question positions (understand.ts's FoundSignal, as far as senses care). */
interface Placed {
  readonly signal: Signal;
  readonly span: readonly [number, number];
}

/** A word its context reads in one sense ("edge device", "edges of the graph") no longer counts for the other. */
export function inOtherSense(senses: SenseReading) {
  return (f: Placed) => {
    const drops = f.span[1] - f.span[0] === 1 ? senses.other.get(f.span[0]) : undefined;
    const s = f.signal;
    if (drops === undefined) return s.kind === 'deployment' && senses.usual.has(f.span[0]);
    return (
      s.kind === 'hardware' ||
      (s.kind === 'language' && drops.has(s.value)) ||
      (s.kind === 'keyword' && drops.has(s.component)) ||
      ((s.kind === 'capability' || s.kind === 'domain') && drops.has(s.id))
    );
  };
}
