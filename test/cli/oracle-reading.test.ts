import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly supporting: readonly { readonly component: string }[];
  readonly problem: {
    readonly languages: readonly string[];
    readonly migration: boolean;
    readonly domains: readonly string[];
  };
}

const ask = createOracleAsker<Answer>([]);

describe('batuta oracle reads the request (built CLI)', () => {
  it('takes the source language of a conversion from the libraries it names: the converter leads', async () => {
    const scipy = await ask('port my scipy based statistics script to rust');
    expect(scipy.problem.languages).toEqual(['python']);
    expect(scipy.primary?.component).toBe('depyler');
    const numpy = await ask('migrate our numpy heavy image code to Rust');
    expect(numpy.primary?.component).toBe('depyler');
    expect(numpy.supporting.map((s) => s.component)).toContain('trueno');
    const blas = await ask('our C code calls cblas for the matrix products, migrate it to Rust');
    expect(blas.primary?.component).toBe('decy');
  });

  it('reads "want it in rust" as a conversion of the code it talks about', async () => {
    const shell = await ask('our bash script strings together awk and jq, we want it in rust');
    expect(shell.problem.migration).toBe(true);
    expect(shell.primary?.component).toBe('bashrs');
  });

  it('reads "my script" as the user\'s program, not the scripting language', async () => {
    const files = await ask('which files does my script write to, without using strace');
    expect(files.primary?.component).toBe('renacer');
  });

  it('reads "shells out" as starting a program, not as shell code', async () => {
    const answer = await ask('a python script that shells out to ffmpeg; convert it to rust');
    expect(answer.problem.languages).toEqual(['python']);
    expect(answer.primary?.component).toBe('depyler');
  });

  it('reads "four languages" as the code to move, "org chart" as a hierarchy, "release profile" as a build', async () => {
    expect(
      (await ask('we have code in four languages; what order should we move it to rust in')).primary
        ?.component,
    ).toBe('batuta');
    expect(
      (await ask('from the org chart, how many hops from each engineer to the CTO')).primary?.component,
    ).toBe('trueno-graph');
    const profile = await ask('tune the cargo release profile for a small binary');
    expect(profile.primary?.component).not.toBe('renacer');
    expect(profile.problem.domains).not.toContain('tracing');
  });

  it('rules out the move, not the code, in "not moving our shell scripts to rust"', async () => {
    const answer = await ask(
      "we're not moving our shell scripts to rust; we just want them checked and hardened",
    );
    expect(answer.problem.migration).toBe(false);
    expect(answer.primary?.component).toBe('bashrs');
  });

  it('lets the drawing lead when the request asks to see numbers as a picture', async () => {
    const answer = await ask(
      "i'd like to watch the validation accuracy climb while the model trains, one line per epoch",
    );
    expect(answer.primary?.component).toBe('trueno-viz');
    expect(answer.supporting.map((s) => s.component)).toContain('entrenar');
  });

  it('reads "off python and c" as moving a mixed code base, which the orchestrator plans', async () => {
    const answer = await ask(
      'the whole service has to get off python and c next year; which file goes through which tool, in what order',
    );
    expect(answer.problem.migration).toBe(true);
    expect(answer.primary?.component).toBe('batuta');
  });

  it('does not rule out a whole field for one word of it: "not the tests, the code" keeps code grading', async () => {
    expect(
      (await ask('which modules are in the worst shape? not the tests, the code')).primary?.component,
    ).toBe('pmat');
  });
});
