/**
 * Worker-thread entry of the vector swap (vector-sync.ts starts it): writes a collection's new vectors, its
 * embedder and its HNSW file state in one transaction on its own database connection. The write takes
 * seconds for a large collection (2.7-3.0 s for 139k vectors on the main thread), and meanwhile the main
 * thread keeps answering searches from the old vectors: SQLite (WAL) readers see the last committed state.
 * Posts `done` or the error's one-line description, then ends by itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../errors.js';
import { IndexStore, type VectorFileState } from '../../store/index-store.js';

/** What vector-sync.ts hands the worker; `vectors` holds `ids.length` rows of `dimension` floats. */
export interface SwapJob {
  readonly dbPath: string;
  readonly collectionId: number;
  readonly embedder: string;
  readonly ids: Float64Array;
  readonly vectors: Float32Array;
  readonly dimension: number;
  readonly file: VectorFileState;
}

export type SwapMessage = { readonly type: 'done' } | { readonly type: 'error'; readonly message: string };

function run(job: SwapJob): SwapMessage {
  let store: IndexStore | undefined;
  try {
    store = IndexStore.open(job.dbPath, { mustExist: true });
    const rows = Array.from(job.ids, (id, i) => ({
      id,
      vector: job.vectors.subarray(i * job.dimension, (i + 1) * job.dimension),
    }));
    store.replaceVectors(job.collectionId, job.embedder, rows, job.file);
    return { type: 'done' };
  } catch (error) {
    return { type: 'error', message: describeError(error) };
  } finally {
    store?.close();
  }
}

if (parentPort !== null && workerData !== null) parentPort.postMessage(run(workerData as SwapJob));
