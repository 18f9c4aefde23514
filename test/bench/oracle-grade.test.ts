/** Grading of oracle questions, including questions no component of the stack answers. */
import { describe, expect, it } from 'vitest';
import { grade } from '../../bench/oracle/eval.js';
import type { OracleQuestion } from '../../bench/oracle/question-set.js';
import { createOracle } from '../../src/oracle/recommend.js';
import { FIXTURE } from '../oracle/fixture.js';

const oracle = createOracle(FIXTURE);

function question(q: string, expect: string): OracleQuestion {
  return { q, expect, also: [], kind: 'offtopic', split: 'dev', described: false, negation: false };
}

describe('grade', () => {
  it('counts declining to answer as a hit when nothing in the stack fits', () => {
    const [g] = grade(oracle, [question('what is the weather in Lisbon tomorrow', 'none')]);
    expect(g?.top1).toBe(true);
    expect(g?.top3).toBe(true);
  });

  it('counts any named primary as a miss at top-1 and top-3 when nothing fits', () => {
    const [g] = grade(oracle, [question('What replaces Pinecone?', 'none')]);
    expect(g?.ranked[0]).toBe('trueno-db');
    expect(g?.top1).toBe(false);
    expect(g?.top3).toBe(false);
  });

  it('counts declining as a top-1 miss when a component was expected, top-3 from the ranking', () => {
    const [g] = grade(oracle, [question('what is the weather in Lisbon tomorrow', 'trueno-db')]);
    expect(g?.top1).toBe(false);
    expect(g?.top3).toBe(g?.ranked.slice(0, 3).includes('trueno-db'));
  });
});
