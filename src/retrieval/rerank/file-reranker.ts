/**
 * The shipped file-level reranker: features of each head file (file-features.ts) scored by linear
 * experts: for keyword questions, one trained on collections of short section files and one on whole
 * pages, mixed by a logistic gate on the head's chunks per file; for questions phrased as questions, one
 * trained on such questions. Exported as ONNX and run with onnxruntime-node. Trained by
 * `npm run train:models` (train/train-file-reranker.ts, RankNet loss).
 */
import { readManifest, readVerified, sha256 } from '../dense/model-files.js';
import type { FirstStage } from '../fusion/first-stage.js';
import { RRF_K } from '../fusion/rrf.js';
import { createSession } from '../onnx/session.js';
import type { Chunk, RerankCandidate, Reranker } from '../types.js';
import type { FeatureVocabulary } from '../wordvec/feature-vocabulary.js';
import { chunksPerFile, FILE_FEATURE_COUNT, fileFeatures, isNaturalQuestion } from './file-features.js';
import { createWordSimilarities } from './similarity.js';

/**
 * The first stage the shipped file reranker's training heads came from (train/rerank-data.ts): a convex
 * combination with dense share 0.1. Its features describe that stage's ranks and scores, so it reads that
 * stage's head whatever fusion a collection chose for its own results.
 */
export const FILE_RERANKER_FIRST_STAGE: FirstStage = {
  method: 'convex',
  rrfK: RRF_K,
  bm25Weight: 0.9,
  denseWeight: 0.1,
};

/** File name of the shipped file-level reranker in embeddings/. */
export const FILE_RERANKER_FILE = 'reranker-file.onnx';

/**
 * Candidates for the plain `score` entry point (a caller without first-stage evidence): the given order
 * stands in for the fused order and each chunk is its own file.
 */
function bareCandidates(chunks: readonly Chunk[]): RerankCandidate[] {
  return chunks.map((chunk, i) => ({
    chunk,
    others: [],
    evidence: {
      fusedRank: i + 1,
      fusedScore: 1 / (i + 1),
      fusedSum: 1 / (i + 1),
      chunksInPool: 1,
      legRanks: {},
      legScores: {},
    },
  }));
}

/** A Reranker over the ONNX model bytes. */
export async function createFileReranker(id: string, onnx: Uint8Array): Promise<Reranker> {
  const ort = await import('onnxruntime-node');
  const session = await createSession(onnx);
  const similarities = createWordSimilarities();
  const scoreCandidates = async (
    question: string,
    head: readonly RerankCandidate[],
    vocabulary?: FeatureVocabulary,
  ) => {
    if (head.length === 0) return [];
    const natural = isNaturalQuestion(question);
    // Only the natural-question expert weighs the soft-match columns: keyword questions skip them.
    const soft = natural && vocabulary ? { vocabulary, similarities } : undefined;
    const rows = await fileFeatures(question, head, soft);
    const features = Float32Array.from(rows.flat());
    const result = await session.run({
      features: new ort.Tensor('float32', features, [head.length, FILE_FEATURE_COUNT]),
      multi: new ort.Tensor('float32', Float32Array.from([chunksPerFile(head)]), [1]),
      natural: new ort.Tensor('float32', Float32Array.from([natural ? 1 : 0]), [1]),
    });
    return Array.from(result['score']!.data as Float32Array);
  };
  return {
    id,
    firstStage: FILE_RERANKER_FIRST_STAGE,
    score: (question, chunks) => scoreCandidates(question, bareCandidates(chunks)),
    scoreCandidates,
  };
}

/** Loads the shipped file reranker (sha256-verified against the manifest), or null when none is shipped. */
export async function loadFileReranker(dir: string, rebuild: string): Promise<Reranker | null> {
  const manifest = readManifest(dir, rebuild);
  if (!manifest.files[FILE_RERANKER_FILE]) return null;
  const onnx = readVerified(dir, FILE_RERANKER_FILE, manifest, rebuild);
  return createFileReranker(`file-rerank/${sha256(onnx).slice(0, 12)}`, onnx);
}
