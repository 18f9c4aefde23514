import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { compileLexicon } from '../../src/oracle/lexicon.js';
import { readsClusterOfMachines } from '../../src/oracle/placement.js';
import { scoreComponents } from '../../src/oracle/score.js';
import { understand } from '../../src/oracle/understand.js';
import { tokenize } from '../../src/text/tokenize.js';

const lexicon = compileLexicon(loadKnowledge());
const top = (q: string) => scoreComponents(lexicon, understand(lexicon, q))[0]?.component;

describe('machines', () => {
  it('reads a cluster of machines, not clustering', () => {
    const reads = (q: string) => readsClusterOfMachines(tokenize(q, lexicon.stemWord));
    expect(reads('train a model on a cluster')).toBe(true);
    expect(reads('run it across our slurm cluster')).toBe(true);
    expect(reads('spread the work over a few machines')).toBe(true);
    expect(reads('run the sweep on four nodes')).toBe(true);
    expect(reads('I want to cluster the customers')).toBe(false);
    expect(reads('cluster a few thousand rows')).toBe(false);
    expect(reads('not on a cluster')).toBe(false);
  });
});

describe('requests of several steps', () => {
  it('count later steps at a share, so the first task leads', () => {
    const u = understand(lexicon, 'cluster the customers with k-means, then plot the clusters');
    const later = u.signals.filter((f) => f.phrase === 'plot');
    expect(later.length).toBeGreaterThan(0);
    for (const f of later) expect(f.weight).toBeLessThan(1);
    expect(top('cluster the customers with k-means, then plot the clusters')).toBe('aprender');
  });
});

describe('negation scoped to components', () => {
  it('rules out the component a negated kind of tool names, unless it is wanted otherwise', () => {
    expect(understand(lexicon, 'search docs with citations, without a vector store').excluded).toContain(
      'trueno-db',
    );
    expect(understand(lexicon, 'no plotting, aggregate sales with sql').excluded).toContain('trueno-viz');
    expect(understand(lexicon, 'no labels, group the customers').excluded).not.toContain('aprender');
    expect(understand(lexicon, 'trace system calls, this is not about speed').excluded).not.toContain(
      'renacer',
    );
  });

  it('rules out no component for a word of a whole field, nor the replacement of a named tool', () => {
    const field = understand(lexicon, 'which modules are in the worst shape? not the tests, the code');
    expect(field.excluded).not.toContain('pmat');
    expect(understand(lexicon, 'which files does it open, without strace').excluded).not.toContain('renacer');
  });
});

describe('conversions', () => {
  it('let the converter of the source language lead, not the replacement of the library', () => {
    expect(top('port a pandas ETL script to rust')).toMatch(/^(depyler|batuta)$/);
    expect(top('migrate the networkx analysis scripts to rust')).toMatch(/^(depyler|batuta)$/);
    expect(top('What replaces pandas?')).toBe('alimentar');
    expect(top('prove the Rust port behaves exactly like the Python original')).toMatch(
      /^(renacer|certeza)$/,
    );
  });
});

describe('word senses', () => {
  it('reads counted nodes as machines, not graph nodes', () => {
    const u = understand(lexicon, 'run the hyperparameter sweep on four nodes');
    expect(u.problem.hardware).toContain('cluster');
    expect(u.signals.some((f) => f.signal.kind === 'keyword' && f.signal.component === 'trueno-graph')).toBe(
      false,
    );
    expect(
      understand(lexicon, 'pagerank over the nodes of our graph').signals.some(
        (f) => f.signal.kind === 'keyword',
      ),
    ).toBe(true);
  });

  it('reads a comparison with the original as checking a conversion, not doing one', () => {
    const q = 'where does the rust rewrite spend its time in the kernel compared with the python original';
    expect(understand(lexicon, q).problem.capabilities).toContain('behavioral-equivalence');
    expect(top(q)).toBe('renacer');
  });
});
