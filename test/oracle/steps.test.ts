import { describe, expect, it } from 'vitest';
import { headsToRust, laterStepFrom } from '../../src/oracle/steps.js';
import { tokenize } from '../../src/text/tokenize.js';

describe('laterStepFrom', () => {
  it('starts the later step at "then" or at a clause that waits for the first to finish', () => {
    const tokens = tokenize('spread the jobs over our machines and when they are done group the results');
    expect(tokens[laterStepFrom(tokens)]?.word).toBe('when');
    const then = tokenize('group the customers, then chart the groups');
    expect(then[laterStepFrom(then)]?.word).toBe('then');
  });

  it('finds no later step in a one-step request or a "when" that waits for nothing', () => {
    expect(laterStepFrom(tokenize('cluster the customers by what they buy'))).toBe(Number.POSITIVE_INFINITY);
    expect(laterStepFrom(tokenize('warn me when the disk is full'))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('headsToRust', () => {
  it('reads "to Rust", "into Rust" and "want it in Rust" as moving code to Rust', () => {
    expect(headsToRust(tokenize('port the tool to rust'))).toBe(true);
    expect(headsToRust(tokenize('turn the script into rust code'))).toBe(true);
    expect(headsToRust(tokenize('we want it in Rust'))).toBe(true);
    expect(headsToRust(tokenize('can it be rewritten in rust'))).toBe(true);
  });

  it('does not read a tool written in Rust, or a negated move, as one', () => {
    expect(headsToRust(tokenize('a profiler written in rust'))).toBe(false);
    expect(headsToRust(tokenize('we are not moving it to rust'))).toBe(false);
  });
});
