import { describe, expect, it } from 'vitest';
import { indexSituations, matchSituations, situationsOf } from '../../src/oracle/situations.js';
import { stem } from '../../src/text/stem.js';
import { contentStems } from '../../src/text/tokenize.js';

const entry = (capability: string, text: string) => ({ capability, stems: contentStems(text) });
const terms = (text: string) => new Map(contentStems(text).map((s) => [s, 1]));

const INDEX = indexSituations([
  entry('clustering', 'find natural groups in records nobody has labelled'),
  entry('clustering', 'split customers into segments by how they behave'),
  entry('shortest-path', 'the cheapest route between two places on a road network'),
  entry('charts', 'draw the numbers as a picture'),
]);

describe('matchSituations', () => {
  it('finds the capability whose situation the question describes', () => {
    const [best] = matchSituations(INDEX, terms('put our customers into segments by behaviour'));
    expect(best?.capability).toBe('clustering');
    expect(best?.shared).toEqual(expect.arrayContaining(['custom', 'segment']));
  });

  it('keeps one entry per capability, at its best situation, best first', () => {
    const matches = matchSituations(INDEX, terms('natural groups of customers in segments'));
    expect(matches.map((m) => m.capability)).toEqual(['clustering']);
  });

  it('needs the shared stems it is asked for', () => {
    expect(matchSituations(INDEX, terms('a picture'), 2)).toEqual([]);
    expect(matchSituations(INDEX, terms('a picture'), 1).map((m) => m.capability)).toEqual(['charts']);
  });

  it('weighs words used across the whole stack less', () => {
    const plain = indexSituations([entry('a', 'route cheap'), entry('b', 'route fast')]);
    const general = indexSituations([entry('a', 'route cheap'), entry('b', 'route fast')], (s) =>
      s === 'rout' ? 1 : 0,
    );
    const q = terms('cheap route');
    const [p] = matchSituations(plain, q);
    const [g] = matchSituations(general, q);
    expect(g?.score ?? 0).toBeLessThan(p?.score ?? 0);
  });

  it('scores with the question terms weights', () => {
    const full = matchSituations(INDEX, terms('cheapest route between places'));
    const half = matchSituations(
      INDEX,
      new Map([...terms('cheapest route between places')].map(([t]) => [t, 0.5])),
    );
    expect(half[0]?.score).toBeCloseTo((full[0]?.score ?? 0) / 2);
  });

  it('leaves out the languages, tools and components a question names, and Rust', () => {
    const index = indexSituations([
      entry('python-transpile', 'translate python modules into rust source'),
      entry('charts', 'draw the python numbers as a picture'),
      entry('clustering', 'find natural groups in records nobody has labelled'),
      entry('shortest-path', 'the cheapest route between two places on a road network'),
      entry('regression', 'predict a price from past sales'),
    ]);
    const question = terms('translate the python modules into rust');
    const language = [{ signal: { kind: 'language' as const, value: 'python' }, phrase: 'python' }];
    expect(situationsOf(index, stem, [], question).map((m) => m.capability)).toContain('python-transpile');
    const named = situationsOf(index, stem, language, question);
    expect(named.flatMap((m) => m.shared)).not.toContain('python');
    expect(named.flatMap((m) => m.shared)).not.toContain('rust');
  });
});
