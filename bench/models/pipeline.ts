/**
 * The retrieval pipeline the models bench scores: heading-aware chunks (src/retrieval/chunker), wink BM25,
 * brute-force cosine over our embedder's vectors, RRF fusion and our reranker over the fused top
 * candidates. Prepared once per corpus and shared by the bm25/dense/hybrid/hybrid+rerank rankers.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWinkIndex } from '../../src/retrieval/bm25-wink.js';
import { chunkDocument } from '../../src/retrieval/chunker.js';
import { kindOf } from '../../src/retrieval/files.js';
import { fuseRrf } from '../../src/retrieval/rrf.js';
import type { Chunk, Embedder, ModelProvider, Reranker, SparseIndex } from '../../src/retrieval/types.js';
import { readDocument } from '../lib/corpus.js';

/** Fusion and rerank settings (chosen on dev questions only). */
export interface PipelineSettings {
  readonly candidates: number;
  readonly denseWeight: number;
  readonly rerankDepth: number;
  /** Weight of the fusion order in an RRF with the reranker's order (0 = reranker alone). */
  readonly rerankKeep: number;
  readonly adapt: boolean;
}

export const PIPELINE_DEFAULTS: PipelineSettings = {
  candidates: 100,
  denseWeight: 1,
  rerankDepth: 50,
  rerankKeep: 0,
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

/** Chunk ids by cosine similarity to the question vector, best first. */
export async function searchDense(p: Prepared, question: string, limit: number): Promise<string[]> {
  const [q] = await p.embedder.embed([question]);
  const scored = p.vectors.map((v, i) => {
    let dot = 0;
    for (let k = 0; k < v.length; k++) dot += v[k]! * q![k]!;
    return [i, dot] as const;
  });
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return scored.slice(0, limit).map(([i]) => p.chunks[i]!.id);
}

/** RRF of BM25 and dense chunk lists. */
export async function searchHybrid(p: Prepared, question: string, s: PipelineSettings): Promise<string[]> {
  const lists = [
    { name: 'bm25', ids: searchSparse(p, question, s.candidates) },
    { name: 'dense', ids: await searchDense(p, question, s.candidates), weight: s.denseWeight },
  ];
  return fuseRrf(lists).map((item) => item.id);
}

/** Hybrid, then the top `rerankDepth` candidates reordered by the reranker. */
export async function searchReranked(p: Prepared, question: string, s: PipelineSettings): Promise<string[]> {
  const fused = await searchHybrid(p, question, s);
  if (p.reranker === null) return fused;
  const head = fused.slice(0, s.rerankDepth);
  const scores = await p.reranker.score(
    question,
    head.map((id) => p.byId.get(id)!),
  );
  const byScore = head.map((id, rank) => [id, scores[rank]!, rank] as const).sort((a, b) => b[1] - a[1]);
  const order = byScore
    .map(
      ([id, , fusedRank], rerankRank) =>
        [id, 1 / (60 + rerankRank + 1) + s.rerankKeep / (60 + fusedRank + 1)] as const,
    )
    .sort((a, b) => b[1] - a[1]);
  return [...order.map(([id]) => id), ...fused.slice(s.rerankDepth)];
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
