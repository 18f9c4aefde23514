import { describe, expect, it } from 'vitest';
import { type PackageShares, SHARE_RULES, versus } from '../../bench/retrieval/share-rules-lib.js';
import type { Scored } from '../../src/retrieval/fusion/calibrate.js';

const scored = (value: number, scores: readonly number[]): Scored<number> => ({
  value,
  ndcg: scores.reduce((a, b) => a + b, 0) / Math.max(scores.length, 1),
  scores,
});

/** Forty pseudo-questions: share `winner` answers `wins` of them at rank 1, every other share none of them. */
function shares(byShare: Record<number, number>): Array<Scored<number>> {
  return [0, 0.5, 0.75, 1].map((share) =>
    scored(
      share,
      Array.from({ length: 40 }, (_, i) => (i < (byShare[share] ?? 0) ? 1 : 0)),
    ),
  );
}

const pick = (rule: string, evidence: Array<Scored<number>>) => SHARE_RULES[rule]!.pick(evidence);

describe('share rules', () => {
  it('keep share 1 under R0 and drop the reranker under R1 when share 1 leads share 0 by a near-tie', () => {
    const nearTie = shares({ 0: 20, 0.5: 20, 0.75: 20, 1: 21 });
    expect(pick('R0', nearTie)).toBe(1);
    expect(pick('R1', nearTie)).toBe(0);
    expect(pick('R2', nearTie)).toBe(1);
    expect(pick('R3', nearTie)).toBe(0.5);
    expect(pick('R4', nearTie)).toBe(1);
  });

  it('agree on share 1 when it beats share 0 clearly', () => {
    const clear = shares({ 0: 5, 0.5: 15, 0.75: 20, 1: 30 });
    for (const rule of Object.keys(SHARE_RULES)) expect(pick(rule, clear)).toBe(1);
  });

  it('R4 falls back to R1 when the pseudo gain of share 1 is under its threshold, R2 takes the lower share on a tie', () => {
    const tie = shares({ 0: 20, 0.5: 20, 0.75: 20, 1: 20 });
    expect(pick('R4', tie)).toBe(0);
    expect(pick('R2', tie)).toBe(0);
    expect(pick('R0', tie)).toBe(1);
  });

  it('versus scores each rule at the written share it picks, paired over questions, and counts packages', () => {
    const written = (at0: number, at1: number) => ({
      '0': Array.from({ length: 30 }, () => at0),
      '0.5': Array.from({ length: 30 }, () => (at0 + at1) / 2),
      '0.75': Array.from({ length: 30 }, () => at1),
      '1': Array.from({ length: 30 }, () => at1),
    });
    const packages: PackageShares[] = [
      { name: 'tie', pseudo: shares({ 0: 20, 1: 21 }), written: written(0.8, 0.6) },
      { name: 'clear', pseudo: shares({ 0: 5, 1: 30 }), written: written(0.5, 0.7) },
    ];
    const v = versus(packages, SHARE_RULES.R0!.pick, SHARE_RULES.R1!.pick);
    // R1 moves the near-tie package to share 0 (+0.2 on its 30 questions) and leaves the clear one at 1.
    expect(v.difference).toBeCloseTo(0.1, 10);
    expect(v.p).toBeLessThan(0.05);
    expect([v.lower, v.higher]).toEqual([0, 1]);
  });
});
