import { describe, expect, it } from 'vitest';
import { compilePhrases, matchLoose, matchPhrases } from '../../src/text/phrases.js';
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

describe('loose phrase matching', () => {
  it('finds the words of a phrase close together in another order, skipping exact matches', () => {
    const tokens = tokenize('search the vectors quickly');
    const exact = matchPhrases(table, tokens);
    const loose = matchLoose(table, tokens, exact);
    expect(exact.map((m) => m.phrase)).toEqual(['search']);
    expect(loose.map((m) => m.phrase)).toEqual([]);
    const claimed = tokenize('search vectors, vector search');
    expect(matchLoose(table, claimed, matchPhrases(table, claimed))).toEqual([]);
    const t2 = tokenize('vectors, we search them');
    expect(matchLoose(table, t2, [])).toEqual([]);
    const t3 = tokenize('a model I want to train');
    expect(matchLoose(table, t3, []).map((m) => m.values[0])).toEqual(['train']);
  });

  it('reads a word once in a loose match: "next step" is not "step by step"', () => {
    const steps = compilePhrases<string>([['step by step', 'stepwise']]);
    const once = tokenize('fast enough, what is the next step then');
    expect(matchLoose(steps, once, [])).toEqual([]);
    const twice = tokenize('walk us through it step after step');
    expect(matchLoose(steps, twice, []).map((m) => m.values[0])).toEqual(['stepwise']);
  });
});
