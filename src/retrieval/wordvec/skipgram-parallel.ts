/**
 * Skip-gram (Mikolov 2013) on two threads with a repeatable result: the corpus is split into two shards
 * at a document break, each thread trains its own replica of the vectors, and every SYNC_TOKENS tokens
 * both replicas become the start plus the sum of both threads' changes (local SGD with periodic
 * synchronisation, Stich 2019; summing rather than averaging the changes keeps the step size of one
 * thread going through the whole corpus, as Hogwild! word2vec does, Recht 2011). The result depends
 * on the seed only, never on thread timing.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { compiledWorkerFile } from '../threads/worker-file.js';
import { createShardTrainer, type SkipgramOptions, trainSkipgram, type WordVectors } from './skipgram.js';
import type { SegmentRequest, ShardJob } from './skipgram-worker.js';

/**
 * Tokens per shard between synchronisations. At 100,000 the batuta-docs dev hybrid nDCG@10 fell by 0.015
 * against one thread (two seeds); at 25,000 it matches one thread (bench/RESULTS.md, adaptation round 2)
 * for a merge cost of ~2 % of the training time.
 */
export const SYNC_TOKENS = 25_000;

/** Splits a corpus at the document break nearest its middle; the second part is empty if there is none. */
export function splitCorpus(corpus: Int32Array): [Int32Array, Int32Array] {
  const middle = corpus.length >> 1;
  for (let d = 0; d < middle; d++) {
    for (const at of [middle + d, middle - d - 1]) {
      if (at >= 0 && at < corpus.length - 1 && corpus[at] === -1) {
        return [corpus.subarray(0, at + 1), corpus.subarray(at + 1)];
      }
    }
  }
  return [corpus, corpus.subarray(corpus.length)];
}

function sharedCopy(values: Float32Array): Float32Array {
  const copy = new Float32Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}

/** own = other = start = start + (own − start) + (other − start). */
function merge(own: Float32Array, other: Float32Array, start: Float32Array): void {
  for (let i = 0; i < own.length; i++) {
    const value = own[i]! + other[i]! - start[i]!;
    own[i] = value;
    other[i] = value;
    start[i] = value;
  }
}

/**
 * Trains `vectors` in place like trainSkipgram, on two threads (a worker trains the second shard).
 * Falls back to one thread when the corpus has a single document. Returns the pairs seen.
 */
export async function trainSkipgramParallel(
  vectors: WordVectors,
  corpus: Int32Array,
  options: SkipgramOptions,
): Promise<number> {
  const [first, second] = splitCorpus(corpus);
  if (second.length === 0) return trainSkipgram(vectors, corpus, options);
  const { onProgress, ...plain } = options;
  const replica = { input: sharedCopy(vectors.input), output: sharedCopy(vectors.output) };
  const start = { input: Float32Array.from(vectors.input), output: Float32Array.from(vectors.output) };
  const job: ShardJob = {
    counts: vectors.counts,
    dim: vectors.dim,
    input: replica.input.buffer as SharedArrayBuffer,
    output: replica.output.buffer as SharedArrayBuffer,
    corpus: second,
    options: plain,
    seed: options.seed + 1,
  };
  const helper = new Worker(compiledWorkerFile(import.meta.url, 'skipgram-worker.js'), { workerData: job });
  const stopped = new Promise((resolve) => helper.once('exit', resolve));
  const trainer = createShardTrainer(vectors, first, plain, options.seed);
  const segments = Math.max(1, Math.ceil(first.length / SYNC_TOKENS));
  let pairs = 0;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let index = 0; index < segments; index++) {
        const answer = once(helper, 'message');
        helper.postMessage({ epoch, index, count: segments } satisfies SegmentRequest);
        pairs += trainer.segment(epoch, index, segments);
        pairs += (await answer)[0] as number;
        merge(vectors.input, replica.input, start.input);
        merge(vectors.output, replica.output, start.output);
        onProgress?.((epoch * segments + index + 1) / (options.epochs * segments));
      }
    }
  } finally {
    // Asked to stop, the helper finishes the segment it is on and ends its own thread (see skipgram-worker.ts).
    helper.postMessage(null);
    await stopped;
  }
  return pairs;
}
