/**
 * Checks of data read back from our own files (index rows, JSON kept in the index): a damaged or hand-edited
 * value fails here with the field and what was expected, instead of surfacing later as a wrong answer.
 * Written by hand rather than with zod so that a search, which reads such data, does not load zod (about
 * 17 ms of a fresh process's CPU); zod stays the language of the MCP tools' schemas. The rules are zod's:
 * objects keep only their declared keys, numbers are finite, integers safe, nothing is coerced.
 */

/** Checks `value` (found at `at`, e.g. "explain.legs.bm25") and returns its checked copy; throws ShapeError. */
export type Check<T> = (value: unknown, at: string) => T;

/** A field an object may leave out; the copy then leaves it out too. */
export type OptionalCheck<T> = Check<T | undefined> & { readonly optional: true };

/** The first problem found: where, and what was expected there. */
export class ShapeError extends Error {
  constructor(at: string, expected: string, value: unknown) {
    super(`${at === '' ? 'the value' : at}: expected ${expected}, got ${describe(value)}`);
    this.name = 'ShapeError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Runs a check: the checked copy, or the problem in words. */
export function checkShape<T>(check: Check<T>, value: unknown): { value: T } | { problem: string } {
  try {
    return { value: check(value, '') };
  } catch (error) {
    if (error instanceof ShapeError) return { problem: error.message };
    throw error;
  }
}

/** A finite number, optionally a safe integer and within bounds (zod's `number().int().min().max()`). */
export function number(rule: { int?: boolean; min?: number; max?: number } = {}): Check<number> {
  const expected = [
    rule.int ? 'an integer' : 'a number',
    rule.min === undefined ? '' : ` ≥ ${rule.min}`,
    rule.max === undefined ? '' : ` ≤ ${rule.max}`,
  ].join('');
  return (value, at) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!rule.int || Number.isSafeInteger(value)) &&
      (rule.min === undefined || value >= rule.min) &&
      (rule.max === undefined || value <= rule.max);
    if (!ok) throw new ShapeError(at, expected, value);
    return value as number;
  };
}

export const string: Check<string> = (value, at) => {
  if (typeof value !== 'string') throw new ShapeError(at, 'a string', value);
  return value;
};

export const boolean: Check<boolean> = (value, at) => {
  if (typeof value !== 'boolean') throw new ShapeError(at, 'true or false', value);
  return value;
};

/** One of a few strings or numbers (zod's `enum` and unions of literals). */
export function oneOf<const T extends string | number>(values: readonly T[]): Check<T> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return (value, at) => {
    if (!(values as readonly unknown[]).includes(value)) throw new ShapeError(at, expected, value);
    return value as T;
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, at) => (value === null ? null : check(value, at));
}

export function optional<T>(check: Check<T>): OptionalCheck<T> {
  return Object.assign((value: unknown, at: string) => (value === undefined ? undefined : check(value, at)), {
    optional: true as const,
  });
}

/** A field that takes `fallback()` when it is undefined (zod's `default`): the copy always has it. */
export function withDefault<T>(check: Check<T>, fallback: () => T): Check<T> {
  return (value, at) => (value === undefined ? fallback() : check(value, at));
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) throw new ShapeError(at, 'an array', value);
    return value.map((item, i) => check(item, `${at}[${i}]`));
  };
}

/**
 * An array of exactly these items, each checked in turn (zod's `tuple` without a rest): a shorter or longer
 * array fails.
 */
export function tuple<const T extends readonly unknown[]>(
  checks: {
    readonly [K in keyof T]: Check<T[K]>;
  },
): Check<T> {
  const expected = `an array of ${checks.length} items`;
  return (value, at) => {
    if (!Array.isArray(value) || value.length !== checks.length) throw new ShapeError(at, expected, value);
    return checks.map((check: Check<unknown>, i) => check(value[i], `${at}[${i}]`)) as unknown as T;
  };
}

/** The keys of T that may be left out. */
type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];

/** A check per field of T: an OptionalCheck for the keys T may leave out. */
type Fields<T> = {
  readonly [K in keyof T]-?: K extends OptionalKeys<T>
    ? OptionalCheck<Exclude<T[K], undefined>>
    : Check<T[K]>;
};

/**
 * A plain object with these fields, checked in order; the copy holds only them (other keys are dropped), and
 * an optional field the value leaves out stays out.
 */
export function object<T extends object>(fields: Fields<T>): Check<T> {
  const entries = Object.entries(fields) as Array<[string, Check<unknown> & { optional?: true }]>;
  return (value, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ShapeError(at, 'an object', value);
    const record = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [key, check] of entries) {
      const field = record[key];
      if (field === undefined && check.optional === true && !(key in record)) continue;
      copy[key] = check(field, at === '' ? key : `${at}.${key}`);
    }
    return copy as T;
  };
}
