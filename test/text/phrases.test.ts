import { describe, expect, it } from 'vitest';
import { compilePhrases, matchPhrases } from '../../src/text/phrases.js';
import { tokenize } from '../../src/text/tokenize.js';

const table = compilePhrases<string>([
  ['vector search', 'vs'],
  ['search', 'search'],
  ['similarity search', 'vs'],
  ['shell script', 'shell'],
  ['test', 'test'],
  ['train a model', 'train'],
  ['random forest', 'rf'],
  ['GPU', 'gpu'],
]);
const found = (text: string) => matchPhrases(table, tokenize(text)).map((m) => m.values.join('+'));

describe('phrase matching', () => {
  it('prefers the longest phrase and does not double count its words', () => {
    expect(found('fast vector search')).toEqual(['vs']);
    expect(found('search for vectors')).toEqual(['search']);
  });

  it('matches across stop words and inflections', () => {
    expect(found('how do I train my models')).toEqual(['train']);
    expect(found('random forests')).toEqual(['rf']);
  });

  it('never matches inside a longer word', () => {
    expect(found('the fastest transcript')).toEqual([]);
    expect(found('testing')).toEqual(['test']);
  });

  it('does not join words across clause punctuation', () => {
    expect(found('vector. search')).toEqual(['search']);
  });

  it('reports negated matches', () => {
    const [gpu] = matchPhrases(table, tokenize('without a GPU'));
    expect(gpu?.negated).toBe(true);
    const [plain] = matchPhrases(table, tokenize('with a GPU'));
    expect(plain?.negated).toBe(false);
  });

  it('merges values registered under the same phrase', () => {
    const merged = compilePhrases<string>([
      ['WASM', 'a'],
      ['wasm', 'b'],
    ]);
    expect(matchPhrases(merged, tokenize('wasm'))[0]?.values).toEqual(['a', 'b']);
  });
});
