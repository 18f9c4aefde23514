/**
 * Wordings of people outside the project, through the built CLI: typos, words that stem to a short
 * keyword of something else, and questions nothing in the stack answers.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const HOME = tempDir('batuta-oracle-outside-');

function primaryOf(question: string): { code: number | null; primary: string | null } {
  const run = runBatuta(['oracle', '--json', question], HOME);
  if (run.code !== 0) return { code: run.code, primary: null };
  return { code: run.code, primary: JSON.parse(run.stdout).primary?.component ?? null };
}

describe('batuta oracle on outside wordings (built CLI)', () => {
  it('reads a misspelt word as the word it was meant to be', () => {
    expect(primaryOf('i want to visulize my training metrics')).toEqual({ code: 0, primary: 'trueno-viz' });
  });

  it('reads a kernel among images as a compute kernel, not the operating system', () => {
    expect(primaryOf('the blur kernel on our images runs too slow')).toEqual({ code: 0, primary: 'trueno' });
  });

  it('reads "most similar to this one" as similarity search', () => {
    const run = runBatuta(['oracle', '--json', 'which past tickets read most similar to this new one'], HOME);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.primary.component).toBe('trueno-db');
    expect(answer.problem.domains).toContain('vector-search');
  });

  it('answers a question that names only its field and a quantity of data', () => {
    expect(primaryOf('we keep 3 PB of clickstream to study')).toEqual({ code: 0, primary: 'trueno-db' });
  });

  it('does not read "ios" as the tracing keyword "io": nothing in the stack builds phone apps', () => {
    expect(primaryOf('build an ios app').code).toBe(1);
  });
});
