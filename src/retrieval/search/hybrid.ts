/**
 * Hybrid search: BM25 and dense legs each return a deep pool of chunks, a convex combination of their
 * normalised scores merges them (fusion/convex.ts), the pool is deduplicated to the best chunk per file, and an
 * optional reranker re-orders the head.
 */
import { describeError, InvalidInputError } from '../../errors.js';
import { fuseConvex } from '../fusion/convex.js';
import { fuseRrf, type RankedList, RRF_K } from '../fusion/rrf.js';
import { isValidK, SEARCH_LIMITS, type SearchMode } from '../request.js';
import type { Chunk, Embedder, RerankCandidate, Reranker, ScoredChunk } from '../types.js';
import { makeSnippet } from './snippet.js';

export interface SearchRequest {
  readonly question: string;
  readonly k: number;
  readonly mode: SearchMode;
  readonly rerank: boolean;
  readonly explain: boolean;
}

/** Where each leg placed a result (1-based ranks) and the raw scores behind them. */
export interface SearchExplain {
  readonly ranks: Readonly<Record<string, number>>;
  readonly bm25?: number;
  readonly dense?: number;
  readonly rerank?: number;
}

/** One result of DESIGN.md §3's `--rag` contract. */
export interface SearchResult {
  readonly collection: string;
  readonly source: string;
  readonly component: string | null;
  readonly heading: string;
  readonly lines: readonly [number, number];
  readonly score: number;
  readonly snippet: string;
  readonly explain?: SearchExplain;
}

/** Nearest-neighbour search over chunk vectors; ids are chunk ids. In memory it answers at once, a database asynchronously. */
export interface DenseSearch {
  readonly embedder: Embedder;
  search(vector: Float32Array, limit: number): ScoredChunk[] | Promise<ScoredChunk[]>;
}

/** A BM25 leg: a SparseIndex in memory or SQLite, or a database that answers asynchronously. */
export interface SparseLeg {
  search(question: string, limit: number): ScoredChunk[] | Promise<ScoredChunk[]>;
}

/** What one collection offers to the search pipeline. */
export interface SearchLegs {
  readonly sparse: SparseLeg;
  /** BM25 over headings and file names only, when the engine offers it. */
  readonly headings?: SparseLeg;
  readonly dense: DenseSearch | null;
  /** Why the dense leg is missing, when it is. */
  readonly denseNote?: string;
  readonly reranker: Reranker | null;
  /** Why the reranker is missing although models are installed. */
  readonly rerankNote?: string;
  /**
   * True when the reranker is missing only because none is installed (the default install): its note is
   * then noise on every query and is reported only when the request asks for an explanation.
   */
  readonly rerankNoteQuiet?: boolean;
  chunks(ids: readonly string[]): Map<string, Chunk> | Promise<Map<string, Chunk>>;
}

/**
 * Fusion knobs. The first stage is a convex combination of min-max normalised scores (fusion/convex.ts); its
 * shares were chosen on the dev splits of bench/retrieval/batuta-docs-questions.yaml (45 questions) and
 * the held-out Debian heading set (150) with `node dist/bench/models/fusion-lab.js`: a dense share of 0.1
 * was the only one that beat BM25 alone on both dev splits by more than noise (+0.017, p < 0.001; +0.019,
 * p = 0.006), while RRF with any dense weight lost 0.03–0.08 on the Debian set. The reranker's order is
 * merged with the fused order by RRF (k = `rrfK`).
 */
export interface FusionSettings {
  readonly rrfK: number;
  readonly bm25Weight: number;
  readonly denseWeight: number;
  readonly headingWeight: number;
  readonly rerankWeight: number;
  /** Chunks each leg contributes before fusion. */
  readonly pool: number;
  /** Files the reranker sees. */
  readonly rerankDepth: number;
}

export const FUSION_DEFAULTS: FusionSettings = {
  rrfK: RRF_K,
  bm25Weight: 0.9,
  denseWeight: 0.1,
  headingWeight: 0,
  rerankWeight: 0.2,
  pool: 100,
  rerankDepth: 30,
};

export interface SearchOutcome {
  readonly results: SearchResult[];
  readonly notes: string[];
  /** Whether a reranker reordered the head of the results (false when none is installed or it failed). */
  readonly reranked: boolean;
}

/** Checks a search request the way every entry point needs it checked. */
export function checkRequest(request: SearchRequest): void {
  if (request.question.trim() === '') {
    throw new InvalidInputError(
      'search: the question is empty (ask something, e.g. "How is SIMD selected?")',
    );
  }
  if (request.question.length > SEARCH_LIMITS.questionMaxChars) {
    throw new InvalidInputError(
      `search: the question has ${request.question.length} characters (shorten it to ${SEARCH_LIMITS.questionMaxChars} or fewer)`,
    );
  }
  if (!isValidK(request.k)) {
    throw new InvalidInputError(
      `search: k ${request.k} is out of range (give a whole number from ${SEARCH_LIMITS.kMin} to ${SEARCH_LIMITS.kMax})`,
    );
  }
}

/** Runs one search over one collection's legs. */
export async function searchLegs(
  request: SearchRequest,
  legs: SearchLegs,
  settings: FusionSettings = FUSION_DEFAULTS,
): Promise<SearchOutcome> {
  checkRequest(request);
  const notes: string[] = [];
  if (request.mode !== 'bm25' && legs.dense === null) {
    const why = legs.denseNote ?? 'no embedding model is installed';
    if (request.mode === 'dense') {
      throw new InvalidInputError(
        `search: --mode dense needs the dense leg, which is unavailable: ${why} (use --mode bm25)`,
      );
    }
    notes.push(`dense leg unavailable: ${why}; searching with BM25 only`);
  }
  const bm25 = request.mode === 'dense' ? [] : await legs.sparse.search(request.question, settings.pool);
  const headings =
    request.mode === 'dense' || legs.headings === undefined || settings.headingWeight === 0
      ? []
      : await legs.headings.search(request.question, settings.pool);
  const dense =
    request.mode === 'bm25' || legs.dense === null
      ? []
      : await legs.dense.search((await legs.dense.embedder.embed([request.question]))[0]!, settings.pool);
  const fused = fuseConvex([
    { name: 'bm25', hits: bm25, weight: settings.bm25Weight },
    { name: 'dense', hits: dense, weight: settings.denseWeight },
    { name: 'headings', hits: headings, weight: settings.headingWeight },
  ]);
  const chunks = await legs.chunks(fused.map((item) => item.id));
  const perFile = bestPerFile(fused, chunks);
  const legScores = {
    bm25: new Map(bm25.map((hit) => [hit.chunkId, hit.score])),
    dense: new Map(dense.map((hit) => [hit.chunkId, hit.score])),
    headings: new Map(headings.map((hit) => [hit.chunkId, hit.score])),
  };
  const pool = { fused, legScores, ...(legs.dense ? { embedder: legs.dense.embedder } : {}) };
  const reranked = await rerankHead(request, legs.reranker, perFile, chunks, settings, pool).catch(
    (error: unknown) => {
      notes.push(`reranker failed, results are not reranked: ${describeError(error)}`);
      return { order: perFile, scores: new Map<string, number>() };
    },
  );
  const quiet = legs.rerankNoteQuiet === true && !request.explain;
  if (request.rerank && legs.reranker === null && legs.rerankNote !== undefined && !quiet) {
    notes.push(`reranker unavailable: ${legs.rerankNote}`);
  }
  const raw = { bm25: legScores.bm25, dense: legScores.dense, rerank: reranked.scores };
  const results = reranked.order.slice(0, request.k).map((item) => {
    const chunk = chunks.get(item.id)!;
    const result: SearchResult = {
      collection: chunk.collection,
      source: chunk.source,
      component: chunk.component,
      heading: chunk.headings.join(' > '),
      lines: chunk.lines,
      score: Number(item.score.toFixed(6)),
      snippet: makeSnippet(request.question, chunk.text),
    };
    return request.explain ? { ...result, explain: explainOf(item, raw) } : result;
  });
  return { results, notes, reranked: reranked.scores.size > 0 };
}

interface Ranked {
  readonly id: string;
  readonly score: number;
  readonly ranks: Readonly<Record<string, number>>;
}

/** Identifies the file a chunk comes from (results and the reranker work per file). */
function fileKey(chunk: Chunk): string {
  return `${chunk.collection}\0${chunk.source}`;
}

function bestPerFile(fused: readonly Ranked[], chunks: Map<string, Chunk>): Ranked[] {
  const seen = new Set<string>();
  const kept: Ranked[] = [];
  for (const item of fused) {
    const chunk = chunks.get(item.id);
    if (chunk === undefined) continue;
    const key = fileKey(chunk);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}

/** The fused pool behind the head: every fused chunk and each leg's raw scores by chunk id. */
export interface RerankPool {
  readonly fused: readonly Ranked[];
  readonly legScores: Readonly<Record<string, ReadonlyMap<string, number>>>;
  /** The dense leg's embedder, whose word vectors the reranker may use. */
  readonly embedder?: Embedder;
}

/**
 * The head as files with their first-stage evidence: the best chunk, the file's other pooled chunks
 * (fused order) and, per leg, the best rank and raw score of any of its chunks.
 */
export function headCandidates(
  head: readonly Ranked[],
  chunks: Map<string, Chunk>,
  pool: RerankPool,
): RerankCandidate[] {
  const byFile = new Map<string, Ranked[]>();
  for (const item of pool.fused) {
    const chunk = chunks.get(item.id);
    if (chunk === undefined) continue;
    const members = byFile.get(fileKey(chunk));
    if (members === undefined) byFile.set(fileKey(chunk), [item]);
    else members.push(item);
  }
  return head.map((item, index) => {
    const members = byFile.get(fileKey(chunks.get(item.id)!)) ?? [item];
    const legRanks: Record<string, number> = {};
    const legScores: Record<string, number> = {};
    for (const member of members)
      for (const [leg, rank] of Object.entries(member.ranks)) {
        if (rank < (legRanks[leg] ?? Number.POSITIVE_INFINITY)) legRanks[leg] = rank;
        const raw = pool.legScores[leg]?.get(member.id);
        if (raw !== undefined && raw > (legScores[leg] ?? Number.NEGATIVE_INFINITY)) legScores[leg] = raw;
      }
    const evidence = {
      fusedRank: index + 1,
      fusedScore: item.score,
      fusedSum: members.reduce((sum, member) => sum + member.score, 0),
      chunksInPool: members.length,
      legRanks,
      legScores,
    };
    const others = members.filter((member) => member.id !== item.id).map((member) => chunks.get(member.id)!);
    return { chunk: chunks.get(item.id)!, others, evidence };
  });
}

async function rerankHead(
  request: SearchRequest,
  reranker: Reranker | null,
  order: Ranked[],
  chunks: Map<string, Chunk>,
  settings: FusionSettings,
  pool: RerankPool,
): Promise<{ order: Ranked[]; scores: Map<string, number> }> {
  const scores = new Map<string, number>();
  if (!request.rerank || reranker === null || order.length === 0) return { order, scores };
  const head = order.slice(0, settings.rerankDepth);
  const values = reranker.scoreCandidates
    ? await reranker.scoreCandidates(
        request.question,
        headCandidates(head, chunks, pool),
        pool.embedder?.vocabulary?.(),
      )
    : await reranker.score(
        request.question,
        head.map((item) => chunks.get(item.id)!),
      );
  for (const [i, item] of head.entries()) scores.set(item.id, values[i] ?? Number.NEGATIVE_INFINITY);
  const byReranker = [...head].sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
  const tail = order.slice(settings.rerankDepth).map((item) => ({ ...item, score: 0 }));
  if (reranker.scoreCandidates) {
    // The file reranker is trained with a pairwise logistic loss (RankNet), under which exp(score) is a
    // Bradley-Terry strength: the softmax over the head is its estimate that a file is the best of those it
    // read. Those sum to 1; files below the head get 0. The raw score is in `explain.rerank`.
    const best = scores.get(byReranker[0]!.id)!;
    const strengths = byReranker.map((item) =>
      Number.isFinite(best) ? Math.exp(scores.get(item.id)! - best) : 1,
    );
    const total = strengths.reduce((sum, value) => sum + value, 0);
    const ranked = byReranker.map((item, i) => ({
      ...item,
      score: strengths[i]! / total,
      ranks: { ...item.ranks, rerank: i + 1 },
    }));
    return { order: [...ranked, ...tail], scores };
  }
  const lists: RankedList[] = [
    { name: 'fused', ids: head.map((item) => item.id) },
    { name: 'rerank', ids: byReranker.map((item) => item.id), weight: settings.rerankWeight },
  ];
  const previous = new Map(order.map((item) => [item.id, item]));
  const refused = fuseRrf(lists, settings.rrfK).map((item) => ({
    id: item.id,
    score: item.score,
    ranks: { ...previous.get(item.id)!.ranks, rerank: item.ranks['rerank']! },
  }));
  return { order: [...refused, ...tail], scores };
}

function explainOf(
  item: Ranked,
  raw: { bm25: Map<string, number>; dense: Map<string, number>; rerank: Map<string, number> },
): SearchExplain {
  const explain: { -readonly [K in keyof SearchExplain]: SearchExplain[K] } = { ranks: item.ranks };
  for (const leg of ['bm25', 'dense', 'rerank'] as const) {
    const value = raw[leg].get(item.id);
    if (value !== undefined) explain[leg] = Number(value.toFixed(6));
  }
  return explain;
}
