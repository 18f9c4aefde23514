/**
 * Fusion experiments over one prepared corpus: each question's BM25 and dense lists are computed once,
 * then every fusion variant is scored from them in memory (file-level nDCG@10, paired randomization
 * test against BM25). Choose on dev, read test once:
 *   node dist/bench/models/fusion-lab.js --set batuta-docs --reuse-adapted DIR
 */
import { resolve } from 'node:path';
import { fuseConvex } from '../../src/retrieval/fusion/convex.js';
import { fuseRrf } from '../../src/retrieval/fusion/rrf.js';
import { createModelProvider } from '../../src/retrieval/models/provider.js';
import type { ScoredChunk } from '../../src/retrieval/types.js';
import { benchFlags, runBench } from '../lib/bench-flags.js';
import { listDocuments } from '../lib/corpus.js';
import { mean, ndcgAt, pairedPermutationTest } from '../lib/metrics.js';
import { loadQuestionSet } from '../lib/question-set.js';
import { findRepoRoot } from '../lib/repo.js';
import { cosineHits, type Prepared, prepareCorpus, toFiles } from './pipeline.js';
import { MODEL_SETS } from './sets.js';

const POOL = 100;

/** One question's legs: chunk hits best first with their raw scores. */
export interface Legs {
  readonly bm25: readonly ScoredChunk[];
  readonly dense: readonly ScoredChunk[];
}

const idsOf = (hits: readonly ScoredChunk[]) => hits.map((hit) => hit.chunkId);

type Variant = (legs: Legs, p: Prepared) => string[];

/** RRF of the two legs (what the first stage used before convex fusion). */
function rrf(legs: Legs, w: number): string[] {
  return fuseRrf([
    { name: 'bm25', ids: idsOf(legs.bm25) },
    { name: 'dense', ids: idsOf(legs.dense), weight: w },
  ]).map((item) => item.id);
}

/** The production fusion (convex combination of min-max normalised scores) with dense share `alpha`. */
function convex(legs: Legs, alpha: number): string[] {
  return fuseConvex([
    { name: 'bm25', hits: legs.bm25, weight: 1 - alpha },
    { name: 'dense', hits: legs.dense, weight: alpha },
  ]).map((item) => item.id);
}

/** A list's scores on some scale, and the value an id the list did not return gets. */
interface Scaled {
  readonly map: ReadonlyMap<string, number>;
  readonly floor: number;
}

/** (1 − alpha) · BM25 + alpha · dense on the given scales, over the union of both lists. */
function combine(b: Scaled, d: Scaled, alpha: number): string[] {
  const ids = new Set([...b.map.keys(), ...d.map.keys()]);
  return [...ids]
    .map((id) => [id, (1 - alpha) * (b.map.get(id) ?? b.floor) + alpha * (d.map.get(id) ?? d.floor)] as const)
    .sort((x, y) => y[1] - x[1])
    .map(([id]) => id);
}

/** BM25 divided by its best score, cosines as they are (no per-question min-max on dense). */
function convexRaw(legs: Legs, alpha: number): string[] {
  const top = legs.bm25[0]?.score ?? 1;
  return combine(
    { map: new Map(legs.bm25.map((h) => [h.chunkId, h.score / top])), floor: 0 },
    { map: new Map(legs.dense.map((h) => [h.chunkId, h.score])), floor: legs.dense.at(-1)?.score ?? 0 },
    alpha,
  );
}

/** A list's z-scores; ids below its tail get the tail's z. */
function zScaled(list: readonly ScoredChunk[]): Scaled {
  const xs = list.map((h) => h.score);
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length, 1)) || 1;
  return {
    map: new Map(list.map((h) => [h.chunkId, (h.score - m) / sd])),
    floor: ((xs.at(-1) ?? m) - m) / sd,
  };
}

function convexZ(legs: Legs, alpha: number): string[] {
  return combine(zScaled(legs.bm25), zScaled(legs.dense), alpha);
}

function variants(): Record<string, Variant> {
  const out: Record<string, Variant> = {
    bm25: (l) => idsOf(l.bm25),
    dense: (l) => idsOf(l.dense),
  };
  for (const w of [0.3, 0.5, 0.7, 1]) out[`rrf w=${w}`] = (l) => rrf(l, w);
  for (const a of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6]) out[`cc a=${a}`] = (l) => convex(l, a);
  for (const a of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) out[`raw a=${a}`] = (l) => convexRaw(l, a);
  for (const a of [0.1, 0.2, 0.3, 0.4, 0.5]) out[`z a=${a}`] = (l) => convexZ(l, a);
  return out;
}

async function main(argv: string[]): Promise<void> {
  const { values } = benchFlags(import.meta.filename, {
    args: argv,
    options: {
      set: { type: 'string', default: 'batuta-docs' },
      'reuse-adapted': { type: 'string' },
    },
  });
  const repo = findRepoRoot(import.meta.dirname);
  const named = MODEL_SETS[values.set]!;
  const set = loadQuestionSet(resolve(repo, named.file));
  const root = resolve(repo, named.corpus);
  const log = (line: string) => process.stderr.write(`fusion: ${line}\n`);
  const reuse = values['reuse-adapted'] ? resolve(values['reuse-adapted']) : null;
  const p = await prepareCorpus(createModelProvider(), root, listDocuments(root), true, log, reuse);
  const legs: Legs[] = [];
  for (const q of set.questions) {
    const bm25 = p.sparse.search(q.question, POOL);
    const [vector] = await p.embedder.embed([q.question]);
    legs.push({ bm25, dense: cosineHits(p, vector!, POOL) });
  }
  const table = Object.entries(variants()).map(([name, run]) => ({
    name,
    scores: set.questions.map((q, i) => ndcgAt(toFiles(p, run(legs[i]!, p)).slice(0, 10), q.relevant)),
  }));
  const base = table[0]!.scores;
  for (const split of ['dev', 'test', 'all'] as const) {
    const keep = set.questions.map((q) => split === 'all' || q.split === split);
    const pick = (s: number[]) => s.filter((_, i) => keep[i]);
    process.stdout.write(`\n${values.set} ${split} (${pick(base).length})\n`);
    for (const row of table) {
      const t = pairedPermutationTest(pick(row.scores), pick(base));
      process.stdout.write(
        `${row.name.padEnd(22)} ${mean(pick(row.scores)).toFixed(3)}  ${t.difference >= 0 ? '+' : ''}${t.difference.toFixed(3)} p=${t.p.toFixed(3)}\n`,
      );
    }
  }
}

await runBench(import.meta.filename, () => main(process.argv.slice(2)));
