/**
 * Dense feedback's chunk vectors on a stored collection: how far each stored vector is from embedding the
 * chunk's text again with the collection's model, and, for the questions given, what reading the 3 best
 * BM25 chunks' stored vectors costs against embedding their text (warm, in process).
 *
 *   npm run build && node dist/bench/speed/feedback-vectors.js --db DB --collection NAME --questions FILE
 *        [--rounds 3]
 */
import { collectionFiles, indexedText } from '../../src/retrieval/dense/vector-files.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { createFtsLegs } from '../../src/retrieval/sparse/fts-index.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingDatabase, readInput } from '../lib/bench-inputs.js';
import { summarize, timeMs } from './stats.js';

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      db: { type: 'string' },
      collection: { type: 'string' },
      questions: { type: 'string' },
      rounds: { type: 'string', default: '3' },
    },
  });
  requireFlags(import.meta.filename, values, ['db', 'collection', 'questions']);
  const store = IndexStore.open(existingDatabase(values.db), { readOnly: true });
  try {
    const row = store.headOf(values.collection);
    if (row?.embedder == null) throw new Error(`no collection "${values.collection}" with vectors`);
    const { modelDir } = collectionFiles(values.db, row.name);
    const embedder = await createModelProvider().embedder(modelDir, row.embedder);
    const ids = store.vectorIds(row.id);
    const stored = store.vectorsOf(row.id, row.embedder, ids);
    const chunks = store.chunks(ids);
    let largest = 0;
    let identical = 0;
    for (const id of ids) {
      const chunk = chunks.get(id)!;
      const [again] = await embedder.embed([indexedText(chunk.headings, chunk.text)]);
      const kept = stored.get(id)!;
      const gap = Math.max(...kept.map((value, k) => Math.abs(value - again![k]!)));
      largest = Math.max(largest, gap);
      if (gap === 0) identical += 1;
    }
    console.log(
      `${ids.length} stored vectors of ${row.embedder}: ${identical} bit for bit as embedded again, largest coordinate difference ${largest.toExponential(2)}`,
    );
    const questions = readInput(values.questions, '--questions').split('\n').filter(Boolean);
    const legs = createFtsLegs(store, row.id);
    const embedMs: number[] = [];
    const readMs: number[] = [];
    for (let round = 0; round < Number(values.rounds); round += 1) {
      for (const question of questions) {
        const best = (await legs.sparse.search(question, 100)).slice(0, 3).map((hit) => Number(hit.chunkId));
        const texts = [...store.chunks(best).values()].map((c) => indexedText(c.headings, c.text));
        embedMs.push(await timeMs(() => embedder.embed(texts)));
        readMs.push(await timeMs(() => store.vectorsOf(row.id, row.embedder!, best)));
      }
    }
    const show = (label: string, ms: number[]) => {
      const s = summarize(ms);
      console.log(`${label}: median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms (${s.runs} runs)`);
    };
    show('embed the 3 feedback chunks', embedMs);
    show('read their stored vectors', readMs);
  } finally {
    store.close();
  }
}

await runBench(import.meta.filename, main);
