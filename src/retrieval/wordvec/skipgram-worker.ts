/**
 * Worker-thread entry of the second shard in skipgram-parallel.ts: trains its replica (shared memory)
 * one segment per message and answers with the pairs seen. A `null` message ends the thread by closing its
 * port, so it is never terminated while V8 may still be compiling its hot loop on a background thread
 * (worker.terminate() at that moment aborted the whole process in CI: node_platform.cc ForIsolate).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createShardTrainer, type SkipgramOptions } from './skipgram.js';

/** The shard a helper trains; `input` and `output` hold its replica of the vectors. */
export interface ShardJob {
  readonly counts: Float64Array;
  readonly dim: number;
  readonly input: SharedArrayBuffer;
  readonly output: SharedArrayBuffer;
  readonly corpus: Int32Array;
  readonly options: Omit<SkipgramOptions, 'onProgress'>;
  readonly seed: number;
}

/** One segment to train (see ShardTrainer.segment). */
export interface SegmentRequest {
  readonly epoch: number;
  readonly index: number;
  readonly count: number;
}

function serve(job: ShardJob): void {
  const vectors = {
    words: [],
    counts: job.counts,
    dim: job.dim,
    input: new Float32Array(job.input),
    output: new Float32Array(job.output),
  };
  const trainer = createShardTrainer(vectors, job.corpus, job.options, job.seed);
  const port = parentPort!;
  port.on('message', (request: SegmentRequest | null) => {
    if (request === null) port.close();
    else port.postMessage(trainer.segment(request.epoch, request.index, request.count));
  });
}

if (parentPort !== null && workerData !== null) serve(workerData as ShardJob);
