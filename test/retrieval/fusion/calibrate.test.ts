import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorStage,
  answerNdcg,
  best,
  type CalibrationCase,
  CONFIDENCE,
  chooseConfidently,
  FIRST_STAGE_GRID,
  firstStageFiles,
  LEGS_ALONE,
  NEAREST_TO,
  type RerankCase,
  scoreFirstStages,
  scoreRerankShares,
} from '../../../src/retrieval/fusion/calibrate.js';
import { blendHead, PLAIN_RRF } from '../../../src/retrieval/fusion/first-stage.js';

const SEED = 20261205;

/** A case whose legs return the given files' chunks (chunk id = file + '#0'), best first. */
function caseOf(answer: string, bm25: string[], dense: string[]): CalibrationCase {
  const hits = (files: string[]) => files.map((file, i) => ({ chunkId: `${file}#0`, score: 10 - i }));
  const fileOf = new Map([...bm25, ...dense].map((file) => [`${file}#0`, file]));
  return { answer, bm25: hits(bm25), dense: hits(dense), fileOf };
}

const files = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { minLength: 1 });

describe('answerNdcg', () => {
  it('is 1 at rank 1, 1/log2(r+1) below, 0 past the depth or when absent', () => {
    expect(answerNdcg(['x', 'y'], 'x')).toBe(1);
    expect(answerNdcg(['x', 'y'], 'y')).toBeCloseTo(1 / Math.log2(3));
    expect(answerNdcg(['x', 'y'], 'z')).toBe(0);
    expect(answerNdcg(['x', 'y', 'z'], 'z', 2)).toBe(0);
  });
});

describe('scoreFirstStages', () => {
  it('scores a leg alone exactly as that leg ranks the answer', () => {
    const cases = [caseOf('b', ['a', 'b'], ['b', 'a']), caseOf('c', ['c'], ['a', 'c'])];
    const [bm25Only, denseOnly] = scoreFirstStages(cases, [LEGS_ALONE.bm25, LEGS_ALONE.dense]);
    expect(bm25Only!.ndcg).toBeCloseTo((1 / Math.log2(3) + 1) / 2);
    expect(denseOnly!.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 2);
  });

  it('fuses both legs in every choice, never lets dense outweigh BM25, and ties go to plain RRF', () => {
    for (const stage of FIRST_STAGE_GRID) {
      expect(stage.bm25Weight).toBeGreaterThan(0);
      expect(stage.denseWeight).toBeGreaterThan(0);
      expect(stage.denseWeight).toBeLessThanOrEqual(stage.bm25Weight);
    }
    expect(FIRST_STAGE_GRID[0]).toEqual(PLAIN_RRF);
  });

  it('does at least as well as BM25 alone when the dense leg always finds the answer, scores in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(files, files), { minLength: 1, maxLength: 8 }), (pairs) => {
        // The dense leg always has the answer first; BM25 ranks it anywhere or not at all.
        const cases = pairs.map(([bm25, dense]) => caseOf('z', bm25, ['z', ...dense]));
        const scored = scoreFirstStages(cases);
        for (const entry of scored) expect(entry.ndcg).toBeGreaterThanOrEqual(0);
        for (const entry of scored) expect(entry.ndcg).toBeLessThanOrEqual(1 + 1e-12);
        const [bm25Only] = scoreFirstStages(cases, [LEGS_ALONE.bm25]);
        expect(best(scored).ndcg).toBeGreaterThanOrEqual(bm25Only!.ndcg);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('does not depend on the order of the cases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(files, files, fc.constantFrom('a', 'b', 'c')), { minLength: 2 }),
        (rows) => {
          const cases = rows.map(([bm25, dense, answer]) => caseOf(answer, bm25, dense));
          const forward = scoreFirstStages(cases).map((s) => s.ndcg);
          const backward = scoreFirstStages([...cases].reverse()).map((s) => s.ndcg);
          for (const [i, value] of forward.entries()) expect(backward[i]).toBeCloseTo(value, 12);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('maps chunks to files at the rank of their best chunk', () => {
    const c: CalibrationCase = {
      answer: 'p',
      bm25: [
        { chunkId: 'q1', score: 3 },
        { chunkId: 'q2', score: 2 },
        { chunkId: 'p1', score: 1 },
      ],
      dense: [],
      fileOf: new Map([
        ['q1', 'q'],
        ['q2', 'q'],
        ['p1', 'p'],
      ]),
    };
    expect(firstStageFiles(PLAIN_RRF, c)).toEqual(['q', 'p']);
  });
});

describe('best', () => {
  it('takes the highest score and, on a tie, the earlier entry (plain RRF leads the grid)', () => {
    expect(FIRST_STAGE_GRID[0]).toEqual(PLAIN_RRF);
    expect(
      best([
        { value: 'a', ndcg: 0.5, scores: [] },
        { value: 'b', ndcg: 0.5, scores: [] },
      ]).value,
    ).toBe('a');
    expect(
      best([
        { value: 'a', ndcg: 0.4, scores: [] },
        { value: 'b', ndcg: 0.5, scores: [] },
      ]).value,
    ).toBe('b');
    expect(() => best([])).toThrow(RangeError);
  });
});

describe('blendHead and scoreRerankShares', () => {
  it('keeps the fused order at share 0, the reranker order at share 1, and a permutation between', () => {
    fc.assert(
      fc.property(
        files,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (head, share, seed) => {
          const reranked = [...head].sort(
            (a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7),
          );
          const blended = blendHead(head, reranked, share).map((item) => item.id);
          expect([...blended].sort()).toEqual([...head].sort());
          expect(blendHead(head, reranked, 0).map((item) => item.id)).toEqual(head);
          expect(blendHead(head, reranked, 1).map((item) => item.id)).toEqual(reranked);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('chooses no reranking when the reranker moves answers down, and reranking when it moves them up', () => {
    const up: RerankCase[] = [{ answer: 'c', fused: ['a', 'b', 'c', 'd'], reranked: ['c', 'a', 'b'] }];
    const down: RerankCase[] = [{ answer: 'a', fused: ['a', 'b', 'c'], reranked: ['c', 'b', 'a'] }];
    expect(best(scoreRerankShares(up)).value).toBeGreaterThan(0);
    expect(best(scoreRerankShares(down)).value).toBe(0);
  });
});

describe('chooseConfidently and anchorStage', () => {
  const scored = (value: string, scores: number[]) => ({
    value,
    ndcg: scores.reduce((a, b) => a + b, 0) / scores.length,
    scores,
  });
  const base = Array.from({ length: 30 }, (_, i) => (i % 3) / 4);

  it('keeps the anchor unless the best entry beats it with p below alpha', () => {
    const clear = scored(
      'best',
      base.map((v) => v + 0.25),
    );
    const slight = scored(
      'best',
      base.map((v, i) => (i < 2 ? v + 0.25 : v)),
    );
    const anchor = scored('anchor', base);
    const won = chooseConfidently([anchor, clear], (v) => v === 'anchor');
    expect(won.chosen.value).toBe('best');
    expect(won.p).toBeLessThan(CONFIDENCE.alpha);
    const kept = chooseConfidently([slight, anchor], (v) => v === 'anchor');
    expect(kept.chosen.value).toBe('anchor');
    expect(kept.p).toBeGreaterThanOrEqual(CONFIDENCE.alpha);
    expect(chooseConfidently([anchor], (v) => v === 'anchor')).toMatchObject({ p: 1 });
    expect(() => chooseConfidently([anchor], (v) => v === 'missing')).toThrow(RangeError);
  });

  it('never chooses an entry scoring below the anchor, whatever the scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.nat(),
        (rows, pick) => {
          const entries = rows.map((row, i) => scored(`e${i}`, row));
          const anchor = entries[pick % entries.length]!;
          const { chosen } = chooseConfidently(entries, (v) => v === anchor.value);
          expect(chosen.ndcg).toBeGreaterThanOrEqual(anchor.ndcg);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('anchors near BM25 unless the dense leg is clearly stronger; both anchors are in the grid', () => {
    const bm25 = { value: LEGS_ALONE.bm25, ndcg: 0, scores: base };
    const tie = { value: LEGS_ALONE.dense, ndcg: 0, scores: base.map((v, i) => (i === 0 ? v + 0.1 : v)) };
    const strong = { value: LEGS_ALONE.dense, ndcg: 0, scores: base.map((v) => v + 0.2) };
    expect(anchorStage({ bm25, dense: tie })).toMatchObject({ leg: 'bm25', stage: NEAREST_TO.bm25 });
    expect(anchorStage({ bm25, dense: strong })).toMatchObject({ leg: 'dense', stage: NEAREST_TO.dense });
    for (const stage of Object.values(NEAREST_TO)) expect(FIRST_STAGE_GRID).toContainEqual(stage);
  });
});
