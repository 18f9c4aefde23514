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
    ['10 million 768-dimensional vectors', 1e7, 'count', 'vectors'],
  ])('reads %s', (text, value, kind, noun) => {
    expect(one(text)).toEqual({ value, kind, noun });
  });

  it.each([
    ['200GB of parquet', 200e9, '200 GB'],
    ['half a terabyte of CSV', 5e11, 'half a terabyte'],
    ['3B rows', 3e9, '3B rows'],
    ['2,000,000 records', 2e6, '2,000,000 records'],
    ['12M samples', 12e6, '12M samples'],
    ['750 MiB', 750 * 1024 ** 2, '750 MiB'],
    ['3 tib', 3 * 1024 ** 4, '3 TiB'],
    ['2 PB', 2e15, '2 PB'],
    ['a couple of terabytes', 2e12, 'a couple of terabytes'],
    ['tens of millions of rows', 1e7, 'tens of millions of rows'],
    ['millions of users', 1e6, 'millions of users'],
    ['a terabyte of logs', 1e12, 'a terabyte'],
    ['seventeen gigabytes', 17e9, 'seventeen gigabytes'],
  ])('reads %s and prints it as written', (text, value, shown) => {
    const [q] = parseQuantities(text);
    expect(q?.value).toBeCloseTo(value);
    expect(q?.text).toBe(shown);
  });

  it('keeps the noun so hardware counts can be told apart', () => {
    expect(parseQuantities('8 GPUs and 5k rows').map((q) => q.noun)).toEqual(['gpus', 'rows']);
  });

  it('ignores number words that are not amounts', () => {
    expect(parseQuantities('one model, a GPU, the two of them')).toEqual([]);
    expect(parseQuantities("I'm training")).toEqual([]);
    expect(parseQuantities('half a day, a few of them')).toEqual([]);
  });
});
