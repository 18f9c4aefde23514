import { describe, expect, it } from 'vitest';
import { readDataSize } from '../../src/oracle/data-size.js';
import { readPlacement } from '../../src/oracle/placement.js';
import { tokenize } from '../../src/text/tokenize.js';

const placement = (q: string) => readPlacement(tokenize(q));

describe('readPlacement', () => {
  it.each([
    'train on a cluster',
    'spread it across hosts',
    'a fleet of servers runs the jobs',
    'multi-node training',
    'scale out to five boxes',
    'run it on 6 EC2 instances',
    'a 4-node cluster',
    'lots of machines',
    'different machines do the scoring',
    'our render farm',
    'render the frames on every computer in the office',
    'each node takes a shard',
    'use all the servers we have',
    'twelve old desktops in the lab',
  ])('several machines: %s', (q) => {
    expect(placement(q).machines).toBe(true);
  });

  it.each([
    'not on a cluster',
    'PageRank over a graph with 5000 nodes',
    'logistic regression over 10k instances',
    'one machine with 8 GPUs',
    'a fleet of trucks sends telemetry',
    'every machine learning model we ship',
    'it runs on my laptop',
  ])('one machine or none named: %s', (q) => {
    expect(placement(q).machines).toBe(false);
  });

  it.each([
    'serve it on a phone',
    'embedded Linux board',
    'an ARM board',
    'on-device inference',
    'our iOS app',
  ])('a device without a GPU: %s', (q) => {
    expect(placement(q).targets).toEqual(['edge']);
  });

  it('an embedded database is no device, and a device in a later step is not the main target', () => {
    expect(placement('an embedded vector database').targets).toEqual([]);
    const tokens = tokenize('train it on two gpus, then shrink it for a phone');
    const later = tokens.find((t) => t.word === 'then')?.position ?? Number.POSITIVE_INFINITY;
    expect(readPlacement(tokens, new Set(), later).targets).toEqual([]);
  });

  it.each(['a CPU-only box', 'just CPUs', 'our GPU-less runner'])('no GPU to use: %s', (q) => {
    expect(placement(q).cpuOnly).toBe(true);
  });
});

describe('readDataSize', () => {
  it('reads the nodes of a graph as data and the memory of a machine as no data', () => {
    expect(readDataSize(tokenize('PageRank over a graph with 5 million nodes'))?.elements).toBe(5e6);
    expect(readDataSize(tokenize('a box with 256 GB of RAM'))).toBeNull();
    expect(readDataSize(tokenize('10M rows on a box with 256 GB of RAM'))?.text).toBe('10M rows');
  });

  it('estimates bytes from what is counted', () => {
    expect(readDataSize(tokenize('1.2 billion records'))?.bytes).toBe(480e9);
    expect(readDataSize(tokenize('3 million images'))?.bytes).toBe(1.8e12);
    expect(readDataSize(tokenize('40 million entries'))?.bytes).toBe(16e9);
  });
});
