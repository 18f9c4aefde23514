import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { anchorsKey, computeMeanings, MIN_WORD_COUNT } from '../../src/oracle/meanings.js';
import { understand } from '../../src/oracle/understand.js';

/** Two-dimensional toy vectors: "clusters" points the way of "clustering", "weird" nowhere near. */
function toy() {
  const words = ['clustering', 'plot', 'clusters', 'figure', 'weird', 'rare'];
  const rows = [
    [1, 0],
    [0, 1],
    [0.95, 0.1],
    [0.1, 0.95],
    [0.7, 0.7],
    [0.99, 0.01],
  ];
  const counts = [500, 500, 500, 500, 500, MIN_WORD_COUNT - 1];
  return { words, counts, vectors: Float32Array.from(rows.flat()) };
}

describe('computeMeanings', () => {
  it('reads a word as its nearest anchor when it is close and frequent enough', () => {
    const m = computeMeanings(toy(), 2, ['clustering', 'plot'], 0.8);
    expect(m.nearest.get('clusters')?.anchor).toBe('clustering');
    expect(m.nearest.get('figure')?.anchor).toBe('plot');
    expect(m.nearest.has('weird')).toBe(false);
    expect(m.nearest.has('rare')).toBe(false);
    expect(m.nearest.has('plot')).toBe(false);
    expect(m.anchorsKey).toBe(anchorsKey(['clustering', 'plot']));
  });

  it('is deterministic', () => {
    const a = computeMeanings(toy(), 2, ['clustering', 'plot'], 0.5);
    const b = computeMeanings(toy(), 2, ['clustering', 'plot'], 0.5);
    expect([...a.nearest]).toEqual([...b.nearest]);
  });
});

describe('soft matching in question understanding', () => {
  const knowledge = loadKnowledge();
  const plain = compileLexicon(knowledge);
  const anchors = [...plain.anchors.keys()].sort();
  const meanings = {
    anchorsKey: anchorsKey(anchors),
    nearest: new Map([['blobs', { anchor: 'clustering', similarity: 0.9 }]]),
  };

  it('turns a word read by meaning into the anchor signal, above the threshold only', () => {
    const soft = compileLexicon(knowledge, undefined, new Map(), { meanings, threshold: 0.8 });
    const u = understand(soft, 'find blobs in my table');
    expect(u.problem.capabilities).toContain('clustering');
    const strict = compileLexicon(knowledge, undefined, new Map(), { meanings, threshold: 0.95 });
    expect(understand(strict, 'find blobs in my table').problem.capabilities).not.toContain('clustering');
  });

  it('ignores a table computed for other anchors', () => {
    const stale = compileLexicon(knowledge, undefined, new Map(), {
      meanings: { ...meanings, anchorsKey: 'other' },
      threshold: 0.5,
    });
    expect(stale.meanings.size).toBe(0);
    expect(understand(stale, 'find blobs in my table').problem.capabilities).not.toContain('clustering');
  });
});
