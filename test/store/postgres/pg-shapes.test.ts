/**
 * The PostgreSQL store's checks (src/store/postgres/pg-shapes.ts) against the zod schemas they replaced:
 * options resolve to the same values or are refused alike; collections rows as node-postgres gives them
 * (bigints as decimal strings, timestamptz as a Date) read the same, and a damaged row is INVALID_DATA naming
 * the collection, in the unit and on the real server. zod's coercion also took values no driver gives for
 * those columns (null, '' or true for a number, a number for a time): they are refused now, and pinned.
 */
import { hostname } from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatutaError } from '../../../src/errors.js';
import { PgIndexStore } from '../../../src/store/postgres/pg-index-store.js';
import { resolveStoreOptions, toPgChunk, toPgCollection } from '../../../src/store/postgres/pg-shapes.js';
import { chunkRow, codeOf, mutated, oddValue, RUNS, sameAs } from '../../shape-values.js';
import { skipWithoutPostgres, useTestDatabase } from './server.js';

const skip = skipWithoutPostgres('pg-shapes.test.ts');

/** The zod schemas as they stood in pg-index-store.ts before the checks were written by hand. */
const zodCollection = z
  .object({
    id: z.coerce.number().int(),
    name: z.string(),
    root: z.string(),
    chunker: z.string(),
    embedder: z.string().nullable(),
    generation: z.coerce.number().int(),
    chunk_count: z.coerce.number().int(),
    updated_at: z.coerce.date(),
    fusion: z.string().nullable().default(null),
  })
  .transform(({ chunk_count, updated_at, ...rest }) => ({
    ...rest,
    chunks: chunk_count,
    updatedAt: updated_at.toISOString(),
  }));

const zodOptions = z.object({
  readUrl: z.string().nullable().default(null),
  create: z.boolean().default(false),
  maxConnections: z.number().int().min(1).max(100).default(4),
  searchTimeoutMs: z.number().int().min(1).default(10_000),
  applicationName: z.string().default(`batuta ${hostname()} pid ${process.pid}`),
});

/** A collections row as node-postgres gives it, every column of the table. */
const ROW = {
  id: '3',
  name: 'flask',
  root: '/docs',
  chunker: 'c7',
  embedder: null,
  updated_at: new Date('2026-12-06T07:00:00Z'),
  generation: '4',
  skipped: '0',
  chunk_count: '50',
  token_count: '900',
  fusion: null,
  chrome: null,
};

/** What the driver gives for bigint and timestamptz columns, on and past their edges. */
const driverValue = fc.constantFrom<unknown>(
  '9223372036854775807',
  '9007199254740991',
  '-12',
  '007',
  '-0',
  '1.5',
  '+5',
  ' 5',
  '0x10',
  Number.NEGATIVE_INFINITY,
  new Date(0),
  new Date(Number.NaN),
  '2026-01-01',
  'soon',
);

const BIGINTS = ['id', 'generation', 'chunk_count'];

/** A row with a value only zod's coercion took: a bigint that is neither a number nor a decimal string,
 *  or a time that is neither a Date nor a string. */
function coercedOnly(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  const decimal = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v));
  const time = row['updated_at'];
  return BIGINTS.some((key) => !decimal(row[key])) || !(time instanceof Date || typeof time === 'string');
}

describe('checks of PostgreSQL collections rows', () => {
  it('read what zod read, refuse what it refused, and refuse only coerced values besides', () => {
    fc.assert(
      fc.property(mutated(ROW, fc.oneof(oddValue, driverValue)), (value) => {
        const expected = zodCollection.safeParse(value);
        const code = codeOf(() => toPgCollection(value));
        if (code === null) {
          expect(expected.success).toBe(true);
          expect(toPgCollection(value)).toStrictEqual(expected.data);
        } else {
          expect(code).toBe('INVALID_DATA');
          if (expected.success) expect(coercedOnly(value)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('read a row as the driver gives it, and one without the fusion column', () => {
    const { fusion: _, ...older } = ROW;
    for (const row of [ROW, older])
      expect(toPgCollection(row)).toStrictEqual({
        id: 3,
        name: 'flask',
        root: '/docs',
        chunker: 'c7',
        embedder: null,
        generation: 4,
        fusion: null,
        chunks: 50,
        updatedAt: '2026-12-06T07:00:00.000Z',
      });
  });

  it('refuse a damaged row with INVALID_DATA naming the collection and the column', () => {
    for (const damaged of [
      { ...ROW, updated_at: Number.POSITIVE_INFINITY },
      { ...ROW, generation: '9223372036854775807' },
      { ...ROW, chunker: null },
    ]) {
      expect(zodCollection.safeParse(damaged).success).toBe(false);
      const error = (() => {
        try {
          toPgCollection(damaged);
        } catch (thrown) {
          return thrown as BatutaError;
        }
        throw new Error('expected a refusal');
      })();
      expect(error.code).toBe('INVALID_DATA');
      expect(error.details).toEqual({ collection: 'flask' });
      expect(error.message).toContain('"flask"');
      expect(error.fixes).toEqual([{ kind: 'index', folder: '/docs', collection: 'flask', db: 'URL' }]);
    }
  });

  it('refuse what only zod’s coercion took', () => {
    for (const coerced of [
      { ...ROW, generation: null },
      { ...ROW, chunk_count: '' },
      { ...ROW, id: true },
      { ...ROW, updated_at: null },
      { ...ROW, updated_at: 0 },
    ]) {
      expect(zodCollection.safeParse(coerced).success).toBe(true);
      expect(codeOf(() => toPgCollection(coerced))).toBe('INVALID_DATA');
    }
  });
});

describe('the PostgreSQL store options', () => {
  const valid = {
    readUrl: 'postgres://replica/db',
    create: true,
    maxConnections: 8,
    searchTimeoutMs: 200,
    applicationName: 'batuta indexer',
  };

  it('resolve as zod resolved them, defaults included, or are refused with INVALID_INPUT', () => {
    fc.assert(
      fc.property(mutated(valid), (value) => {
        const resolve = (v: unknown) => resolveStoreOptions(v as object);
        sameAs(zodOptions.parse, resolve, value);
        const expected = zodOptions.safeParse(value);
        if (!expected.success) expect(codeOf(() => resolve(value))).toBe('INVALID_INPUT');
      }),
      RUNS,
    );
  });

  it('default to one pool of 4, a 10 s search limit and a name that says which process', () => {
    const options = resolveStoreOptions({});
    expect(options).toMatchObject({
      readUrl: null,
      create: false,
      maxConnections: 4,
      searchTimeoutMs: 10_000,
    });
    expect(options.applicationName).toContain(`pid ${process.pid}`);
  });
});

describe('checks of PostgreSQL heading paths (jsonb, read already parsed)', () => {
  const zodHeadings = z.array(z.string());
  const row = (headings: unknown) => chunkRow('1', headings);

  it('accept and refuse what zod did, refusing with INVALID_DATA', () => {
    const value = fc.oneof(fc.jsonValue(), fc.array(fc.string()), fc.constant(undefined));
    fc.assert(
      fc.property(value, (headings) => {
        const expected = zodHeadings.safeParse(headings);
        expect(codeOf(() => toPgChunk(row(headings)))).toBe(expected.success ? null : 'INVALID_DATA');
        if (expected.success) expect(toPgChunk(row(headings)).headings).toEqual(expected.data);
      }),
      RUNS,
    );
  });
});

describe.skipIf(skip)('damaged collections rows on the real server', () => {
  const db = useTestDatabase();
  let store: PgIndexStore;

  beforeAll(async () => {
    store = await PgIndexStore.open(db.url, { create: true });
  });
  afterAll(async () => {
    await store?.close();
  });

  const damage = (name: string, set: string) =>
    db.query(`UPDATE batuta.collections SET ${set} WHERE name = $1`, [name]);

  async function refusal(work: () => Promise<unknown>): Promise<BatutaError> {
    const error = await work().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof BatutaError)) throw new Error(`expected a BatutaError, got ${String(error)}`);
    return error;
  }

  it('are INVALID_DATA naming the collection, and removing the collection clears them', async () => {
    await store.saveCollection('forever', '/forever', 'v1');
    await store.saveCollection('huge', '/huge', 'v1');
    await damage('forever', "updated_at = 'infinity'");
    await damage('huge', 'generation = 9223372036854775807');
    const listed = await refusal(() => store.listCollections());
    expect(listed.code).toBe('INVALID_DATA');
    expect(listed.details).toEqual({ collection: 'forever' });
    const huge = await refusal(() => store.getCollection('huge'));
    expect(huge.details).toEqual({ collection: 'huge' });
    expect(await store.removeCollection('forever')).toBe(true);
    expect(await store.removeCollection('huge')).toBe(true);
    expect(await store.listCollections()).toEqual([]);
  });
});
