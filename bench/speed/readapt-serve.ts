/**
 * Searches while a collection is re-adapted and re-embedded (issue 4: adaptation never blocks searches of
 * the previous version):
 *   node dist/bench/speed/readapt-serve.js [--corpus scale|batuta-docs|DIR] [--every MS] [--json]
 * Copies the corpus to a scratch folder and indexes it, then edits a third of its files (one line
 * appended), more than the share that makes the next index run re-adapt the model and re-embed every
 * chunk. While that run goes on in this process, as in `batuta mcp`, a hybrid search with reranking runs
 * every MS milliseconds; each is recorded with the run's phase when it was due, its latency from then and
 * whether the dense leg answered.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFiles } from '../../src/retrieval/documents/selection.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { createSearcher } from '../../src/retrieval/search/searcher.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { speedCorpus } from './questions.js';
import { summarize } from './stats.js';
import { BENCH_COLLECTION as NAME, timedIndex } from './timed-index.js';

interface Probe {
  readonly phase: string;
  readonly ms: number;
  readonly dense: boolean;
}

async function main(): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    options: {
      corpus: { type: 'string', default: 'batuta-docs' },
      every: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
    },
  });
  const corpus = speedCorpus(values.corpus!);
  const scratch = mkdtempSync(join(tmpdir(), 'readapt-serve-'));
  const root = join(scratch, 'corpus');
  const dbPath = join(scratch, 'index.db');
  try {
    cpSync(corpus.root, root, { recursive: true });
    const first = await timedIndex(dbPath, root);
    log(`first index: ${first.seconds.toFixed(1)} s, ${first.summary.chunks} chunks`);
    const files = findFiles(root);
    for (const [i, file] of files.entries()) {
      if (i % 3 === 0) appendFileSync(file.path, '\nEdited for the re-adaptation bench.\n');
    }
    const searcher = createSearcher({ dbPath, models: createModelProvider() });
    const ask = async (question: string): Promise<{ ms: number; dense: boolean }> => {
      const start = performance.now();
      const outcome = await searcher.search(NAME, {
        question,
        k: 10,
        mode: 'hybrid',
        rerank: true,
        explain: false,
      });
      const dense = !outcome.notes.some((note) => String(note).startsWith('dense leg unavailable'));
      return { ms: performance.now() - start, dense };
    };
    await ask(corpus.questions[0]!);
    let phase = 'read';
    const probes: Probe[] = [];
    let running = true;
    const every = Number(values.every);
    // Each search is due `every` ms after the previous one ended and is timed from when it was due, so time
    // spent waiting for a busy event loop counts, as it would for a client of `batuta mcp`.
    const probing = (async () => {
      for (let i = 0; running; i++) {
        const due = performance.now() + every;
        await new Promise((resolve) => setTimeout(resolve, every));
        const asked = phase;
        const { dense } = await ask(corpus.questions[i % corpus.questions.length]!);
        probes.push({ phase: asked, ms: performance.now() - due, dense });
      }
    })();
    const run = await timedIndex(dbPath, root, (next) => {
      phase = next;
    });
    running = false;
    await probing;
    const after = await ask(corpus.questions[1]!);
    searcher.close();
    const byPhase: Record<string, unknown> = {};
    for (const name of new Set(probes.map((probe) => probe.phase))) {
      const these = probes.filter((probe) => probe.phase === name);
      byPhase[name] = {
        searches: these.length,
        withDense: these.filter((probe) => probe.dense).length,
        ms: summarize(these.map((probe) => probe.ms)),
        maxMs: Math.max(...these.map((probe) => probe.ms)),
      };
    }
    const report = {
      corpus: values.corpus,
      chunks: first.summary.chunks,
      firstIndexSeconds: first.seconds,
      edited: Math.ceil(files.length / 3),
      updated: run.summary.updated,
      reindexSeconds: run.seconds,
      phases: run.phases,
      embedder: run.summary.embedder,
      embedded: run.summary.embedded,
      searchesDuringRun: byPhase,
      afterRun: after,
    };
    process.stdout.write(`${JSON.stringify(report, null, values.json ? 2 : 0)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function log(line: string): void {
  process.stderr.write(`readapt-serve: ${line}\n`);
}

await runBench(import.meta.filename, main);
