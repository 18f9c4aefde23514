/**
 * Questions about fields the stack does not work in. Shared words are no evidence of a task: "port
 * forwarding on the router" shares "port" with a migration, "a kernel panic" shares "kernel" with a
 * syscall tracer, "a sourdough recipe" shares "recipe" with a model registry. When a question names a
 * field outside the stack (outside-table.ts), the stack words that field borrows are read in its sense
 * and count for nothing; so is a unit written after a number ("20 min"). The question is also marked as
 * naming an outside field, which lets the recommender ask for evidence of a task, not of shared words.
 * Pure: tokens in, positions out.
 */
import type { Token } from '../text/tokenize.js';
import { OUTSIDE_FIELDS, type OutsideField, UNITS_AFTER_NUMBER } from './outside-table.js';

/** How a question touches fields outside the stack. */
export interface OutsideReading {
  /** The fields the question names (not negated), by their table name. */
  readonly fields: readonly string[];
  /** Positions of words read outside the stack: the fields' names and the words they borrow. */
  readonly positions: ReadonlySet<number>;
}

/** Positions of the words of a name ("kernel panic") wherever they stand in a row, not negated. */
function namePositions(tokens: readonly Token[], name: string): number[] {
  const parts = name.split(' ');
  const out: number[] = [];
  tokens.forEach((_, i) => {
    const run = tokens.slice(i, i + parts.length);
    if (run.length === parts.length && run.every((t, k) => t.word === parts[k] && !t.negated)) {
      out.push(...run.map((t) => t.position));
    }
  });
  return out;
}

/** Reads which outside fields a question names and which of its words are theirs. */
export function readOutside(
  tokens: readonly Token[],
  fields: readonly OutsideField[] = OUTSIDE_FIELDS,
): OutsideReading {
  const positions = new Set<number>();
  const named: string[] = [];
  for (const field of fields) {
    const at = field.names.flatMap((name) => namePositions(tokens, name));
    if (at.length === 0) continue;
    named.push(field.field);
    for (const p of at) positions.add(p);
    for (const t of tokens) if (field.borrows.includes(t.word)) positions.add(t.position);
  }
  tokens.forEach((t, i) => {
    if (UNITS_AFTER_NUMBER.has(t.word) && tokens[i - 1]?.numeric === true) positions.add(t.position);
  });
  return { fields: named, positions };
}

/** Does a span of question positions hold a word read outside the stack? */
export function touchesOutside(reading: OutsideReading, span: readonly [number, number]): boolean {
  for (let p = span[0]; p < span[1]; p += 1) if (reading.positions.has(p)) return true;
  return false;
}

/**
 * Words read in an outside field's sense ("port" of a router) are evidence of nothing in the stack; a
 * component or a replaced tool named is still what it names.
 */
export function stackSignal(reading: OutsideReading) {
  return (f: { readonly signal: { readonly kind: string }; readonly span: readonly [number, number] }) =>
    f.signal.kind === 'component' || f.signal.kind === 'tool' || !touchesOutside(reading, f.span);
}
