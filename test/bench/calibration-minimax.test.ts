import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseFirstStage } from '../../bench/retrieval/calibration-minimax.js';
import { FIRST_STAGE_GRID, LEGS_ALONE, type Scored } from '../../src/retrieval/fusion/calibrate.js';
import { describeFirstStage, type FirstStage, PLAIN_RRF } from '../../src/retrieval/fusion/first-stage.js';

const SEED = 20261205;

const scored = (value: FirstStage, scores: readonly number[]): Scored<FirstStage> => ({
  value,
  ndcg: scores.reduce((a, b) => a + b, 0) / Math.max(scores.length, 1),
  scores,
});

const stage = (name: string) => FIRST_STAGE_GRID.find((s) => describeFirstStage(s) === name)!;
const LEXICAL = stage('convex dense 0.1');
const MIDDLE = stage('convex dense 0.3');
const BALANCED = stage('rrf k60 bm25 1 dense 1');

/**
 * Ten pseudo-questions: BM25 alone answers the first eight better, the dense leg the last two. LEXICAL is
 * best on the BM25 part and poor on the dense part, BALANCED the reverse, MIDDLE a little short on both.
 */
const legs = {
  bm25: scored(LEGS_ALONE.bm25, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]),
  dense: scored(LEGS_ALONE.dense, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]),
};
const lexical = scored(LEXICAL, [1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5]);
const middle = scored(MIDDLE, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8]);
const balanced = scored(BALANCED, [0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 1, 1]);

describe('chooseFirstStage (minimax regret over the questions each leg wins)', () => {
  it('takes the stage that is never far from the best, not the best on average', () => {
    const choice = chooseFirstStage({ stages: [balanced, lexical, middle], legs });
    // lexical has the best mean (0.9) but falls 0.5 short on the dense part; middle falls 0.1 and 0.2 short.
    expect(lexical.ndcg).toBeGreaterThan(middle.ndcg);
    expect(choice.chosen).toBe(middle);
    expect(choice.won).toEqual({ bm25: 8, dense: 2 });
    const regret = choice.regrets.find((r) => r.stage === middle)!;
    expect(regret.bm25).toBeCloseTo(0.1, 10);
    expect(regret.dense).toBeCloseTo(0.2, 10);
    expect(choice.regrets.map((r) => r.stage)).toEqual([balanced, lexical, middle]);
  });

  it('does not depend on how many questions of each kind there are', () => {
    const repeat = (s: Scored<FirstStage>, times: number) =>
      scored(s.value, [...Array(times).fill(s.scores.slice(0, 8)).flat(), ...s.scores.slice(8)]);
    const more = {
      stages: [balanced, lexical, middle].map((s) => repeat(s, 5)),
      legs: { bm25: repeat(legs.bm25, 5), dense: repeat(legs.dense, 5) },
    };
    expect(chooseFirstStage(more).chosen.value).toBe(MIDDLE);
  });

  it('keeps the first stage (plain RRF in the grid) when the legs never differ', () => {
    const same = scored(LEGS_ALONE.bm25, [1, 0, 1]);
    const choice = chooseFirstStage({
      stages: [scored(PLAIN_RRF, [1, 0, 1]), scored(LEXICAL, [1, 1, 1])],
      legs: { bm25: same, dense: scored(LEGS_ALONE.dense, [1, 0, 1]) },
    });
    expect(choice.chosen.value).toBe(PLAIN_RRF);
    expect(choice.won).toEqual({ bm25: 0, dense: 0 });
    expect(() => chooseFirstStage({ stages: [], legs })).toThrow(RangeError);
  });

  it('picks a stage whose worst regret no other stage undercuts, whatever the scores', () => {
    const row = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 6 }), row, row, (rows, b, d) => {
        const stages = rows.map((r, i) => scored(FIRST_STAGE_GRID[i]!, r));
        const choice = chooseFirstStage({
          stages,
          legs: { bm25: scored(LEGS_ALONE.bm25, b), dense: scored(LEGS_ALONE.dense, d) },
        });
        const worst = (r: { bm25: number; dense: number }) => Math.max(r.bm25, r.dense);
        const picked = choice.regrets.find((r) => r.stage === choice.chosen)!;
        for (const r of choice.regrets) {
          expect(worst(picked)).toBeLessThanOrEqual(worst(r) + 1e-9);
          expect(Math.min(r.bm25, r.dense)).toBeGreaterThanOrEqual(0);
        }
        expect(choice.won.bm25 + choice.won.dense).toBeLessThanOrEqual(12);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
