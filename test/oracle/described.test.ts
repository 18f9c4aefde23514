import { describe, expect, it } from 'vitest';
import { indexDescriptions, matchDescribed, poolWords } from '../../src/oracle/described.js';
import type { WordEntry, WordSpace } from '../../src/oracle/word-space.js';

/** A word space of two 3-d tables over a few words, each word a unit vector with weight 1. */
function fakeSpace(table: Record<string, [number[] | null, number[] | null]>): WordSpace {
  const unit = (v: number[]) => Float32Array.from(v, (x) => x / Math.hypot(...v));
  return {
    header: { key: 'fake', words: Object.keys(table).length, dims: [3, 3] },
    entry(word): WordEntry | null {
      const row = table[word];
      if (row === undefined) return null;
      return {
        weights: [row[0] === null ? 0 : 1, row[1] === null ? 0 : 1],
        vectors: [
          row[0] === null ? new Float32Array(3) : unit(row[0]),
          row[1] === null ? new Float32Array(3) : unit(row[1]),
        ],
      };
    },
  };
}

const SPACE = fakeSpace({
  road: [
    [1, 0, 0.1],
    [1, 0, 0],
  ],
  street: [[0.9, 0.1, 0.1], null],
  route: [
    [1, 0.1, 0],
    [0.9, 0.1, 0],
  ],
  song: [
    [0, 1, 0.1],
    [0, 1, 0],
  ],
  music: [
    [0.1, 1, 0],
    [0, 0.9, 0.1],
  ],
  numpy: [null, [0, 0, 1]],
  array: [
    [0, 0.1, 1],
    [0.1, 0, 1],
  ],
});

describe('described tasks by meaning', () => {
  it('pools each table on its own, so a word one table lacks still counts in the other', () => {
    const pooled = poolWords(SPACE, ['numpy'])!;
    expect(Array.from(pooled.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Math.hypot(...pooled)).toBeCloseTo(1, 5);
    expect(poolWords(SPACE, ['unknown'])).toBeNull();
  });

  it('matches a question to the closest description and credits each target once', () => {
    const index = indexDescriptions(SPACE, [
      { target: { id: 'paths', holders: ['graph'] }, words: ['road', 'route'] },
      { target: { id: 'paths', holders: ['graph'] }, words: ['route'] },
      { target: { id: 'audio', holders: ['sound'] }, words: ['song', 'music'] },
      { target: { id: 'arrays', holders: ['compute'] }, words: ['array', 'numpy'] },
    ]);
    expect(index.targets.map((t) => t.id)).toEqual(['paths', 'audio', 'arrays']);
    const matches = matchDescribed(index, SPACE, ['road'], 0.3);
    expect(matches.map((m) => m.target.id)).toEqual(['paths']);
    expect(matches[0]?.similarity).toBeGreaterThan(0.9);
    // A word only the everyday table knows still leans the right way, below the threshold.
    expect(matchDescribed(index, SPACE, ['street'], -1)[0]?.target.id).toBe('paths');
    expect(matchDescribed(index, SPACE, ['street'], 0.3)).toEqual([]);
    expect(matchDescribed(index, SPACE, ['music'], 0.3)[0]?.target.id).toBe('audio');
    expect(matchDescribed(index, SPACE, ['nothing', 'known'], 0.3)).toEqual([]);
  });
});
