/**
 * The shipped file-level reranker: features of each head file (file-features.ts) scored by linear
 * experts: for keyword questions, one trained on collections of short section files and one on whole
 * pages, mixed by a logistic gate on the head's chunks per file; for questions phrased as questions, one
 * trained on such questions. Shipped as the ONNX graph of onnx/reranker-graph.ts and computed here from its
 * weights in float32, as onnxruntime computes that graph (checked bit for bit against it in
 * test/retrieval/rerank/file-reranker.test.ts), without starting onnxruntime. Trained by
 * `npm run train:models` (train/train-file-reranker.ts, RankNet loss).
 */
import { InvalidDataError } from '../../errors.js';
import type { Text } from '../../fixes.js';
import type { FileStamps } from '../dense/file-stamps.js';
import { readManifest, readVerified, sha256 } from '../dense/model-files.js';
import type { FirstStage } from '../fusion/first-stage.js';
import { RRF_K } from '../fusion/rrf.js';
import { dot32, logistic32 } from '../onnx/float32.js';
import { float32Of, readInitializers } from '../onnx/initializers.js';
import type { Chunk, Embedder, RerankCandidate, Reranker } from '../types.js';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  fileFeatures,
  isNaturalQuestion,
  type SoftMatching,
} from './file-features.js';
import { createWordSimilarities, type WordSimilarities } from './similarity.js';
import { openTranslationTable, type TranslationTable } from './translation-table.js';

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

/** The graph's weights: three linear experts (F weights and a bias each) and the gate's a and b. */
export type GraphWeights = Record<'ws' | 'bs' | 'wp' | 'bp' | 'ga' | 'gb' | 'wn' | 'bn', Float32Array>;

/** The weights of model bytes as searches score with them (also read by the model card's generator). */
export function weightsOf(id: string, onnx: Uint8Array): GraphWeights {
  const found = readInitializers(onnx);
  const sizes = {
    ws: FILE_FEATURE_COUNT,
    bs: 1,
    wp: FILE_FEATURE_COUNT,
    bp: 1,
    ga: 1,
    gb: 1,
    wn: FILE_FEATURE_COUNT,
    bn: 1,
  };
  const weights: Partial<GraphWeights> = {};
  for (const [name, size] of Object.entries(sizes) as Array<[keyof GraphWeights, number]>) {
    const raw = found.get(name)?.raw;
    if (raw?.length !== 4 * size) {
      throw new InvalidDataError(
        `models: reranker ${id} has no ${size}-value "${name}" (run npm run train:models)`,
      );
    }
    weights[name] = float32Of(raw);
  }
  return weights as GraphWeights;
}

/**
 * The graph's scores in float32: s = x·ws + bs and p = x·wp + bp mixed by g = σ(multi·ga + gb) into
 * s + (p − s)·g for keyword questions; n = x·wn + bn replaces it for natural ones.
 */
function graphScores(
  w: GraphWeights,
  features: Float32Array,
  rows: number,
  multi: number,
  natural: number,
): number[] {
  const f = Math.fround;
  const F = FILE_FEATURE_COUNT;
  const gate = logistic32(f(f(multi * w.ga[0]!) + w.gb[0]!));
  return Array.from({ length: rows }, (_, i) => {
    const section = f(dot32(features, i * F, w.ws, 0, 1, F) + w.bs[0]!);
    const page = f(dot32(features, i * F, w.wp, 0, 1, F) + w.bp[0]!);
    const keyword = f(section + f(f(page - section) * gate));
    const expert = f(dot32(features, i * F, w.wn, 0, 1, F) + w.bn[0]!);
    return f(keyword + f(f(expert - keyword) * natural));
  });
}

/**
 * Soft matching for a natural question: the embedder's word vectors and its embedding of the files' titles;
 * none for an embedder without word vectors (its embedding of 30 titles would cost a transformer's time).
 */
export function naturalMatching(
  embedder: Embedder | undefined,
  similarities: WordSimilarities,
): SoftMatching | undefined {
  const vocabulary = embedder?.vocabulary?.();
  if (embedder === undefined || vocabulary === undefined) return undefined;
  return { vocabulary, similarities, embed: (texts) => embedder.embed(texts) };
}

/**
 * The feature rows the file reranker reads for `head`, and whether the question is natural. Only the
 * natural-question expert weighs the soft-match, title and translation columns: keyword questions skip them.
 */
export async function headFeatures(
  question: string,
  head: readonly RerankCandidate[],
  embedder: Embedder | undefined,
  similarities: WordSimilarities,
  translation: TranslationTable | undefined,
): Promise<{ natural: boolean; rows: number[][] }> {
  const natural = isNaturalQuestion(question);
  const soft = natural ? naturalMatching(embedder, similarities) : undefined;
  return { natural, rows: await fileFeatures(question, head, soft, natural ? translation : undefined) };
}

/**
 * A Reranker over the ONNX model bytes; `similarities` computes its soft matching (JavaScript by default),
 * `translation` is the word-translation table of its `translation` column (without one, that column is 0).
 */
export async function createFileReranker(
  id: string,
  onnx: Uint8Array,
  similarities: WordSimilarities = createWordSimilarities(),
  translation?: TranslationTable,
): Promise<Reranker> {
  const weights = weightsOf(id, onnx);
  const scoreCandidates = async (question: string, head: readonly RerankCandidate[], embedder?: Embedder) => {
    if (head.length === 0) return [];
    const { natural, rows } = await headFeatures(question, head, embedder, similarities, translation);
    const features = Float32Array.from(rows.flat());
    return graphScores(weights, features, head.length, Math.fround(chunksPerFile(head)), natural ? 1 : 0);
  };
  return {
    id,
    firstStage: FILE_RERANKER_FIRST_STAGE,
    score: (question, chunks) => scoreCandidates(question, bareCandidates(chunks)),
    scoreCandidates,
  };
}

/**
 * Loads the shipped file reranker (sha256-verified against the manifest), or null when none is shipped.
 * Its translation table must be listed beside it; it is read on the first natural question
 * (translation-table.ts), verified then unless `stamps` remembers it.
 */
export async function loadFileReranker(
  dir: string,
  rebuild: Text,
  similarities?: WordSimilarities,
  stamps?: FileStamps,
): Promise<Reranker | null> {
  const manifest = readManifest(dir, rebuild);
  if (!manifest.files[FILE_RERANKER_FILE]) return null;
  const onnx = readVerified(dir, FILE_RERANKER_FILE, manifest, rebuild);
  const translation = openTranslationTable(dir, manifest, rebuild, stamps);
  return createFileReranker(`file-rerank/${sha256(onnx).slice(0, 12)}`, onnx, similarities, translation);
}
