/**
 * Child process of the loader fuzz test: loads each file (or model folder) listed in the JSON file named
 * by argv[2] the way batuta does, uses what loaded, and prints one line per case. A case that made the
 * process die by signal is the one after the last `done` line; a normal exit means every case survived.
 */
import { readFileSync } from 'node:fs';
import { VectorIndex } from '../../src/retrieval/dense/hnsw.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';

/** One file to load: an HNSW index of `dimension`-d vectors, or a folder of model files. */
export type DamagedCase =
  | { readonly kind: 'hnsw'; readonly path: string; readonly dimension: number }
  | { readonly kind: 'model'; readonly dir: string };

async function loadHnsw(path: string, dimension: number): Promise<string> {
  const opened = await VectorIndex.open(path, dimension);
  if (!('index' in opened)) return `refused: ${opened.reason}`;
  const query = new Float32Array(dimension).fill(1 / Math.sqrt(dimension));
  const hits = opened.index.search(query, 10);
  opened.index.add(1_000_000, query);
  opened.index.remove(hits[0]?.label ?? 0);
  return `loaded: ${hits.length} hits, ${opened.index.labels().length} labels`;
}

async function loadModel(dir: string): Promise<string> {
  const embedder = await createModelProvider({ dir }).embedder(null);
  const [vector] = await embedder.embed(['search the index of a damaged model']);
  const vocabulary = embedder.vocabulary?.();
  return `loaded: ${vector?.length}-d, ${vocabulary === undefined ? 'no' : 'a'} vocabulary`;
}

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as DamagedCase[];
for (const [i, item] of cases.entries()) {
  let outcome: string;
  try {
    outcome = item.kind === 'hnsw' ? await loadHnsw(item.path, item.dimension) : await loadModel(item.dir);
  } catch (error) {
    outcome = `threw: ${(error as Error).message}`;
  }
  process.stdout.write(`done ${i} ${outcome.split('\n')[0]}\n`);
}
