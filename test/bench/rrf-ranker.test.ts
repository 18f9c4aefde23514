import { describe, expect, it } from 'vitest';
import type { Ranker } from '../../bench/retrieval/rankers.js';
import { createRrfRanker } from '../../bench/retrieval/rrf-ranker.js';

/** A ranker answering every question with a fixed list, recording what was called. */
function fixed(list: string[], calls: string[], label: string): Ranker {
  return {
    name: label,
    async prepare() {
      calls.push(`prepare ${label}`);
    },
    async rank() {
      return list;
    },
    close() {
      calls.push(`close ${label}`);
    },
  };
}

describe('createRrfRanker', () => {
  it('sums weight / (k + rank) over the legs and keeps the first leg order on ties', async () => {
    const calls: string[] = [];
    const rrf = createRrfRanker('rrf', [
      { ranker: fixed(['a', 'b', 'c'], calls, 'one'), weight: 1 },
      { ranker: fixed(['c', 'd', 'b'], calls, 'two'), weight: 1 },
    ]);
    await rrf.prepare('/root', []);
    // c: 1/63 + 1/61, b: 1/62 + 1/63, a: 1/61, d: 1/62
    expect(await rrf.rank('q')).toEqual(['c', 'b', 'a', 'd']);
    rrf.close?.();
    expect(calls).toEqual(['prepare one', 'prepare two', 'close one', 'close two']);
  });

  it('lets a heavier leg win and honours k', async () => {
    const rrf = createRrfRanker(
      'rrf',
      [
        { ranker: fixed(['a', 'b'], [], 'one'), weight: 1 },
        { ranker: fixed(['b', 'a'], [], 'two'), weight: 2 },
      ],
      1,
    );
    expect(await rrf.rank('q')).toEqual(['b', 'a']);
    const tie = createRrfRanker('rrf', [
      { ranker: fixed(['a', 'b'], [], 'one'), weight: 1 },
      { ranker: fixed(['b', 'a'], [], 'two'), weight: 1 },
    ]);
    expect(await tie.rank('q')).toEqual(['a', 'b']);
  });
});
