/**
 * Compute advice on wordings the rules must carry to, not only the examples they were written from:
 * targets without a GPU in other words (phone, microcontroller, in-page …), several machines in other
 * words (fleet, pods, hosts …), sizes in every unit and number form, analytics that is not vector
 * search. Each case runs the built CLI with --json and checks the structured answer.
 */
import { describe, expect, it } from 'vitest';
import { createOracleAsker } from './ask-oracle.js';

interface Answer {
  readonly problem: { readonly domains: string[] };
  readonly compute: { readonly backend: string; readonly rationale: string } | null;
}

const ask = createOracleAsker<Answer>([]);

/** A unit written wrongly: "200BB", "2 tb" left in lower case, "GiB" for "MiB" and the like. */
const GARBLED = /\d\s*[KMGTP]?BB\b|\b\d+(?:\.\d+)?\s?(?:kb|mb|gb|tb|pb|kib|mib|gib|tib|pib)\b|\bb rows\b/;

interface Case {
  readonly q: string;
  /** Acceptable backends. */
  readonly backend: readonly string[];
  /** Texts the rationale must contain (the size as given, its byte estimate). */
  readonly says?: readonly string[];
}

const NO_GPU_TARGETS: readonly Case[] = [
  { q: 'run inference in the browser with WebAssembly', backend: ['simd'] },
  { q: 'serve a small LLM on a phone', backend: ['simd'] },
  { q: 'run the language model on mobile devices', backend: ['simd'] },
  { q: 'deploy an image classifier to a Raspberry Pi', backend: ['simd'] },
  { q: 'run a tiny neural network on a microcontroller', backend: ['simd'] },
  { q: 'embedded inference on an ARM board', backend: ['simd'] },
  { q: 'we have no GPU available, train a small neural network', backend: ['simd'] },
  { q: 'matrix multiplication in a web page', backend: ['simd'] },
  { q: 'compute the embeddings in-page, client side', backend: ['simd'] },
  { q: 'compile the model to wasm and run it at the edge', backend: ['simd'] },
  { q: 'LLM inference on edge devices', backend: ['simd'] },
  { q: 'fine-tune a transformer without a GPU', backend: ['simd'] },
  { q: 'CPU-only box: serve a quantized llama', backend: ['simd'] },
  { q: 'run text generation inside a WASM runtime', backend: ['simd'] },
  { q: 'serve a model inside a smartphone app', backend: ['simd'] },
  { q: 'on-device inference for an iPhone app', backend: ['simd'] },
  { q: 'our laptops have no graphics card; train a random forest on 2 million rows', backend: ['simd'] },
  { q: 'run a speech model on an embedded Linux board in a car', backend: ['simd'] },
  { q: 'score the model inside a browser extension', backend: ['simd'] },
  { q: 'matrix math on an Android tablet', backend: ['simd'] },
  { q: 'run the model on the GPU in the browser via WebGPU', backend: ['gpu'] },
  { q: 'our build box is GPU-less, fine-tune a small transformer there', backend: ['simd'] },
  { q: 'ship an on-device classifier in our iOS app', backend: ['simd'] },
  { q: 'keyword spotting model on an STM32 board', backend: ['simd'] },
];

const SEVERAL_MACHINES: readonly Case[] = [
  { q: 'train a model on a cluster', backend: ['distributed'] },
  { q: 'fine-tune on 8 GPUs across a cluster', backend: ['distributed'] },
  { q: 'train a transformer across several machines', backend: ['distributed'] },
  { q: 'multi-node training of a language model', backend: ['distributed'] },
  { q: 'fine-tune llama on 4 nodes', backend: ['distributed'] },
  { q: 'run the batch jobs on 4 servers', backend: ['distributed'] },
  { q: 'spread the embedding computation across hosts', backend: ['distributed'] },
  { q: 'we have a fleet of machines to run the simulations', backend: ['distributed'] },
  { q: 'distribute the preprocessing over Kubernetes pods', backend: ['distributed'] },
  { q: 'run the scoring on many workers on different machines', backend: ['distributed'] },
  { q: 'fine-tune the model using 16 GPUs spread over 2 nodes', backend: ['distributed'] },
  { q: 'train on our Slurm cluster', backend: ['distributed'] },
  { q: 'data-parallel training across multiple hosts', backend: ['distributed'] },
  { q: 'run k-means on a dozen machines', backend: ['distributed'] },
  { q: 'run the grid search on three servers', backend: ['distributed'] },
  { q: 'process the dataset on a cluster of 10 nodes', backend: ['distributed'] },
  { q: 'pretrain a model on a multi-machine setup', backend: ['distributed'] },
  { q: 'scale the training out to five boxes', backend: ['distributed'] },
  { q: 'cluster 10k customers into groups', backend: ['simd', 'gpu', 'scalar'] },
  { q: 'not on a cluster, just my laptop: train a classifier', backend: ['simd', 'scalar'] },
  { q: 'group similar documents into clusters', backend: ['simd', 'gpu', 'scalar'] },
  { q: 'PageRank over a graph with 5000 nodes', backend: ['simd', 'gpu', 'scalar'] },
  { q: 'one machine with 8 GPUs: train a transformer', backend: ['gpu'] },
  { q: 'fine-tune a model on a 4-node cluster', backend: ['distributed'] },
  { q: 'run the embedding jobs on 6 EC2 instances', backend: ['distributed'] },
  { q: 'logistic regression over 10k instances', backend: ['simd', 'scalar'] },
  { q: 'we do not have a cluster, fine-tune on one workstation', backend: ['gpu', 'simd'] },
];

const SIZES: readonly Case[] = [
  { q: 'load 200GB of parquet and filter it', backend: ['distributed'], says: ['200 GB'] },
  { q: 'aggregate 1.5 TB of logs', backend: ['distributed'], says: ['1.5 TB'] },
  { q: 'summary statistics over 750 MiB of CSV', backend: ['simd', 'gpu'], says: ['750 MiB'] },
  { q: 'process 3 TiB of sensor data', backend: ['distributed'], says: ['3 TiB'] },
  { q: 'we have 2 PB of clickstream to analyze', backend: ['distributed'], says: ['2 PB'] },
  { q: 'sum 40 KB of sensor readings', backend: ['simd', 'scalar'], says: ['40 KB'] },
  {
    q: 'half a terabyte of CSV to clean up',
    backend: ['distributed'],
    says: ['half a terabyte', '500 GB'],
  },
  {
    q: 'train a gradient boosting model on 500 million rows',
    backend: ['distributed'],
    says: ['500 million rows', '200 GB'],
  },
  { q: '3B rows of transactions, what should I use?', backend: ['distributed'], says: ['3B rows', '1.2 TB'] },
  {
    q: 'deduplicate 1.2 billion records',
    backend: ['distributed'],
    says: ['1.2 billion records', '480 GB'],
  },
  { q: 'train a logistic regression on 10k rows', backend: ['simd', 'scalar'], says: ['10k rows'] },
  {
    q: 'classify 2,000,000 records with a random forest',
    backend: ['gpu', 'simd'],
    says: ['2,000,000 records', '800 MB'],
  },
  { q: 'k-means on 12M samples', backend: ['gpu'], says: ['12M samples', '4.8 GB'] },
  { q: 'pandas is too slow on our 200 GB CSV', backend: ['distributed'], says: ['200 GB'] },
  {
    q: 'five hundred million rows of sales to summarise',
    backend: ['distributed'],
    says: ['five hundred million rows', '200 GB'],
  },
  { q: 'filter 1.5TB of events', backend: ['distributed'], says: ['1.5 TB'] },
  { q: 'no GPU: train a random forest on 50 million rows', backend: ['simd'], says: ['50 million rows'] },
  {
    q: 'a 10 gigabyte CSV to join with another one',
    backend: ['simd', 'gpu'],
    says: ['10 gigabyte (10 GB)'],
  },
  { q: 'import 300 megabytes of JSON lines', backend: ['simd', 'gpu', 'scalar'], says: ['300 megabytes'] },
  { q: 'two terabytes of parquet to aggregate', backend: ['distributed'], says: ['two terabytes', '2 TB'] },
  {
    q: 'train a random forest on 10M rows on a box with 256 GB of RAM',
    backend: ['gpu', 'simd'],
    says: ['10M rows'],
  },
  { q: 'our GPU has 24 GB of memory; k-means on 5 million rows', backend: ['gpu'], says: ['5 million rows'] },
  { q: 'aggregate a few hundred GB of logs', backend: ['distributed'], says: ['a few hundred GB'] },
];

const NOT_VECTOR_SEARCH: readonly string[] = [
  'aggregate 2 TB of logs',
  'compute daily averages over our metrics',
  'count events per user per hour from the event stream',
  'clickstream analytics: sessions per page',
  'group-by and sum over a big CSV file',
  'query parquet files with SQL for monthly revenue',
  'percentiles of request latency from the access logs',
];

const VECTOR_SEARCH: readonly string[] = [
  'find log lines similar to this error message',
  'nearest products to a given product embedding',
  'find the 10 most similar images to a query image',
];

/**
 * Wordings the oracle still gets wrong, kept visible: `it.fails` turns red once one is fixed, so it
 * moves back to the plain cases.
 */
const KNOWN_MISSES: ReadonlySet<string> = new Set([]);
const test = (q: string) => (KNOWN_MISSES.has(q) ? it.fails : it);

function check(c: Case): () => Promise<void> {
  return async () => {
    const answer = await ask(c.q);
    const compute = answer.compute;
    expect(c.backend, `${c.q}: ${compute?.rationale}`).toContain(compute?.backend);
    for (const text of c.says ?? []) expect(compute?.rationale, c.q).toContain(text);
    expect(compute?.rationale ?? '', c.q).not.toMatch(GARBLED);
  };
}

describe.concurrent('compute advice on new wordings (built CLI)', () => {
  describe('targets without a GPU fall back to SIMD', () => {
    for (const c of NO_GPU_TARGETS) test(c.q)(c.q, check(c));
  });
  describe('several machines go distributed; clustering and one machine do not', () => {
    for (const c of SEVERAL_MACHINES) test(c.q)(c.q, check(c));
  });
  describe('sizes in the unit given, the backend consistent with them', () => {
    for (const c of SIZES) test(c.q)(c.q, check(c));
  });
  describe('analytics is not vector search', () => {
    for (const q of NOT_VECTOR_SEARCH) {
      test(q)(q, async () => expect((await ask(q)).problem.domains).not.toContain('vector-search'));
    }
  });
  describe('similarity wording is vector search', () => {
    for (const q of VECTOR_SEARCH) {
      test(q)(q, async () => expect((await ask(q)).problem.domains).toContain('vector-search'));
    }
  });
});
