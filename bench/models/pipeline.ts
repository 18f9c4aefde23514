/**
 * The retrieval pipeline the models bench scores: heading-aware chunks (src/retrieval/chunker), wink BM25,
 * brute-force cosine over our embedder's vectors, the production fusion (fusion/convex.ts) and, for
 * hybrid+rerank, the production search (search/hybrid.ts `searchLegs`) with the reranker. Prepared once per
 * corpus and shared by the bm25/dense/hybrid/hybrid+rerank rankers.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkDocument } from '../../src/retrieval/documents/chunker.js';
import { kindOf } from '../../src/retrieval/documents/files.js';
import { fuseConvex } from '../../src/retrieval/fusion/convex.js';
import { FUSION_DEFAULTS, type SearchLegs, searchLegs } from '../../src/retrieval/search/hybrid.js';
import { createWinkIndex } from '../../src/retrieval/sparse/wink-index.js';
import type { Chunk, Embedder, ModelProvider, Reranker, SparseIndex } from '../../src/retrieval/types.js';
import { readDocument } from '../lib/corpus.js';

/** Fusion and rerank settings (chosen on dev questions only). */
export interface PipelineSettings {
  readonly candidates: number;
  /** Share of the dense leg in the convex fusion (BM25 gets the rest). */
  readonly denseWeight: number;
  readonly rerankDepth: number;
  readonly adapt: boolean;
}

export const PIPELINE_DEFAULTS: PipelineSettings = {
  candidates: 100,
  denseWeight: FUSION_DEFAULTS.denseWeight,
  rerankDepth: FUSION_DEFAULTS.rerankDepth,
  adapt: true,
};

/** A prepared corpus: chunks, BM25, chunk vectors and the models. */
export interface Prepared {
  readonly chunks: Chunk[];
  readonly byId: Map<string, Chunk>;
  readonly sparse: SparseIndex;
  readonly embedder: Embedder;
  readonly vectors: Float32Array[];
  readonly reranker: Reranker | null;
  readonly adaptSeconds: number;
}

/** Chunks every file of the corpus and builds BM25, (adapted) vectors and the reranker. */
export async function prepareCorpus(
  provider: ModelProvider,
  root: string,
  files: readonly string[],
  adapt: boolean,
  log: (line: string) => void,
  reuseDir: string | null = null,
  rerankProvider: ModelProvider = provider,
): Promise<Prepared> {
  const chunks = files.flatMap((source) => {
    const kind = kindOf(source);
    if (kind === null) return [];
    return chunkDocument({ collection: 'bench', source, kind, text: readDocument(root, source) });
  });
  const texts = chunks.map((chunk) => `${chunk.headings.join(' ')}\n${chunk.text}`);
  const started = performance.now();
  let embedder: Embedder;
  if (adapt && provider.adapt && reuseDir !== null && existsSync(join(reuseDir, 'current.json'))) {
    embedder = await provider.embedder(reuseDir);
  } else if (adapt && provider.adapt) {
    const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'batuta-models-'));
    embedder = await provider.adapt(texts, dir, () => {});
    if (reuseDir === null) rmSync(dir, { recursive: true, force: true });
  } else {
    embedder = await provider.embedder(null);
  }
  const adaptSeconds = (performance.now() - started) / 1000;
  log(`${chunks.length} chunks, embedder ${embedder.id} ready in ${adaptSeconds.toFixed(1)} s`);
  return {
    chunks,
    byId: new Map(chunks.map((chunk) => [chunk.id, chunk])),
    sparse: createWinkIndex(chunks),
    embedder,
    vectors: await embedder.embed(texts),
    reranker: await rerankProvider.reranker(),
    adaptSeconds,
  };
}

/** Chunk ids by BM25, best first. */
export function searchSparse(p: Prepared, question: string, limit: number): string[] {
  return p.sparse.search(question, limit).map((hit) => hit.chunkId);
}

/** Chunk hits by cosine similarity to the question vector, best first. */
export function cosineHits(
  p: Prepared,
  q: Float32Array,
  limit: number,
): Array<{ chunkId: string; score: number }> {
  const scored = p.vectors.map((v, i) => {
    let dot = 0;
    for (let k = 0; k < v.length; k++) dot += v[k]! * q[k]!;
    return { chunkId: p.chunks[i]!.id, score: dot };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit);
}

/** Chunk ids by cosine similarity to the question vector, best first. */
export async function searchDense(p: Prepared, question: string, limit: number): Promise<string[]> {
  const [q] = await p.embedder.embed([question]);
  return cosineHits(p, q!, limit).map((hit) => hit.chunkId);
}

/** The production fusion of BM25 and dense hits (convex combination). */
export async function searchHybrid(p: Prepared, question: string, s: PipelineSettings): Promise<string[]> {
  const [q] = await p.embedder.embed([question]);
  return fuseConvex([
    { name: 'bm25', hits: p.sparse.search(question, s.candidates), weight: 1 - s.denseWeight },
    { name: 'dense', hits: cosineHits(p, q!, s.candidates), weight: s.denseWeight },
  ]).map((item) => item.id);
}

/** The production search with the reranker on: source files, best first. */
export async function searchRerankedFiles(
  p: Prepared,
  question: string,
  s: PipelineSettings,
): Promise<string[]> {
  const legs: SearchLegs = {
    sparse: p.sparse,
    dense: { embedder: p.embedder, search: (vector, limit) => cosineHits(p, vector, limit) },
    reranker: p.reranker,
    chunks: (ids) => new Map(ids.flatMap((id) => (p.byId.has(id) ? [[id, p.byId.get(id)!] as const] : []))),
  };
  const settings = {
    ...FUSION_DEFAULTS,
    pool: s.candidates,
    bm25Weight: 1 - s.denseWeight,
    denseWeight: s.denseWeight,
    rerankDepth: s.rerankDepth,
  };
  const { results } = await searchLegs(
    { question, k: 100, mode: 'hybrid', rerank: true, explain: false },
    legs,
    settings,
  );
  return results.map((result) => result.source);
}

/** Chunk ids to distinct source files, best first. */
export function toFiles(p: Prepared, ids: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const source = p.byId.get(id)?.source;
    if (source === undefined || seen.has(source)) continue;
    seen.add(source);
    files.push(source);
  }
  return files;
}
