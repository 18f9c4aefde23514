import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly problem: { readonly migration: boolean; readonly languages: readonly string[] };
  readonly explain?: readonly {
    readonly component: string;
    readonly reasons: readonly { readonly signal: string; readonly points: number }[];
  }[];
}

const ask = createOracleAsker<Answer>();

describe('batuta oracle reads what the question asks for (built CLI)', () => {
  it('reads "a Rust version of them" as a conversion of the named language', async () => {
    const answer = await ask(
      'our pricing code is a pile of Python modules and the team wants a Rust version of them',
    );
    expect(answer.problem.migration).toBe(true);
    expect(answer.problem.languages).toEqual(['python']);
    expect(answer.primary?.component).toBe('depyler');
  });

  it('reads "rust output" for a C library as a C conversion', async () => {
    const answer = await ask(
      'we keep a small C library for parsing packets; we want rust output we can maintain',
    );
    expect(answer.problem.migration).toBe(true);
    expect(answer.primary?.component).toBe('decy');
  });

  it('answers "what is it for" with the component the question names', async () => {
    const answer = await ask(
      'I found aprender-compute in the Cargo.toml of a project we inherited; what is it for?',
    );
    expect(answer.primary?.component).toBe('trueno');
  });

  it('counts a named component asked for something it does as fully as a component named alone', async () => {
    const answer = await ask(
      'we depend on aprender-compute already; how do we get softmax over big float buffers faster',
    );
    expect(answer.primary?.component).toBe('trueno');
    const named = answer.explain
      ?.find((s) => s.component === 'trueno')
      ?.reasons.find((r) => r.signal === 'named');
    expect(named?.points).toBe(4);
  });

  it('reads "X is overkill" and "X is too costly" as ruling X out', async () => {
    const spam = await ask(
      'flag spam comments on our forum from their text; a language model is overkill, we have 20k flagged comments',
    );
    expect(spam.primary?.component).toBe('aprender');
    const routing = await ask(
      "decide from a message's text which department gets it; a large language model is too costly for that",
    );
    expect(routing.primary?.component).toBe('aprender');
  });

  it('keeps other words deciding when the named component is only mentioned', async () => {
    const answer = await ask(
      'we already use aprender-compute; which tool converts our bash deploy scripts to rust',
    );
    expect(answer.primary?.component).toBe('bashrs');
  });
});
