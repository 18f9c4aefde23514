/**
 * Time budgets of the shipped models, measured through the real ModelProvider:
 *   node dist/bench/models/latency.js [--runs N] [--models DIR] [--adapted MODEL_DIR] [--adapt-file TEXT_FILE]
 *     [--adapt-runs N]
 * query embedding (one question), reranking 50 candidates (50 files with 3 pooled chunks each for the
 * file-level reranker, soft-matched with the word vectors of the base embedder or of the collection
 * model in MODEL_DIR, e.g. one adapted by the models bench; also split by questions phrased as questions
 * and keyword questions, which skip the soft-match features), and — with --adapt-file — adapting to a
 * collection made of that file's text cut into ~1,500-character chunks. Median and p95 over the runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import { isNaturalQuestion } from '../../src/retrieval/rerank/file-features.js';
import type { Chunk, RerankCandidate } from '../../src/retrieval/types.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { summarize } from '../speed/stats.js';
import { textPieces } from './sets.js';

const QUESTIONS = [
  'How do I train a model on the GPU?',
  'Which component stores vectors for similarity search?',
  'convert a bash script to rust safely',
  'What does the oracle recommend for SIMD matrix multiplication?',
];

async function main(argv: string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      runs: { type: 'string', default: '200' },
      'adapt-file': { type: 'string' },
      'adapt-runs': { type: 'string', default: '3' },
      models: { type: 'string' },
      adapted: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const provider = createModelProvider(values.models ? { dir: values.models } : {});
  const embedder = await provider.embedder(values.adapted ?? null);
  // Words read before timing, as a long-running server has them.
  embedder.vocabulary?.();
  const reranker = await provider.reranker();
  const corpus = textPieces(
    readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').repeat(20),
    1200,
  );
  const chunkAt = (i: number): Chunk => ({
    id: `c${i}`,
    collection: 'bench',
    source: `doc-${Math.floor(i / 3)}.md`,
    component: null,
    headings: ['Bench', `Section ${i}`],
    lines: [1 + 10 * (i % 3), 10 + 10 * (i % 3)],
    text: corpus[i % corpus.length]!,
  });
  const candidates: Chunk[] = Array.from({ length: 50 }, (_, i) => chunkAt(3 * i));
  // The file-level reranker sees 50 files with their best chunk and two more pooled chunks each.
  const files: RerankCandidate[] = candidates.map((chunk, i) => ({
    chunk,
    others: [chunkAt(3 * i + 1), chunkAt(3 * i + 2)],
    evidence: {
      fusedRank: i + 1,
      fusedScore: 1 - i / 60,
      fusedSum: 2.5 - i / 30,
      chunksInPool: 3,
      legRanks: { bm25: i + 1, dense: 50 - i },
      legScores: { bm25: 20 - i / 3, dense: 0.3 + i / 100 },
      fileChars: 3000 + 100 * i,
    },
  }));
  const embedMs: number[] = [];
  const rerankMs: number[] = [];
  const byKind: Record<'natural' | 'keyword', number[]> = { natural: [], keyword: [] };
  for (let r = 0; r < runs; r++) {
    const question = QUESTIONS[r % QUESTIONS.length]!;
    let t = performance.now();
    await embedder.embed([question]);
    embedMs.push(performance.now() - t);
    if (reranker !== null) {
      t = performance.now();
      if (reranker.scoreCandidates) await reranker.scoreCandidates(question, files, embedder);
      else await reranker.score(question, candidates);
      rerankMs.push(performance.now() - t);
      if (r >= 10) byKind[isNaturalQuestion(question) ? 'natural' : 'keyword'].push(rerankMs.at(-1)!);
    }
  }
  const result: Record<string, unknown> = {
    command: `node dist/bench/models/latency.js ${argv.join(' ')}`.trim(),
    embedQueryMs: summarize(embedMs.slice(10)),
    rerank50Ms: summarize(rerankMs.slice(10)),
    rerank50NaturalQuestionMs: summarize(byKind.natural),
    rerank50KeywordQuestionMs: summarize(byKind.keyword),
  };
  if (values['adapt-file']) {
    const texts = textPieces(readFileSync(values['adapt-file'], 'utf8'));
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const seconds: number[] = [];
    for (let r = 0; r < Number(values['adapt-runs']); r++) {
      const dir = mkdtempSync(join(tmpdir(), 'batuta-adapt-'));
      const t = performance.now();
      await provider.adapt!(texts, dir, (f) => process.stderr.write(`\radapt ${(f * 100).toFixed(0)}%  `));
      seconds.push((performance.now() - t) / 1000);
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`\nadapt run ${r + 1}: ${seconds.at(-1)!.toFixed(1)} s\n`);
    }
    result['adapt'] = {
      file: values['adapt-file'],
      chunks: texts.length,
      megabytes: bytes / 1e6,
      seconds: summarize(seconds),
    };
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
