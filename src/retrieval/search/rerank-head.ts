/**
 * The reranking step of a search: the reranker reads the head of the first stage it was trained on (or the
 * search's own), and its order is blended with the search's fused order per file (fusion/first-stage.ts).
 */
import { blendHead } from '../fusion/first-stage.js';
import type { Chunk, Embedder, RerankCandidate, Reranker } from '../types.js';
import { bestPerFile, fileKey, fuseLegs, type LegResults, pooledByFile, type Ranked } from './fused-pool.js';
import type { FusionSettings, SearchLegs } from './hybrid.js';

/**
 * The reranker's share when the collection chose none for it: the file reranker scores whole files with the
 * first stage's evidence and is used alone; a chunk cross-encoder is blended with RRF weights 1 : 0.2.
 */
export const RERANK_SHARE_DEFAULT = { files: 1, chunks: 0.2 / 1.2 } as const;

/** The reranker's share of the head: the collection's choice, else the reranker's own default. */
export function rerankShareOf(reranker: Reranker, settings: Pick<FusionSettings, 'rerankShare'>): number {
  return (
    settings.rerankShare ??
    (reranker.scoreCandidates ? RERANK_SHARE_DEFAULT.files : RERANK_SHARE_DEFAULT.chunks)
  );
}

/** The fused pool behind the head: every fused chunk and each leg's raw scores by chunk id. */
export interface RerankPool {
  readonly fused: readonly Ranked[];
  readonly legScores: Readonly<Record<string, ReadonlyMap<string, number>>>;
  /** The dense leg's embedder, whose word vectors the reranker may use. */
  readonly embedder?: Embedder;
  /** Characters of text of each named file in the collection (`SearchLegs.fileChars`), when offered. */
  readonly fileChars?: SearchLegs['fileChars'];
  /** The stored reranker words of chunks (`SearchLegs.chunkTokens`), when offered. */
  readonly chunkTokens?: SearchLegs['chunkTokens'];
}

/** The head's candidates with the size of each file, when the collection can say it. */
async function withFileChars(
  candidates: RerankCandidate[],
  fileChars: RerankPool['fileChars'],
): Promise<RerankCandidate[]> {
  if (fileChars === undefined || candidates.length === 0) return candidates;
  const sizes = await fileChars([...new Set(candidates.map((c) => c.chunk.source))]);
  return candidates.map((c) => {
    const size = sizes.get(c.chunk.source);
    return size === undefined ? c : { ...c, evidence: { ...c.evidence, fileChars: size } };
  });
}

/** The head's candidates with the stored words of their chunks, when the collection keeps them. */
async function withTokens(
  candidates: RerankCandidate[],
  chunkTokens: RerankPool['chunkTokens'],
): Promise<RerankCandidate[]> {
  if (chunkTokens === undefined || candidates.length === 0) return candidates;
  const found = await chunkTokens(candidates.flatMap((c) => [c.chunk.id, ...c.others.map((o) => o.id)]));
  if (found.size === 0) return candidates;
  return candidates.map((c) => ({
    ...c,
    tokens: [c.chunk, ...c.others].map((chunk) => found.get(chunk.id)),
  }));
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
  const byFile = pooledByFile(pool.fused, chunks);
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

/**
 * The head in the reranker's order (the file reranker reads each file with its first-stage evidence; a
 * chunk reranker reads the best chunks). `scores`, when given, receives the raw score of every head item.
 */
export async function rerankOrder(
  question: string,
  reranker: Reranker,
  head: readonly Ranked[],
  chunks: Map<string, Chunk>,
  pool: RerankPool,
  scores: Map<string, number> = new Map(),
): Promise<Ranked[]> {
  const values = reranker.scoreCandidates
    ? await reranker.scoreCandidates(
        question,
        await withTokens(
          await withFileChars(headCandidates(head, chunks, pool), pool.fileChars),
          pool.chunkTokens,
        ),
        pool.embedder,
      )
    : await reranker.score(
        question,
        head.map((item) => chunks.get(item.id)!),
      );
  for (const [i, item] of head.entries()) scores.set(item.id, values[i] ?? Number.NEGATIVE_INFINITY);
  return [...head].sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
}

/** The results after reranking, the reranker's raw score of each result it read, and the share used. */
export interface Reranked {
  readonly order: Ranked[];
  readonly scores: Map<string, number>;
  readonly share: number;
}

/**
 * Reranks the results `order` (one chunk per file, fused order). The reranker reads the head of its own
 * first stage when it names one (`firstStage`, the fusion its features were trained on), else the head of
 * `order`; its order is then blended with `order` by the settings' share (or the reranker's default).
 */
export async function rerankHead(
  question: string,
  reranker: Reranker,
  order: readonly Ranked[],
  hits: LegResults,
  chunks: Map<string, Chunk>,
  settings: FusionSettings,
  pool: RerankPool,
): Promise<Reranked> {
  const own = reranker.firstStage;
  const readFused = own === undefined ? pool.fused : fuseLegs(hits, { ...settings, ...own });
  const read = own === undefined ? order : bestPerFile(readFused, chunks);
  const head = read.slice(0, settings.rerankDepth);
  const raw = new Map<string, number>();
  const byReranker = await rerankOrder(question, reranker, head, chunks, { ...pool, fused: readFused }, raw);
  const share = rerankShareOf(reranker, settings);
  const byFile = new Map<string, Ranked>();
  for (const item of [...byReranker, ...order]) byFile.set(fileOf(chunks, item), item);
  const rerankRank = new Map(byReranker.map((item, i) => [fileOf(chunks, item), i + 1]));
  const rerankRaw = new Map(byReranker.map((item) => [fileOf(chunks, item), raw.get(item.id)!]));
  const blended = blendHead(
    order.map((item) => fileOf(chunks, item)),
    byReranker.map((item) => fileOf(chunks, item)),
    share,
    settings.rrfK,
  );
  const scores = new Map<string, number>();
  const ranked = blended.map(({ id: file, score }, i) => {
    const item = byFile.get(file)!;
    const rank = rerankRank.get(file);
    if (rank !== undefined) scores.set(item.id, rerankRaw.get(file)!);
    return {
      ...item,
      score: score ?? (rank === undefined ? 0 : 1 / (settings.rrfK + i + 1)),
      ranks: rank === undefined ? item.ranks : { ...item.ranks, rerank: rank },
    };
  });
  if (share >= 1 && reranker.scoreCandidates) return { order: withStrengths(ranked, scores), scores, share };
  return { order: ranked, scores, share };
}

/**
 * The file reranker is trained with a pairwise logistic loss (RankNet), under which exp(score) is a
 * Bradley-Terry strength: the softmax over the files it read is its estimate that a file is the best of
 * those. Those sum to 1; files it did not read get 0. The raw score is in `explain.rerank`.
 */
function withStrengths(ranked: readonly Ranked[], scores: ReadonlyMap<string, number>): Ranked[] {
  const read = ranked.filter((item) => scores.has(item.id));
  const best = Math.max(...read.map((item) => scores.get(item.id)!));
  const strength = (item: Ranked) => (Number.isFinite(best) ? Math.exp(scores.get(item.id)! - best) : 1);
  const total = read.reduce((sum, item) => sum + strength(item), 0);
  return ranked.map((item) => ({ ...item, score: scores.has(item.id) ? strength(item) / total : 0 }));
}

function fileOf(chunks: Map<string, Chunk>, item: Ranked): string {
  return fileKey(chunks.get(item.id)!);
}
