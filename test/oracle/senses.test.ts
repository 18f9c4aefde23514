import { describe, expect, it } from 'vitest';
import { readSenses } from '../../src/oracle/senses.js';
import { tokenize } from '../../src/text/tokenize.js';

const read = (q: string) => readSenses(tokenize(q));

describe('readSenses', () => {
  it('reads "edge" as a device when hardware words are near', () => {
    const r = read('deploy it on an edge device');
    expect([...r.positions]).toEqual([4]);
    expect(r.means.map((m) => m.text)).toEqual(['device']);
    expect(r.graph.size).toBe(0);
  });

  it('leaves the graph sense when graph words are present', () => {
    const r = read('which edges of the graph form a cycle on this device');
    expect(r.positions.size).toBe(0);
    expect([...r.graph]).toEqual([1]);
  });

  it('reads "network" as a neural network next to training words', () => {
    const r = read('train a network on labelled photos');
    expect(r.means.map((m) => m.text)).toEqual(['deep learning']);
  });

  it('reads "closest" among items as similarity, and not without context', () => {
    expect(read('the products closest to this one').means.map((m) => m.text)).toEqual(['similarity search']);
    expect(read('closest one').means).toEqual([]);
    expect(read('no devices here, just edges').positions.size).toBe(0);
  });
});
