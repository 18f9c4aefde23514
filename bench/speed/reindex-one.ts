/**
 * Focused re-index bench on an index that already exists (the full index of the scale corpus takes minutes):
 *   batuta index bench/cache/scale/html --name scale --db /tmp/scale/index.db        # once
 *   node dist/bench/speed/reindex-one.js --db /tmp/scale/index.db --name scale [--runs 5] [--json]
 * Times, in this process and the way retrieval-speed.ts does (a fresh model provider per run), a no-change
 * re-index and a re-index after appending a comment to the collection's first file (restored and
 * re-indexed afterwards, untimed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import { findFiles } from '../../src/retrieval/documents/selection.js';
import { indexCollection } from '../../src/retrieval/indexing/indexer.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingDatabase } from '../lib/bench-inputs.js';
import { type Summary, summarize } from './stats.js';

async function indexOnce(
  dbPath: string,
  name: string,
  root: string,
): Promise<{ ms: number; updated: number }> {
  const store = IndexStore.open(dbPath);
  try {
    const start = performance.now();
    const summary = await indexCollection({
      name,
      root,
      store,
      models: createModelProvider(),
      ...collectionFiles(dbPath, name),
    });
    return { ms: performance.now() - start, updated: summary.updated };
  } finally {
    store.close();
  }
}

async function repeated(dbPath: string, name: string, root: string, runs: number, change: string | null) {
  const original = change === null ? null : readFileSync(change);
  const values: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      if (change !== null)
        writeFileSync(change, Buffer.concat([original!, Buffer.from(`\n<!-- reindex ${run} -->\n`)]));
      const { ms, updated } = await indexOnce(dbPath, name, root);
      if (updated !== (change === null ? 0 : 1)) throw new Error(`unexpected: ${updated} files updated`);
      values.push(ms);
    }
  } finally {
    if (change !== null && original !== null) writeFileSync(change, original);
  }
  return summarize(values);
}

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      db: { type: 'string' },
      name: { type: 'string', default: 'scale' },
      runs: { type: 'string', default: '5' },
      json: { type: 'boolean' },
    },
  });
  requireFlags(import.meta.filename, values, ['db']);
  const store = IndexStore.open(existingDatabase(values.db), { mustExist: true });
  const root = store.getCollection(values.name!)?.root;
  store.close();
  if (root === undefined) throw new Error(`collection "${values.name}" is not in ${values.db}`);
  const runs = Number(values.runs);
  await indexOnce(values.db, values.name!, root); // untimed: brings the index in line with the folder
  const walk: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    findFiles(root);
    walk.push(performance.now() - start);
  }
  const result: Record<string, Summary> = {
    walk: summarize(walk),
    noChange: await repeated(values.db, values.name!, root, runs, null),
    oneChanged: await repeated(values.db, values.name!, root, runs, findFiles(root)[0]!.path),
  };
  await indexOnce(values.db, values.name!, root); // untimed: the restored file is indexed again
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    for (const [step, s] of Object.entries(result))
      process.stdout.write(
        `${step}: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (${s.runs} runs)\n`,
      );
}

await runBench(import.meta.filename, main);
