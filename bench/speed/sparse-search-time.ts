/**
 * Time of the BM25 leg inside one collection of a database that holds several, per question:
 *   node dist/bench/speed/sparse-search-time.js --db A.db,B.db --collection NAME --set flask [--rounds 5] [--json]
 * Each round runs every question of the set once against each database in turn (alternated, same process),
 * so a schema version 1 file (one FTS5 table shared by all collections, searched through a join) and a
 * version 2 file (one table per collection) are compared under the same load. Reports median and p95 ms.
 */
import { createFtsLegs } from '../../src/retrieval/sparse/fts-index.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingDatabase } from '../lib/bench-inputs.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { setPath } from '../retrieval/set-location.js';
import { summarize } from './stats.js';

function main(argv: string[]): void {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      db: { type: 'string' },
      collection: { type: 'string' },
      set: { type: 'string', default: 'flask' },
      rounds: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
    },
  });
  requireFlags(import.meta.filename, values, ['db', 'collection']);
  const questions = loadQuestionSet(setPath(findRepoRoot(import.meta.dirname), values.set)).questions.map(
    (question) => question.question,
  );
  const targets = values.db.split(',').map((path) => {
    const store = IndexStore.open(existingDatabase(path), { mustExist: true });
    const head = store.headOf(values.collection!);
    if (head === null) throw new Error(`no collection ${values.collection} in ${path}`);
    return { path, store, legs: createFtsLegs(store, head.id), times: [] as number[] };
  });
  const rounds = Number(values.rounds);
  for (let round = 0; round <= rounds; round += 1) {
    for (const question of questions) {
      for (const target of targets) {
        const start = performance.now();
        target.legs.sparse.search(question, 100);
        if (round > 0) target.times.push(performance.now() - start);
      }
    }
  }
  const rows = targets.map(({ path, store, times }) => {
    store.close();
    return { db: path, ...summarize(times) };
  });
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else
    for (const row of rows)
      process.stdout.write(
        `${row.db}: median ${row.median.toFixed(3)} ms, p95 ${row.p95.toFixed(3)} ms (${row.runs} searches)\n`,
      );
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
