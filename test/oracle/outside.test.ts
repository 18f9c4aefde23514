import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { readOutside } from '../../src/oracle/outside.js';
import { createOracle } from '../../src/oracle/recommend.js';
import { understand } from '../../src/oracle/understand.js';
import { tokenize } from '../../src/text/tokenize.js';

const outsideWords = (q: string) => {
  const tokens = tokenize(q);
  const reading = readOutside(tokens);
  return {
    fields: reading.fields,
    words: tokens.filter((t) => reading.positions.has(t.position)).map((t) => t.word),
  };
};

describe('readOutside', () => {
  it('reads the stack words a named outside field borrows in its sense', () => {
    expect(outsideWords('port forwarding on the office router')).toEqual({
      fields: ['computer networks'],
      words: ['port', 'forwarding', 'router'],
    });
    expect(outsideWords('a kernel panic after the upgrade').fields).toEqual([
      'operating system administration',
    ]);
  });

  it('leaves the stack words alone when no outside field is named', () => {
    expect(outsideWords('port our C code and the kernel module tests to rust')).toEqual({
      fields: [],
      words: [],
    });
  });

  it('does not count a field the question rules out', () => {
    expect(outsideWords('ship the model without docker').fields).toEqual([]);
  });

  it('reads a unit after a number as a duration, not the reduction "min"', () => {
    expect(outsideWords('the job stalls every 20 min').words).toEqual(['min']);
    expect(outsideWords('the min and max of each column').words).toEqual([]);
  });
});

describe('questions about fields outside the stack (shipped knowledge, no learned model)', () => {
  const knowledge = loadKnowledge(undefined, { snapshot: null });
  const lexicon = compileLexicon(knowledge);
  const oracle = createOracle(knowledge);

  it('drops the signals of borrowed words and marks the field', () => {
    const u = understand(lexicon, 'load balancer health checks failing on port 443 behind nginx');
    expect(u.outside).toEqual(['computer networks']);
    expect(u.problem.capabilities).not.toContain('work-stealing');
    expect(u.signals.filter((f) => f.signal.kind === 'keyword')).toEqual([]);
  });

  it('declines a question whose only tie to the stack is a borrowed or shared word', () => {
    expect(oracle.answer('a recipe for banana bread').primary).toBeNull();
    expect(oracle.answer('which ETF tracks the total market index best').primary).toBeNull();
    expect(oracle.answer('our docker image build takes 15 minutes').primary).toBeNull();
  });

  it('still answers a task of the stack asked in an outside field', () => {
    expect(oracle.answer('serve a llama model over http behind our nginx').primary?.component).toBe(
      'realizar',
    );
    expect(oracle.answer('mcp server over server-sent events behind nginx').primary?.component).toBe(
      'pforge',
    );
  });
});
