import { describe, expect, it } from 'vitest';
import { bm25Idf } from '../../../src/retrieval/fusion/read-share.js';
import type { FusionRecord } from '../../../src/retrieval/fusion/record.js';
import {
  FUSION_DEFAULTS,
  type SearchLegs,
  type SearchOutcome,
  type SearchRequest,
  searchLegs,
  settingsOf,
} from '../../../src/retrieval/search/hybrid.js';
import type { Chunk } from '../../../src/retrieval/types.js';
import { createFakeEmbedder, createFakeReranker } from '../fakes.js';

const CHUNKS: Chunk[] = [
  {
    id: 'a#0',
    collection: 'c',
    source: 'a.md',
    component: 'trueno',
    headings: ['A'],
    lines: [1, 3],
    text: 'simd kernels',
  },
  {
    id: 'a#1',
    collection: 'c',
    source: 'a.md',
    component: 'trueno',
    headings: ['A', 'B'],
    lines: [4, 6],
    text: 'gpu kernels',
  },
  {
    id: 'b#0',
    collection: 'c',
    source: 'b.md',
    component: null,
    headings: ['B'],
    lines: [1, 9],
    text: 'gpu training loop',
  },
  {
    id: 'c#0',
    collection: 'c',
    source: 'c.md',
    component: null,
    headings: [],
    lines: [2, 2],
    text: 'unrelated',
  },
];

function legs(sparse: string[], dense: string[] | null, rerank = false): SearchLegs {
  const byId = new Map(CHUNKS.map((chunk) => [chunk.id, chunk]));
  return {
    sparse: { search: () => sparse.map((chunkId, i) => ({ chunkId, score: 10 - i })) },
    dense:
      dense === null
        ? null
        : {
            embedder: createFakeEmbedder(),
            search: () => dense.map((chunkId, i) => ({ chunkId, score: 1 - i / 10 })),
          },
    reranker: rerank ? createFakeReranker() : null,
    chunks: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };
}

const request = (extra: Partial<SearchRequest> = {}): SearchRequest => ({
  question: 'gpu training',
  k: 10,
  mode: 'hybrid',
  rerank: false,
  explain: false,
  ...extra,
});

const CONVEX = { ...FUSION_DEFAULTS, method: 'convex', bm25Weight: 0.9, denseWeight: 0.1 } as const;

describe('searchLegs', () => {
  it('fuses by plain RRF (k 60, weights 1) unless told otherwise, and says so with explain', async () => {
    const outcome = await searchLegs(request({ explain: true }), legs(['a#1', 'a#0', 'b#0'], ['b#0', 'a#0']));
    // The fake dense leg answers the same whatever the question vector; the feedback is explained all the same.
    expect(outcome.fusion?.denseFeedback).toEqual({
      weight: 0.5,
      from: ['a.md > A > B', 'a.md > A', 'b.md > B'],
    });
    // b#0: 1/63 + 1/61 beats a#0: 1/62 + 1/62 and a#1: 1/61; a.md is shown by a#1, whose text has "gpu"
    // (search/shown-chunk.ts), although a#0 ranks it. Two files for k 5: a.md's other section follows.
    expect(outcome.results.map((result) => [result.source, result.heading])).toEqual([
      ['b.md', 'B'],
      ['a.md', 'A > B'],
      ['a.md', 'A'],
    ]);
    expect(outcome.results[0]!.score).toBeCloseTo(1 / 63 + 1 / 61, 6);
    expect(outcome.fusion).toEqual({
      source: 'caller',
      firstStage: 'rrf k60 bm25 1 dense 1',
      rerankShare: null,
      denseFeedback: expect.any(Object),
    });
  });

  it('fuses both legs and keeps the best chunk of each file', async () => {
    const { results, notes } = await searchLegs(
      request({ explain: true }),
      legs(['a#1', 'a#0', 'b#0'], ['b#0', 'a#0']),
      CONVEX,
    );
    expect(notes).toEqual([]);
    // BM25 carries 0.9 of the convex fusion: a#1 (bm25 #1) beats a#0 (bm25 #2, dense at its list's
    // minimum) and b#0 (bm25 at its minimum, dense #1)
    expect(results.map((result) => [result.source, result.heading])).toEqual([
      ['a.md', 'A > B'],
      ['b.md', 'B'],
      ['a.md', 'A'],
    ]);
    expect(results[1]!.explain).toMatchObject({ ranks: { bm25: 3, dense: 1 }, bm25: 8, dense: 1 });
    expect(results[1]).toMatchObject({
      collection: 'c',
      component: null,
      lines: [1, 9],
      snippet: 'gpu training loop',
    });
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('falls back to BM25 with a note when the dense leg is missing, and refuses --mode dense', async () => {
    const outcome = await searchLegs(request(), { ...legs(['a#1'], null), denseNote: 'no model here' });
    expect(outcome.notes).toEqual(['dense leg unavailable: no model here; searching with BM25 only']);
    expect(outcome.results.map((result) => result.source)).toEqual(['a.md']);
    await expect(searchLegs(request({ mode: 'dense' }), legs(['a#1'], null))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('uses only the legs the mode asks for', async () => {
    const both = legs(['a#0'], ['b#0']);
    expect((await searchLegs(request({ mode: 'bm25' }), both)).results.map((r) => r.source)).toEqual([
      'a.md',
    ]);
    expect((await searchLegs(request({ mode: 'dense' }), both)).results.map((r) => r.source)).toEqual([
      'b.md',
    ]);
  });

  it('lets the reranker reorder the head', async () => {
    const plain = await searchLegs(request(), legs(['c#0', 'b#0'], null));
    expect(plain.results[0]!.source).toBe('c.md');
    const settings = { ...FUSION_DEFAULTS, rerankShare: 2 / 3 };
    const reranked = await searchLegs(
      request({ rerank: true, explain: true }),
      legs(['c#0', 'b#0'], null, true),
      settings,
    );
    expect(reranked.results[0]!.source).toBe('b.md');
    expect(reranked.results[0]!.explain).toMatchObject({ ranks: { bm25: 2, rerank: 1 }, rerank: 2 });
  });

  it('says whether results were reranked, and notes a not-installed reranker only with explain', async () => {
    expect((await searchLegs(request({ rerank: true }), legs(['c#0'], null, true))).reranked).toBe(true);
    expect((await searchLegs(request({ rerank: false }), legs(['c#0'], null, true))).reranked).toBe(false);
    const missing = { ...legs(['c#0'], null), rerankNote: 'no reranking model is installed' };
    const quiet = { ...missing, rerankNoteQuiet: true };
    const plain = await searchLegs(request({ rerank: true }), quiet);
    expect(plain).toMatchObject({
      reranked: false,
      notes: ['dense leg unavailable: no embedding model is installed; searching with BM25 only'],
    });
    const explained = await searchLegs(request({ rerank: true, explain: true }), quiet);
    expect(explained.notes).toContain('reranker unavailable: no reranking model is installed');
    const loud = await searchLegs(request({ rerank: true }), missing);
    expect(loud.notes).toContain('reranker unavailable: no reranking model is installed');
  });

  it('rejects an empty question and k out of range', async () => {
    await expect(searchLegs(request({ question: '  ' }), legs([], null))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(searchLegs(request({ k: 0 }), legs([], null))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(searchLegs(request({ k: 101 }), legs([], null))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('caps results at k', async () => {
    const { results } = await searchLegs(request({ k: 1 }), legs(['a#0', 'b#0', 'c#0'], null));
    expect(results).toHaveLength(1);
  });
});

describe('a collection that chose its fusion', () => {
  const record: FusionRecord = {
    version: 1,
    firstStage: { method: 'convex', rrfK: 60, bm25Weight: 0.7, denseWeight: 0.3 },
    rerankShare: 0,
    reranker: 'fake-overlap/1',
    embedder: 'fake/1',
    explain: {
      questions: 80,
      headings: 70,
      sentences: 10,
      seed: 1,
      heldOut: true,
      legs: { bm25: 0.5, dense: 0.4 },
      firstStages: [],
      rerankShares: [],
      chosen: 'convex dense 0.3; no reranking',
      seconds: 1,
    },
  };

  it('keeps its reranker share only for the reranker it was chosen with', () => {
    expect(settingsOf(record, 'fake-overlap/1')).toMatchObject({
      method: 'convex',
      denseWeight: 0.3,
      rerankShare: 0,
    });
    expect(settingsOf(record, 'another/2').rerankShare).toBeUndefined();
    expect(settingsOf({ ...record, rerankShare: null }, 'fake-overlap/1').rerankShare).toBeUndefined();
  });

  it('does not rerank when reranking did not help it, and says why with explain', async () => {
    let calls = 0;
    const base = legs(['c#0', 'b#0'], null, true);
    const reranker = base.reranker!;
    const watched: SearchLegs = {
      ...base,
      fusion: record,
      reranker: {
        ...reranker,
        score: (question, chunks) => {
          calls += 1;
          return reranker.score(question, chunks);
        },
      },
    };
    const settings = settingsOf(record, reranker.id);
    const outcome = await searchLegs(
      request({ rerank: true, explain: true }),
      watched,
      settings,
      'collection',
    );
    expect(calls).toBe(0);
    expect(outcome.reranked).toBe(false);
    expect(outcome.notes).toContain(
      'not reranked: reranking did not help this collection when it was indexed',
    );
    expect(outcome.fusion).toEqual({
      source: 'collection',
      firstStage: 'convex dense 0.3',
      rerankShare: 0,
      record,
    });
  });
});

describe('a question BM25 can read only in part', () => {
  // BM25 puts b.md first on "training", the only word of the question its best hit holds; the dense leg
  // puts a.md first. "epochs" is in no chunk, so it weighs the collection's highest IDF.
  const counting: SearchLegs = {
    ...legs(['b#0', 'a#0'], ['a#1', 'b#0']),
    wordCounts: (question) => ({
      total: 4,
      counts: new Map(
        [...new Set(question.toLowerCase().split(' '))].map((word) => [word, word === 'epochs' ? 0 : 1]),
      ),
    }),
  };
  const HALFWAY = { ...FUSION_DEFAULTS, method: 'convex', bm25Weight: 0.5, denseWeight: 0.5 } as const;
  const files = (outcome: SearchOutcome) => [...new Set(outcome.results.map((r) => r.source))];

  it('leans on the dense leg by the share of the question BM25 cannot read, and says so with explain', async () => {
    const asked = request({ question: 'training epochs', explain: true });
    const moved = await searchLegs(asked, counting, { ...HALFWAY, readShift: 0.5 });
    expect(files(moved).slice(0, 2)).toEqual(['a.md', 'b.md']);
    const read = bm25Idf(1, 4) / (bm25Idf(1, 4) + bm25Idf(0, 4));
    expect(moved.fusion?.bm25Read).toBeCloseTo(read, 3);
    const kept = 1 - 0.5 * (1 - read);
    expect(moved.fusion?.firstStage).toBe(
      `convex dense ${Math.round((0.5 / (0.5 * kept + 0.5)) * 1000) / 1000}`,
    );
    const still = await searchLegs(asked, counting, { ...HALFWAY, readShift: 0 });
    expect(files(still).slice(0, 2)).toEqual(['b.md', 'a.md']);
    expect(still.fusion).not.toHaveProperty('bm25Read');
  });

  it('keeps the first stage for a question its best hit holds whole, for one leg alone, and without counts', async () => {
    const whole = await searchLegs(request({ question: 'gpu training', explain: true }), counting, {
      ...HALFWAY,
      readShift: 0.5,
    });
    expect(whole.fusion).toMatchObject({ firstStage: 'convex dense 0.5', bm25Read: 1 });
    const bm25 = await searchLegs(
      request({ question: 'training epochs', mode: 'bm25', explain: true }),
      counting,
      {
        ...HALFWAY,
        readShift: 0.5,
      },
    );
    expect(bm25.fusion).not.toHaveProperty('bm25Read');
    const { wordCounts: _none, ...uncounted } = counting;
    const plain = await searchLegs(request({ question: 'training epochs', explain: true }), uncounted, {
      ...HALFWAY,
      readShift: 0.5,
    });
    expect(files(plain).slice(0, 2)).toEqual(['b.md', 'a.md']);
  });
});

describe('searchLegs on a collection with one page that fills the pools', () => {
  // 150 chunks of one long page rank above every chunk of the five short pages.
  const long: Chunk[] = Array.from({ length: 150 }, (_, i) => ({
    id: `long#${i}`,
    collection: 'c',
    source: 'long.html',
    component: null,
    headings: ['Long', `Part ${i}`],
    lines: [i * 10 + 1, i * 10 + 9] as [number, number],
    text: `main loop part ${i}`,
  }));
  const short: Chunk[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({
    id: `${name}#0`,
    collection: 'c',
    source: `${name}.html`,
    component: null,
    headings: [name],
    lines: [1, 5] as [number, number],
    text: `the main loop of ${name}`,
  }));
  const ranked = [...long, ...short];
  const byId = new Map(ranked.map((chunk) => [chunk.id, chunk]));
  const crowded: SearchLegs = {
    sparse: {
      search: (_question, limit) => ranked.slice(0, limit).map((c, i) => ({ chunkId: c.id, score: 200 - i })),
    },
    dense: {
      embedder: createFakeEmbedder(),
      search: (_vector, limit) =>
        ranked.slice(0, limit).map((c, i) => ({ chunkId: c.id, score: 1 - i / 1000 })),
    },
    reranker: null,
    chunks: (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
  };

  it('still gives k files when the pools hold fewer, the long page first', async () => {
    for (const mode of ['bm25', 'dense', 'hybrid'] as const) {
      const { results } = await searchLegs(request({ k: 4, mode, rerank: false }), crowded);
      expect(results.map((r) => r.source)).toEqual(['long.html', 'a.html', 'b.html', 'c.html']);
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
  });

  it('gives every file there is when k asks for more, then further sections of the long page', async () => {
    const { results } = await searchLegs(request({ k: 10, mode: 'bm25', rerank: false }), crowded);
    expect(results.map((r) => r.source)).toEqual([
      'long.html',
      'a.html',
      'b.html',
      'c.html',
      'd.html',
      'e.html',
      ...Array(4).fill('long.html'),
    ]);
    const longSections = results.filter((r) => r.source === 'long.html').map((r) => r.heading);
    expect(new Set(longSections).size).toBe(5);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
