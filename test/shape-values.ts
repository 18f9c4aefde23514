/**
 * Values for the property tests that pin a hand-written check (src/shapes.ts and its users) against the zod
 * schema it replaced: odd values on every rule's edge, valid values mutated with them, and the comparison.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { BatutaError } from '../src/errors.js';

/** Runs of every property, seeded so a failure repeats. */
export const RUNS = { numRuns: 300, seed: 1211 };

/** Values that sit on every rule's edge: integers, fractions, the unsafe and non-finite, wrong types. */
export const oddValue = fc.constantFrom<unknown>(
  0,
  -0,
  1,
  2,
  -1,
  0.5,
  1.5,
  2 ** 53,
  2 ** 53 - 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'rrf',
  'convex',
  'bm25',
  'dense',
  '7',
  null,
  undefined,
  true,
  false,
  [],
  ['a'],
  {},
  { bm25: 0.5, dense: 0.25 },
);

/** A valid value with some fields replaced by odd ones, some removed and one unknown key added; now and then
 *  an odd value instead of the object. */
export function mutated(
  valid: Record<string, unknown>,
  odd: fc.Arbitrary<unknown> = oddValue,
): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const changed = fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...keys), odd, { maxKeys: 3 }),
      drop: fc.subarray(keys, { maxLength: 2 }),
      extra: fc.boolean(),
    })
    .map(({ replace, drop, extra }) => {
      const value: Record<string, unknown> = { ...valid, ...replace };
      for (const key of drop) delete value[key];
      if (extra) value['unknown'] = 'kept out';
      return value;
    });
  return fc.oneof({ arbitrary: changed, weight: 9 }, { arbitrary: odd, weight: 1 });
}

/** A valid tuple with some items replaced by odd ones, cut short or made longer. */
export function mutatedTuple(valid: readonly unknown[]): fc.Arbitrary<unknown> {
  const changed = fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...valid.keys()).map(String), oddValue, { maxKeys: 2 }),
      length: fc.constantFrom(valid.length, valid.length, valid.length, valid.length - 1, valid.length + 1),
    })
    .map(({ replace, length }) => {
      const value = [...valid];
      for (const [i, odd] of Object.entries(replace)) value[Number(i)] = odd;
      value.length = length;
      return value.fill(null, valid.length);
    });
  return fc.oneof({ arbitrary: changed, weight: 9 }, { arbitrary: oddValue, weight: 1 });
}

/** zod's copy or null, and ours: equal, key order included. */
export function sameAs(
  zodParse: (v: unknown) => unknown,
  ours: (v: unknown) => unknown,
  value: unknown,
): void {
  let expected: string | null = null;
  let actual: string | null = null;
  try {
    expected = JSON.stringify(zodParse(value) ?? null);
  } catch {
    expected = null;
  }
  try {
    actual = JSON.stringify(ours(value) ?? null);
  } catch (error) {
    if (!(error instanceof BatutaError)) throw error;
    actual = null;
  }
  expect(actual).toBe(expected);
}

/** The code of the BatutaError `work` throws, null when it returns, OTHER for anything else thrown. */
export function codeOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof BatutaError ? error.code : 'OTHER';
  }
}

/** A chunks row read with its collection name; the heading path as the store keeps it (SQLite: JSON text,
 *  PostgreSQL: jsonb the driver has parsed). */
export function chunkRow<I, H, M = null>(id: I, headings: H, members: M = null as M) {
  return {
    id,
    source: 'a.md',
    collection: 'c',
    component: null,
    headings,
    line_start: 1,
    line_end: 2,
    text: 'x',
    members,
  };
}
