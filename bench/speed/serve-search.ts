/**
 * The serving half of the speed bench, run in its own process so its memory is that of a server that
 * only searches: node dist/bench/speed/serve-search.js DB COLLECTION QUESTIONS.json ROUNDS
 * Prints one JSON document: per-mode search latencies (ms), the FTS5 baselines, and resident memory.
 */
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import type { SearchMode } from '../../src/retrieval/request.js';
import { createSearcher } from '../../src/retrieval/search/searcher.js';
import { ftsOrQuery } from '../../src/retrieval/sparse/fts-index.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchPositionals, countArgument, runBench } from '../lib/bench-flags.js';
import { existingDatabase, readInput } from '../lib/bench-inputs.js';
import { ftsAndQuery } from '../retrieval/baselines.js';
import { type Summary, summarize, timeMs } from './stats.js';

const MODES: ReadonlyArray<{ name: string; mode: SearchMode; rerank: boolean }> = [
  { name: 'bm25', mode: 'bm25', rerank: false },
  { name: 'hybrid', mode: 'hybrid', rerank: false },
  { name: 'hybrid+rerank', mode: 'hybrid', rerank: true },
];

async function main(): Promise<void> {
  const [dbPath, collection, questionsFile, roundsText] = benchPositionals(import.meta.filename, {
    required: ['DB', 'COLLECTION', 'QUESTIONS.json'],
    optional: ['ROUNDS'],
  }) as [string, string, string, string?];
  const rounds = countArgument(import.meta.filename, 'ROUNDS', roundsText, 3);
  existingDatabase(dbPath);
  const questions = JSON.parse(readInput(questionsFile, 'QUESTIONS.json')) as string[];
  const searcher = createSearcher({ dbPath, models: createModelProvider() });
  const timings: Record<string, Summary> = {};
  const firstSearchMs = await timeMs(() =>
    searcher.search(collection, {
      question: questions[0]!,
      k: 10,
      mode: 'hybrid',
      rerank: true,
      explain: false,
    }),
  );
  for (const { name, mode, rerank } of MODES) {
    const request = (question: string) => ({ question, k: 10, mode, rerank, explain: false });
    for (const question of questions) await searcher.search(collection, request(question));
    const values: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const question of questions)
        values.push(await timeMs(() => searcher.search(collection, request(question))));
    }
    timings[name] = summarize(values);
  }
  const rss = process.memoryUsage().rss;
  searcher.close();
  const store = IndexStore.open(dbPath, { mustExist: true });
  const id = store.headOf(collection)!.id;
  const baseline = (build: (question: string) => string | null): Summary & { empty: number } => {
    const values: number[] = [];
    let empty = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const question of questions) {
        const match = build(question);
        const start = performance.now();
        const hits = match === null ? [] : store.searchText(id, match, 100, [1, 1]);
        values.push(performance.now() - start);
        if (round === 0 && hits.length === 0) empty += 1;
      }
    }
    return { ...summarize(values), empty };
  };
  const fts5And = baseline(ftsAndQuery);
  const fts5Or = baseline(ftsOrQuery);
  store.close();
  process.stdout.write(
    `${JSON.stringify({ firstSearchMs, timings, fts5And, fts5Or, rssMb: rss / 2 ** 20 })}\n`,
  );
}

await runBench(import.meta.filename, main);
