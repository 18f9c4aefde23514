/**
 * Questions about fields the stack does not work in, and machines that share a job, through the built CLI:
 * a word the stack shares with another field ("port" of a router, "kernel" panics, a Docker "image") is no
 * evidence of a task, and "every computer in the office" is several machines, not a compute kernel.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { runBatuta } from './run-batuta.js';

const HOME = tempDir('batuta-oracle-fields-');

function primaryOf(question: string): { code: number | null; primary: string | null } {
  const run = runBatuta(['oracle', '--json', question], HOME);
  if (run.code !== 0) return { code: run.code, primary: null };
  return { code: run.code, primary: JSON.parse(run.stdout).primary?.component ?? null };
}

describe('batuta oracle on outside fields and machines (built CLI)', () => {
  it.each([
    'the kernel panics on our build box after every upgrade',
    'shrink our docker image with a multi-stage build',
    'my vpn keeps disconnecting when the laptop sleeps',
    'the wifi drops every 5 min',
  ])('declines a question of a field outside the stack: %s', (question) => {
    expect(primaryOf(question)).toEqual({ code: 1, primary: null });
  });

  it('declines a question that only shares words with the stack when the learned reading is about none of it', () => {
    expect(primaryOf('resolving merge conflicts in package-lock.json after a rebase')).toEqual({
      code: 1,
      primary: null,
    });
  });

  it('still answers a task of the stack asked in an outside field', () => {
    expect(primaryOf('serve a llama model over http behind our nginx')).toEqual({
      code: 0,
      primary: 'realizar',
    });
  });

  it('reads "every computer in the office" as machines sharing the job', () => {
    const run = runBatuta(
      ['oracle', '--json', 'render the frames on every computer in the office overnight'],
      HOME,
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.primary.component).toBe('repartir');
    expect(answer.problem.hardware).toContain('cluster');
  });

  it('does not read one "step" as "step by step"', () => {
    expect(primaryOf('cython did not help, what would be the next step')).toEqual({
      code: 0,
      primary: 'depyler',
    });
  });
});
