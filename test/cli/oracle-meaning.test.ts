/**
 * Meaning over wording, through the built CLI: tasks described in everyday words reach the capability
 * whose situations they describe, and ambiguous words ("edge", "network", "closest") are read in the
 * sense their context selects.
 */
import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly primary: { readonly component: string } | null;
  readonly supporting: readonly { readonly component: string; readonly via: string }[];
  readonly problem: { readonly deployment: readonly string[] };
  readonly explain?: readonly {
    readonly component: string;
    readonly reasons: readonly { signal: string }[];
  }[];
}

const ask = createOracleAsker<Answer>();

describe('batuta oracle reads tasks by meaning (built CLI)', () => {
  it('matches an everyday description to the situation it describes', async () => {
    const answer = await ask(
      'an assistant that answers staff questions from our internal handbooks and says which page each answer came from',
    );
    expect(answer.primary?.component).toBe('trueno-rag');
    const rag = answer.explain?.find((s) => s.component === 'trueno-rag');
    expect(rag?.reasons.map((r) => r.signal)).toContain('situation');
  });

  it('reads "closest" among items as similarity', async () => {
    expect((await ask('which photos in our library look closest to this one')).primary?.component).toBe(
      'trueno-db',
    );
  });

  it('reads "network" next to training words as a neural network, not a graph', async () => {
    expect((await ask('teach a small network to recognise handwritten digits')).primary?.component).toBe(
      'entrenar',
    );
    expect(
      (await ask('teach a network to sort labelled product photos into categories')).primary?.component,
    ).toBe('entrenar');
    const small = await ask('keep the weights of our network small enough for an edge device');
    expect(small.primary?.component).toBe('entrenar');
    expect(small.problem.deployment).toContain('edge');
  });

  it('reads "edge" as a device in hardware context and as a graph edge in graph context', async () => {
    const device = await ask('run our anomaly model on edge devices in the factory');
    expect(device.problem.deployment).toContain('edge');
    expect(device.explain?.slice(0, 3).map((s) => s.component)).not.toContain('trueno-graph');
    const graph = await ask('which edges of the dependency graph form a cycle');
    expect(graph.primary?.component).toBe('trueno-graph');
    expect(graph.problem.deployment).not.toContain('edge');
  });

  it('reads "cluster" among users as groups in data, and lets the first step of a request lead', async () => {
    const answer = await ask('cluster our users by how they use the app, then plot the clusters');
    expect(answer.primary?.component).toBe('aprender');
    expect(answer.supporting.map((s) => s.component)).toContain('trueno-viz');
    expect(answer.supporting.map((s) => s.component)).not.toContain('repartir');
  });

  it('reaches integrity checks and mutation testing from everyday descriptions of them', async () => {
    const weights = await ask(
      'before we load weights someone mailed us, check they are byte for byte what was released and by whom',
    );
    expect(weights.primary?.component).toBe('pacha');
    const mutants = await ask('break the code on purpose in small ways and list the changes no test caught');
    expect(mutants.primary?.component).toBe('certeza');
  });

  it('lets the converter lead and ties the replacement of a named library in through an integration', async () => {
    const answer = await ask('convert the python multiprocessing workers to rust');
    expect(answer.primary?.component).toBe('depyler');
    const repartir = answer.supporting.find((s) => s.component === 'repartir');
    expect(repartir?.via).toBeTruthy();
  });
});
