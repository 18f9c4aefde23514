/**
 * The hand-written checks of data read back from disk (src/shapes.ts) against the zod schemas they replaced,
 * kept here as the reference: the same values are accepted, the copies are equal key for key (unknown keys
 * dropped, optional keys left out), and what zod refused fails with the same error code.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidDataError } from '../src/errors.js';
import { checkModelHeader } from '../src/oracle/learned/model-file.js';
import { decodeChromeRecord } from '../src/retrieval/documents/chrome-record.js';
import { SHINGLING } from '../src/retrieval/documents/compilations.js';
import { LINE_KEYS } from '../src/retrieval/documents/repeated-chrome.js';
import { FUSION_RECORD_VERSION, parseFusionRecord } from '../src/retrieval/fusion/record.js';
import { decodePagesRecord, VERDICTS } from '../src/retrieval/indexing/pages-record.js';
import { array, checkShape, number, object, optional, string, tuple } from '../src/shapes.js';
import { IndexStore } from '../src/store/index-store.js';
import { toChunk, toCollection, toCollectionHead } from '../src/store/rows.js';
import { chunkRow, codeOf, mutated, mutatedTuple, RUNS, sameAs } from './shape-values.js';
import { tempDir } from './temp-dirs.js';

/** The zod schemas as they stood before the checks were written by hand. */
const zodHead = z.object({
  id: z.number().int(),
  name: z.string(),
  root: z.string(),
  chunker: z.string(),
  embedder: z.string().nullable(),
  updated_at: z.string(),
  generation: z.number().int(),
  vector_generation: z.number().int(),
});
const zodRow = zodHead.extend({ documents: z.number().int(), chunks: z.number().int() });
const zodFileState = z.object({
  maxId: z.number().int(),
  live: z.number().int(),
  sha256: z.string().optional(),
  bytes: z.number().int().optional(),
});
const zodRecord = z.object({
  version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(FUSION_RECORD_VERSION)]),
  firstStage: z.object({
    method: z.enum(['rrf', 'convex']),
    rrfK: z.number().min(0),
    bm25Weight: z.number().min(0),
    denseWeight: z.number().min(0),
  }),
  rerankShare: z.number().min(0).max(1).nullable(),
  reranker: z.string().nullable(),
  embedder: z.string(),
  explain: z.object({
    questions: z.number().int(),
    headings: z.number().int(),
    sentences: z.number().int(),
    seed: z.number().int(),
    heldOut: z.boolean(),
    legs: z.object({ bm25: z.number(), dense: z.number() }),
    strongerLeg: z.object({ leg: z.enum(['bm25', 'dense']), p: z.number() }).optional(),
    firstStages: z.array(z.object({ stage: z.string(), ndcg: z.number() })),
    anchor: z.string().optional(),
    p: z.number().optional(),
    rerankShares: z.array(z.object({ share: z.number(), ndcg: z.number() })),
    shareAnchor: z.number().optional(),
    shareP: z.number().optional(),
    chosen: z.string(),
    seconds: z.number(),
  }),
});

const zodPagesRecord = z.object({
  shingling: z.literal(SHINGLING),
  lineKeys: z.literal(LINE_KEYS),
  verdicts: z.literal(VERDICTS),
  pages: z.array(
    z.tuple([
      z.string(),
      z.number(),
      z.number(),
      z.string().nullable(),
      z.string().nullable(),
      z.string().nullable(),
      z.string().nullable(),
      z.boolean(),
    ]),
  ),
  compilations: z.array(z.tuple([z.string(), z.number().int(), z.number()])),
});

const zodChromeRecord = z.object({
  lineKeys: z.literal(LINE_KEYS),
  pages: z.number().int().nonnegative(),
  lines: z.array(z.tuple([z.number().int(), z.number().int()])),
});

const HEAD = {
  id: 3,
  name: 'flask',
  root: '/docs',
  chunker: 'c7',
  embedder: null,
  updated_at: '2026-12-06T07:00:00Z',
  generation: 4,
  vector_generation: 4,
};

describe('checks of collection rows', () => {
  const renamed = (row: z.infer<typeof zodHead>) => {
    const { updated_at, vector_generation, ...rest } = row;
    return { ...rest, updatedAt: updated_at, vectorGeneration: vector_generation };
  };

  it('accept and refuse what zod did, with equal copies', () => {
    const row = { ...HEAD, documents: 10, chunks: 50 };
    fc.assert(
      fc.property(mutated(row), (value) => {
        sameAs(
          (v) => renamed(zodRow.parse(v)),
          (v) => toCollection(v as Record<string, unknown>),
          value,
        );
        sameAs(
          (v) => renamed(zodHead.parse(v)),
          (v) => toCollectionHead(v as Record<string, unknown>),
          value,
        );
      }),
      RUNS,
    );
  });

  it('refuse a damaged row with INVALID_DATA and name the field', () => {
    expect(codeOf(() => toCollectionHead({ ...HEAD, generation: 1.5 }))).toBe('INVALID_DATA');
    expect(() => toCollectionHead({ ...HEAD, name: 7 })).toThrow(/name: expected a string, got a number/);
    expect(codeOf(() => toCollection(HEAD))).toBe('INVALID_DATA');
  });
});

describe('checks of heading paths', () => {
  const zodHeadings = z.array(z.string());
  const row = (headings: string) => chunkRow(1, headings);

  it('accept and refuse what zod did', () => {
    const json = fc.oneof(
      fc.json(),
      fc.array(fc.string()).map((a) => JSON.stringify(a)),
      fc.constant('not json'),
    );
    fc.assert(
      fc.property(json, (text) => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        const expected = zodHeadings.safeParse(parsed);
        const code = codeOf(() => toChunk(row(text)));
        expect(code).toBe(expected.success ? null : 'INVALID_DATA');
        if (expected.success) expect(toChunk(row(text)).headings).toEqual(expected.data);
      }),
      RUNS,
    );
  });
});

describe('checks of the learned model header', () => {
  const zodHeader = z.strictObject({
    key: z.string().min(1),
    classes: z.array(z.string().min(1)).min(2),
    features: z.number().int().nonnegative(),
    dim: z.number().int().nonnegative(),
    denseScale: z.number().nonnegative(),
    wordsKey: z.string().nullable(),
  });
  const valid = { key: 'k', classes: ['a', 'b'], features: 3, dim: 2, denseScale: 1.5, wordsKey: null };
  const ours = (value: unknown) => {
    const result = checkShape(checkModelHeader, value);
    if ('problem' in result) throw new InvalidDataError(result.problem);
    return result.value;
  };

  it('accept and refuse what zod did, with equal copies', () => {
    fc.assert(
      fc.property(mutated(valid), (value) => sameAs((v) => zodHeader.parse(v), ours, value)),
      RUNS,
    );
  });

  it('refuse what zod refused on each rule’s edge', () => {
    for (const value of [
      { ...valid, key: '' },
      { ...valid, classes: ['a'] },
      { ...valid, classes: ['a', ''] },
      { ...valid, features: -1 },
      { ...valid, denseScale: -0.5 },
      { ...valid, wordsKey: 'w' },
      { ...valid, classes: ['a', 'b', 'c'], features: 0, dim: 0, denseScale: 0 },
      JSON.parse(
        '{"key":"k","classes":["a","b"],"features":3,"dim":2,"denseScale":1,"wordsKey":null,"toString":1}',
      ),
      JSON.parse(
        '{"key":"k","classes":["a","b"],"features":3,"dim":2,"denseScale":1,"wordsKey":null,"__proto__":{}}',
      ),
    ])
      sameAs((v) => zodHeader.parse(v), ours, value);
  });
});

describe('checks of fusion records', () => {
  const valid = {
    version: FUSION_RECORD_VERSION,
    firstStage: { method: 'rrf', rrfK: 60, bm25Weight: 1, denseWeight: 1 },
    rerankShare: 1,
    reranker: 'file-reranker-v3',
    embedder: 'word-embedder',
    explain: {
      questions: 200,
      headings: 190,
      sentences: 10,
      seed: 7,
      heldOut: true,
      legs: { bm25: 0.6, dense: 0.5 },
      strongerLeg: { leg: 'bm25', p: 0.2 },
      firstStages: [{ stage: 'rrf k60 bm25 1 dense 1', ndcg: 0.7 }],
      anchor: 'rrf k60 bm25 1 dense 0.5',
      p: 0.03,
      rerankShares: [{ share: 1, ndcg: 0.75 }],
      shareAnchor: 1,
      shareP: 0.5,
      chosen: 'rrf',
      seconds: 3.5,
    },
  };

  it('accept and refuse what zod did at each level, with equal copies', () => {
    const zodParse = (v: unknown) => zodRecord.parse(v);
    const ours = (v: unknown) => {
      const parsed = parseFusionRecord(JSON.stringify(v) ?? null);
      if (parsed === null) throw new InvalidDataError('refused');
      return parsed;
    };
    const levels = [
      mutated(valid),
      mutated(valid.firstStage).map((firstStage) => ({ ...valid, firstStage })),
      mutated(valid.explain).map((explain) => ({ ...valid, explain })),
      mutated(valid.explain.strongerLeg).map((strongerLeg) => ({
        ...valid,
        explain: { ...valid.explain, strongerLeg },
      })),
      mutated(valid.explain.legs).map((legs) => ({ ...valid, explain: { ...valid.explain, legs } })),
    ];
    // JSON cannot carry NaN, Infinity or undefined: the record is read from JSON text, so compare after a trip.
    const trip = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
    fc.assert(
      fc.property(fc.oneof(...levels), (value) => sameAs(zodParse, ours, trip(value))),
      RUNS,
    );
  });

  it('ignores a record that is not JSON or absent', () => {
    expect(parseFusionRecord(null)).toBeNull();
    expect(parseFusionRecord('{')).toBeNull();
  });
});

describe('checks of pages records', () => {
  const page = ['guide/a.html', 120, 1_700_000_000_000.5, 'AQAAAAIAAAA=', null, 'AwAAAA==', null, false];
  const compilation = ['all.html', 3, 0.75];
  const valid = {
    shingling: SHINGLING,
    lineKeys: LINE_KEYS,
    verdicts: VERDICTS,
    pages: [page, ['b.txt', 7, 3, null, 'links', null, 'AQAAAA==', true]],
    compilations: [compilation],
  };

  it('use a record zod accepted, and ignore one it refused, at each level', () => {
    const levels = [
      mutated(valid),
      mutatedTuple(page).map((p) => ({ ...valid, pages: [p] })),
      mutatedTuple(compilation).map((c) => ({ ...valid, compilations: [c] })),
    ];
    fc.assert(
      fc.property(fc.oneof(...levels), (value) => {
        const text = JSON.stringify(value) ?? null;
        const expected = zodPagesRecord.safeParse(text === null ? undefined : JSON.parse(text));
        const decoded = decodePagesRecord(text);
        expect(decoded === undefined).toBe(!expected.success);
        // What is used is what zod kept: the record without its unknown keys reads the same.
        if (expected.success) expect(decodePagesRecord(JSON.stringify(expected.data))).toEqual(decoded);
      }),
      RUNS,
    );
  });

  it('ignore what zod refused on each rule’s edge', () => {
    for (const damaged of [
      { ...valid, pages: [page.slice(0, 5)] },
      { ...valid, pages: [[...page, null]] },
      { ...valid, pages: [[...page.slice(0, 7), 0]] },
      { ...valid, pages: [['a.html', '120', 1, null, null, null]] },
      { ...valid, pages: [['a.html', 120, 1, 7, null, null]] },
      { ...valid, compilations: [['all.html', 1.5, 0.5]] },
      { ...valid, shingling: 'other' },
      { ...valid, lineKeys: 'other' },
      { ...valid, verdicts: 'other' },
    ]) {
      expect(zodPagesRecord.safeParse(damaged).success).toBe(false);
      expect(decodePagesRecord(JSON.stringify(damaged))).toBeUndefined();
    }
  });

  it('ignore a record that is not JSON or absent', () => {
    expect(decodePagesRecord(null)).toBeUndefined();
    expect(decodePagesRecord('{')).toBeUndefined();
    expect(decodePagesRecord(JSON.stringify(valid))).toBeDefined();
  });
});

describe('checks of repeated-chrome records', () => {
  const line = [3_000_000_000, 9];
  const valid = { lineKeys: LINE_KEYS, pages: 10, lines: [line, [17, 5]] };

  it('use a record zod accepted, and ignore one it refused, at each level', () => {
    const levels = [mutated(valid), mutatedTuple(line).map((l) => ({ ...valid, lines: [l] }))];
    fc.assert(
      fc.property(fc.oneof(...levels), (value) => {
        const text = JSON.stringify(value) ?? null;
        const expected = zodChromeRecord.safeParse(text === null ? undefined : JSON.parse(text));
        const decoded = decodeChromeRecord(text);
        expect(decoded === undefined).toBe(!expected.success);
        if (expected.success)
          expect(decoded).toEqual({ pages: expected.data.pages, lines: new Map(expected.data.lines) });
      }),
      RUNS,
    );
  });

  it('ignore a record that is not JSON or absent', () => {
    expect(decodeChromeRecord(null)).toBeUndefined();
    expect(decodeChromeRecord('{')).toBeUndefined();
    expect(decodeChromeRecord(JSON.stringify(valid))?.lines.get(17)).toBe(5);
  });

  it('ignore what zod refused on each rule’s edge', () => {
    for (const damaged of [
      { ...valid, pages: -1 },
      { ...valid, pages: 1.5 },
      { ...valid, lines: [[1.5, 2]] },
      { ...valid, lines: [[1, 2, 3]] },
      { ...valid, lines: [[1]] },
      { ...valid, lineKeys: 'other' },
    ]) {
      expect(zodChromeRecord.safeParse(damaged).success).toBe(false);
      expect(decodeChromeRecord(JSON.stringify(damaged))).toBeUndefined();
    }
  });
});

describe('checks of the HNSW file state', () => {
  it('read back from a real index as zod read it', () => {
    const path = join(tempDir('shapes'), 'i.db');
    const store = IndexStore.open(path);
    const { id } = store.saveCollection('c', '/docs', 'v1');
    store.close();
    const valid = { maxId: 9, live: 8, sha256: 'ab', bytes: 100 };
    fc.assert(
      fc.property(mutated(valid), (value) => {
        const text = JSON.stringify(value);
        if (text === undefined) return;
        const db = new Database(path);
        db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(`vectors:${id}`, text);
        db.close();
        const reopened = IndexStore.open(path);
        try {
          const expected = zodFileState.safeParse(JSON.parse(text));
          expect(JSON.stringify(reopened.vectorFileState(id))).toBe(
            JSON.stringify(expected.success ? expected.data : null),
          );
        } finally {
          reopened.close();
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});

describe('the checks themselves', () => {
  it('name the path of the first problem', () => {
    const check = object<{ a: { b: number[] }; c?: string }>({
      a: object({ b: array(number({ int: true, min: 0 })) }),
      c: optional(string),
    });
    expect(checkShape(check, { a: { b: [1, -2] } })).toEqual({
      problem: 'a.b[1]: expected an integer ≥ 0, got a number',
    });
    expect(checkShape(check, [])).toEqual({ problem: 'the value: expected an object, got an array' });
    const pair = array(tuple<[string, number]>([string, number()]));
    expect(checkShape(pair, [['a', 1], ['b']])).toEqual({
      problem: '[1]: expected an array of 2 items, got an array',
    });
    expect(checkShape(pair, [['a', 'b']])).toEqual({ problem: '[0][1]: expected a number, got a string' });
    // zod's rule: an optional key given as undefined stays in the copy, one left out stays out.
    expect(checkShape(check, { a: { b: [] }, c: undefined, d: 1 })).toStrictEqual({
      value: { a: { b: [] }, c: undefined },
    });
    expect(Object.keys((checkShape(check, { a: { b: [] } }) as { value: object }).value)).toEqual(['a']);
  });
});
