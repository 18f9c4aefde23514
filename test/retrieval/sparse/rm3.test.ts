import { describe, expect, it } from 'vitest';
import { repeatedWords, rm3Expansion } from '../../../src/retrieval/sparse/rm3.js';
import { createRng } from '../../../src/retrieval/wordvec/rng.js';

const SETTINGS = { feedbackChunks: 2, terms: 3, questionWeight: 0.5 };

const total = (words: ReadonlyArray<{ weight: number }>) => words.reduce((sum, w) => sum + w.weight, 0);

describe('rm3Expansion', () => {
  it('mixes the question terms with the top feedback terms, weighted by normalised first-pass scores', () => {
    const { query, added } = rm3Expansion(
      'cache timeout',
      [
        { text: 'cache cache eviction', score: 3 },
        { text: 'sockets sockets', score: 1 },
        { text: 'ignored beyond the feedback depth', score: 0.5 },
      ],
      SETTINGS,
    );
    // P(w|R): cache 0.75·2/3, eviction 0.75·1/3, socket 0.25·1; top 3 renormalised over 1.0.
    const weight = (word: string) => query.find((term) => term.word === word)?.weight;
    expect(weight('cache')).toBeCloseTo(0.25 + 0.5 * 0.5, 10);
    expect(weight('timeout')).toBeCloseTo(0.25, 10);
    expect(weight('eviction')).toBeCloseTo(0.5 * 0.25, 10);
    expect(weight('sockets')).toBeCloseTo(0.5 * 0.25, 10);
    expect(weight('ignored')).toBeUndefined();
    expect(total(query)).toBeCloseTo(1, 10);
    expect(added.map((term) => term.word).sort()).toEqual(['eviction', 'sockets']);
    expect(query[0]!.word).toBe('cache');
  });

  it('groups words by stem and carries the form the text used most', () => {
    const { query } = rm3Expansion('configure', [{ text: 'configuring configuring configured', score: 1 }], {
      ...SETTINGS,
      questionWeight: 0,
    });
    expect(query).toEqual([{ word: 'configuring', weight: 1 }]);
  });

  it('leaves out bare numbers and one-letter words, and keeps the question alone without usable feedback', () => {
    const { query, added } = rm3Expansion('install pip', [{ text: '42 7 x 2026', score: 2 }], SETTINGS);
    expect(added).toEqual([]);
    expect(query.map((term) => term.word)).toEqual(['install', 'pip']);
    expect(total(query)).toBeCloseTo(1, 10);
    expect(rm3Expansion('install pip', [], SETTINGS).added).toEqual([]);
  });

  it('treats equal or non-positive scores as equal feedback weights', () => {
    const equal = rm3Expansion(
      'q',
      [
        { text: 'alpha', score: 0 },
        { text: 'beta', score: 0 },
      ],
      { ...SETTINGS, questionWeight: 0 },
    );
    expect(equal.query.map((term) => term.weight)).toEqual([0.5, 0.5]);
  });

  it('gives weights summing to 1 and no more than `terms` added terms on random text (seeded)', () => {
    const rng = createRng(11);
    const vocabulary = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    const text = () =>
      Array.from({ length: 30 }, () => vocabulary[Math.floor(rng.next() * vocabulary.length)]).join(' ');
    for (let round = 0; round < 20; round += 1) {
      const feedback = Array.from({ length: 6 }, () => ({ text: text(), score: rng.next() * 10 - 2 }));
      const { query, added } = rm3Expansion(text().slice(0, 40), feedback, {
        feedbackChunks: 5,
        terms: 7,
        questionWeight: rng.next(),
      });
      expect(total(query)).toBeCloseTo(1, 9);
      expect(added.length).toBeLessThanOrEqual(7);
      expect(query.every((term, i) => i === 0 || query[i - 1]!.weight >= term.weight)).toBe(true);
    }
  });
});

describe('repeatedWords', () => {
  it('repeats each word in proportion to its weight and drops the ones that round to none', () => {
    const query = [
      { word: 'cache', weight: 0.6 },
      { word: 'eviction', weight: 0.39 },
      { word: 'rare', weight: 0.01 },
    ];
    expect(repeatedWords(query, 10)).toEqual([...Array(6).fill('cache'), ...Array(4).fill('eviction')]);
  });

  it('keeps the heaviest word when every weight rounds to none', () => {
    expect(repeatedWords([{ word: 'only', weight: 0.01 }], 10)).toEqual(['only']);
    expect(repeatedWords([], 10)).toEqual([]);
  });
});
