import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuseRrf, RRF_K } from '../../../src/retrieval/fusion/rrf.js';

const SEED = 20261125;
const idList = fc.uniqueArray(fc.integer({ min: 0, max: 30 }).map(String), { maxLength: 15 });

describe('fuseRrf', () => {
  it('scores every id by the sum of weight / (k + rank) over the lists that hold it', () => {
    const fused = fuseRrf([
      { name: 'a', ids: ['x', 'y'] },
      { name: 'b', ids: ['y', 'z'], weight: 0.5 },
    ]);
    const y = fused.find((item) => item.id === 'y')!;
    expect(y.score).toBeCloseTo(1 / (RRF_K + 2) + 0.5 / (RRF_K + 1));
    expect(y.ranks).toEqual({ a: 2, b: 1 });
    expect(fused.map((item) => item.id)).toEqual(['y', 'x', 'z']);
  });

  it('returns the union of the lists, each id once, scores descending', () => {
    fc.assert(
      fc.property(idList, idList, fc.double({ min: 0, max: 2, noNaN: true }), (a, b, weight) => {
        const fused = fuseRrf([
          { name: 'a', ids: a },
          { name: 'b', ids: b, weight },
        ]);
        expect(new Set(fused.map((item) => item.id))).toEqual(new Set([...a, ...b]));
        expect(fused).toHaveLength(new Set([...a, ...b]).size);
        for (let i = 1; i < fused.length; i += 1)
          expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('ranks first an id that every list ranks first', () => {
    fc.assert(
      fc.property(idList, idList, (a, b) => {
        const top = 'top';
        const fused = fuseRrf([
          { name: 'a', ids: [top, ...a] },
          { name: 'b', ids: [top, ...b] },
        ]);
        expect(fused[0]!.id).toBe(top);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never lowers an id when one list ranks it higher', () => {
    fc.assert(
      fc.property(
        idList.filter((ids) => ids.length > 2),
        idList,
        fc.nat(),
        (a, b, pick) => {
          const id = a[pick % a.length]!;
          const position = (lists: string[][]) =>
            fuseRrf(lists.map((ids, i) => ({ name: String(i), ids }))).findIndex((item) => item.id === id);
          const promoted = [id, ...a.filter((other) => other !== id)];
          expect(position([promoted, b])).toBeLessThanOrEqual(position([a, b]));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('with weight 0 a list cannot change the order of the others', () => {
    fc.assert(
      fc.property(idList, idList, (a, b) => {
        const alone = fuseRrf([{ name: 'a', ids: a }]).map((item) => item.id);
        const muted = fuseRrf([
          { name: 'a', ids: a },
          { name: 'b', ids: b, weight: 0 },
        ])
          .map((item) => item.id)
          .filter((id) => a.includes(id));
        expect(muted).toEqual(alone);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
