import { describe, expect, it } from 'vitest';
import { asksToSee, headsToRust, laterStepFrom, leavesLanguage } from '../../src/oracle/steps.js';
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

  it('reads what a conversion yields after "rust" ("a rust version", "rust output") as moving code to Rust', () => {
    expect(headsToRust(tokenize('we would like a rust version of the parser'))).toBe(true);
    expect(headsToRust(tokenize('we want rust output for each module'))).toBe(true);
    expect(headsToRust(tokenize('our rust code is slow'))).toBe(false);
    expect(headsToRust(tokenize('no rust version, please'))).toBe(false);
    expect(headsToRust(tokenize('it is written in rust, version 2 is out'))).toBe(false);
  });

  it('does not read a tool written in Rust, or a negated move, as one', () => {
    expect(headsToRust(tokenize('a profiler written in rust'))).toBe(false);
    expect(headsToRust(tokenize('we are not moving it to rust'))).toBe(false);
  });
});

describe('asksToSee', () => {
  const sees = (q: string) => {
    const tokens = tokenize(q);
    return asksToSee(tokens, laterStepFrom(tokens));
  };

  it('reads a request to see numbers as a picture: a verb of seeing and a trend, line or points', () => {
    expect(sees('watch the loss go down while it trains, one line per epoch')).toBe(true);
    expect(sees('graph the memory usage over time')).toBe(true);
    expect(sees('show the embeddings as dots coloured by label')).toBe(true);
  });

  it('does not read "show me how", a graph neural network or a later step as one', () => {
    expect(sees('show me how to train a model')).toBe(false);
    expect(sees('my graph neural network trains too slowly, how do I speed it up')).toBe(false);
    expect(sees('train the model, then plot the loss per epoch')).toBe(false);
  });
});

describe('leavesLanguage', () => {
  it('reads "off Python" and "away from C" as leaving the language', () => {
    const off = tokenize('get the product off python and c');
    expect(leavesLanguage(off, [4])).toBe(true);
    const away = tokenize('move away from c');
    expect(leavesLanguage(away, [3])).toBe(true);
    expect(leavesLanguage(tokenize('we write python'), [2])).toBe(false);
  });
});
