/**
 * Re-index time after a new chunking version (every page chunked again), with and without the vectors of
 * unchanged chunks kept, on one folder, in one run:
 *   node dist/bench/speed/rechunk-reuse.js --folder DIR [--runs 3] [--json]
 * After an untimed first index, each run marks the collection as chunked by an older version (what a
 * chunker or HTML-text version bump does) and times the re-index; the baseline run also drops the stored
 * vectors first, which is what a re-chunk did before chunks kept their vectors (every chunk embedded
 * again). Runs alternate; medians and p95 are reported with the chunks embedded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { collectionFiles } from '../../src/retrieval/dense/vector-files.js';
import { indexCollection } from '../../src/retrieval/indexing/indexer.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { IndexStore } from '../../src/store/index-store.js';
import { benchFlags, requireFlags, runBench } from '../lib/bench-flags.js';
import { existingFolder } from '../lib/bench-inputs.js';
import { type Summary, summarize } from './stats.js';

const NAME = 'bench';

async function indexOnce(
  dbPath: string,
  root: string,
): Promise<{ ms: number; embedded: number; chunks: number }> {
  const store = IndexStore.open(dbPath);
  try {
    const start = performance.now();
    const summary = await indexCollection({
      name: NAME,
      root,
      store,
      models: createModelProvider(),
      ...collectionFiles(dbPath, NAME),
    });
    return { ms: performance.now() - start, embedded: summary.embedded, chunks: summary.chunks };
  } finally {
    store.close();
  }
}

/** What a chunking version bump leaves: the collection marked as chunked by an older version. */
function bumpChunker(dbPath: string, dropVectors: boolean): void {
  const db = new Database(dbPath);
  try {
    db.prepare("UPDATE collections SET chunker = 'bench-older-version' WHERE name = ?").run(NAME);
    if (dropVectors) db.prepare('UPDATE chunks SET vector = NULL').run();
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      folder: { type: 'string' },
      runs: { type: 'string', default: '3' },
      json: { type: 'boolean' },
    },
  });
  requireFlags(import.meta.filename, values, ['folder']);
  existingFolder(values.folder, '--folder');
  const dir = mkdtempSync(join(tmpdir(), 'batuta-rechunk-'));
  const dbPath = join(dir, 'index.db');
  try {
    const first = await indexOnce(dbPath, values.folder);
    const times = { kept: [] as number[], baseline: [] as number[] };
    const embedded = { kept: [] as number[], baseline: [] as number[] };
    for (let run = 0; run < Number(values.runs); run += 1) {
      for (const mode of run % 2 === 0 ? (['baseline', 'kept'] as const) : (['kept', 'baseline'] as const)) {
        bumpChunker(dbPath, mode === 'baseline');
        const timed = await indexOnce(dbPath, values.folder);
        times[mode].push(timed.ms);
        embedded[mode].push(timed.embedded);
      }
    }
    const result: Record<string, Summary | number | number[]> = {
      chunks: first.chunks,
      firstIndexMs: Math.round(first.ms),
      kept: summarize(times.kept),
      baseline: summarize(times.baseline),
      embeddedKept: embedded.kept,
      embeddedBaseline: embedded.baseline,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const line = (label: string, s: Summary) =>
        `${label}: median ${(s.median / 1000).toFixed(2)} s, p95 ${(s.p95 / 1000).toFixed(2)} s (${s.runs} runs)`;
      process.stdout.write(
        `${first.chunks} chunks; first index ${(first.ms / 1000).toFixed(1)} s\n` +
          `${line('re-chunk, vectors kept', times.kept.length ? summarize(times.kept) : summarize([]))}; embedded ${embedded.kept.join(', ')}\n` +
          `${line('re-chunk, all embedded again (before)', summarize(times.baseline))}; embedded ${embedded.baseline.join(', ')}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await runBench(import.meta.filename, main);
