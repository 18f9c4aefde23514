import { describe, expect, it } from 'vitest';
import { parseQuantities } from '../../src/text/quantity.js';

const one = (text: string) => {
  const [q] = parseQuantities(text);
  return q === undefined ? null : { value: q.value, kind: q.kind, noun: q.noun };
};

describe('parseQuantities', () => {
  it.each([
    ['1M samples', 1e6, 'count', 'samples'],
    ['10 GB of logs', 10e9, 'bytes', 'logs'],
    ['two billion rows', 2e9, 'count', 'rows'],
    ['500k vectors', 5e5, 'count', 'vectors'],
    ['1,000,000 points', 1e6, 'count', 'points'],
    ['1.5TB', 1.5e12, 'bytes', null],
    ['a million users', 1e6, 'count', 'users'],
    ['twenty five thousand files', 25_000, 'count', 'files'],
    ['1e6 elements', 1e6, 'count', 'elements'],
    ['10 million 768-dimensional vectors', 1e7, 'count', 'dimensional'],
  ])('reads %s', (text, value, kind, noun) => {
    expect(one(text)).toEqual({ value, kind, noun });
  });

  it('keeps the noun so hardware counts can be told apart', () => {
    expect(parseQuantities('8 GPUs and 5k rows').map((q) => q.noun)).toEqual(['gpus', 'rows']);
  });

  it('ignores number words that are not amounts', () => {
    expect(parseQuantities('one model, a GPU, the two of them')).toEqual([]);
    expect(parseQuantities("I'm training")).toEqual([]);
  });
});
