/**
 * Tasks described in everyday words that no phrase, synonym or situation of the knowledge contains, read
 * by meaning through the built CLI: the question's words, pooled in the everyday and the Debian-trained
 * word vectors, are close to what a capability does (signal "meaning" in the explain trace).
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dirs.js';
import { createOracleAsker } from './ask-oracle.js';
import { runBatuta } from './run-batuta.js';

interface Answer {
  readonly primary: { readonly component: string; readonly rationale: string } | null;
  readonly explain?: readonly {
    readonly component: string;
    readonly reasons: readonly { readonly signal: string; readonly matched: string }[];
  }[];
}

const ask = createOracleAsker<Answer>();

const signalsOf = (answer: Answer, component: string) =>
  answer.explain?.find((s) => s.component === component)?.reasons.map((r) => r.signal) ?? [];

describe('batuta oracle reads a described task by meaning (built CLI)', () => {
  it('reads a round of deliveries as a route through a graph', async () => {
    const answer = await ask(
      'a delivery van has to visit 30 addresses; what order of streets gets it back soonest',
    );
    expect(answer.primary?.component).toBe('trueno-graph');
    expect(signalsOf(answer, 'trueno-graph')).toContain('meaning');
    expect(answer.primary?.rationale).toMatch(/the task reads like [a-z-]+/);
  });

  it('reads answers quoted from handbook pages as retrieval-augmented generation', async () => {
    const answer = await ask(
      'we want our chat assistant to answer only from our handbook pages and say which page it used',
    );
    expect(answer.primary?.component).toBe('trueno-rag');
    expect(signalsOf(answer, 'trueno-rag')).toContain('meaning');
  });

  it('leaves a question that names its tool to that tool', async () => {
    const answer = await ask('the old installer is a 3000-line sh file and nobody dares touch it');
    expect(answer.primary?.component).toBe('bashrs');
  });

  it('does not answer a question about something else because a few of its words are close in meaning', async () => {
    const failed = runBatuta(
      ['oracle', '--json', 'who won the football match last night'],
      tempDir('batuta-described-'),
    );
    expect(failed.code).toBe(1);
    expect((JSON.parse(failed.stdout || '{}') as Answer).primary).toBeNull();
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('does not read words the question rules out', async () => {
    const meaningOf = (answer: Answer) =>
      answer.explain?.find((s) => s.component === 'aprender')?.reasons.find((r) => r.signal === 'meaning')
        ?.matched ?? '';
    const asked = await ask('draw a chart of our weekly sign-ups, clustering and model training');
    expect(meaningOf(asked)).toMatch(/^clustering/);
    const ruledOut = await ask('draw a chart of our weekly sign-ups, no clustering and no model training');
    expect(ruledOut.primary?.component).toBe('trueno-viz');
    expect(meaningOf(ruledOut)).not.toMatch(/^clustering/);
  });
});
