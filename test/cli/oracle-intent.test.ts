/**
 * What a question asks for, through the built CLI: tasks described without naming their technique,
 * negations that rule out a kind of component, conversions that mention Python libraries, and requests
 * of several steps.
 */
import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly supporting: readonly { readonly component: string; readonly via: string }[];
  readonly integrations: readonly { readonly pattern: string }[];
  readonly compute: { readonly backend: string } | null;
}

const ask = createOracleAsker<Answer>([]);

const supporting = (a: Answer) => a.supporting.map((s) => s.component);

describe('batuta oracle reads what the question asks for (built CLI)', () => {
  it('answers tasks described without naming their technique', async () => {
    expect(
      (await ask('find natural groups in our customer records, we have no labels')).primary?.component,
    ).toBe('aprender');
    expect((await ask('find the items nearest to a given one')).primary?.component).toBe('trueno-db');
    const jobs = await ask('run many independent jobs on a few machines');
    expect(jobs.primary?.component).toBe('repartir');
    expect(jobs.compute?.backend).toBe('distributed');
  });

  it('rules out the components a negation names by kind', async () => {
    const rag = await ask('answer questions over our docs with citations, without a vector store');
    expect(rag.primary?.component).toBe('trueno-rag');
    expect(supporting(rag)).not.toContain('trueno-db');
    const segments = await ask('group our users into segments, no labels and no deep learning');
    expect(segments.primary?.component).toBe('aprender');
    expect(supporting(segments)).not.toContain('entrenar');
  });

  it('lets the converter lead a conversion and the library replacements follow', async () => {
    const numpy = await ask('convert my numpy-heavy python script to rust');
    expect(numpy.primary?.component).toBe('depyler');
    expect(supporting(numpy)).toContain('trueno');
    const sklearn = await ask('how do I translate scikit-learn code into rust automatically');
    expect(sklearn.primary?.component).toBe('depyler');
    expect(supporting(sklearn)).toContain('aprender');
  });

  it('answers a request of several steps with its main task, later steps supporting', async () => {
    const steps = await ask('group our customers into segments with k-means, then chart the segments');
    expect(steps.primary?.component).toBe('aprender');
    const viz = steps.supporting.find((s) => s.component === 'trueno-viz');
    expect(viz).toBeDefined();
    expect(steps.integrations.map((i) => i.pattern)).toContain(viz?.via);
  });
});
