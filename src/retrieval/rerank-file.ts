/**
 * The shipped file-level reranker: features of each head file (rerank-file-features.ts) scored by linear
 * experts: for keyword questions, one trained on collections of short section files and one on whole
 * pages, mixed by a logistic gate on the head's chunks per file; for questions phrased as questions, one
 * trained on such questions. Exported as ONNX and run with onnxruntime-node. Trained by
 * `npm run train:models` (train/train-file-reranker.ts, RankNet loss).
 */
import { readManifest, readVerified, sha256 } from './embed-files.js';
import { createSession } from './embed-static.js';
import type { FeatureVocabulary } from './rerank-features.js';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  fileFeatures,
  isNaturalQuestion,
} from './rerank-file-features.js';
import { encodeOnnxModel, ONNX_TYPE } from './train/onnx-proto.js';
import type { FileRerankerModel } from './train/train-file-reranker.js';
import type { Chunk, RerankCandidate, Reranker } from './types.js';

/** File name of the shipped file-level reranker in embeddings/. */
export const FILE_RERANKER_FILE = 'reranker-file.onnx';

const f32 = (values: readonly number[]) => Float32Array.from(values);

/**
 * Serialises the model; inputs `features` [n, FILE_FEATURE_COUNT], `multi` [1] (chunks per file) and
 * `natural` [1] (1 for a question phrased as one), output `score` [n, 1].
 */
export function buildFileRerankerOnnx(model: FileRerankerModel): Buffer {
  const F = FILE_FEATURE_COUNT;
  return encodeOnnxModel({
    name: 'file-reranker',
    opset: 13,
    initializers: [
      { name: 'ws', type: ONNX_TYPE.float, dims: [F, 1], data: f32(model.section.weights) },
      { name: 'bs', type: ONNX_TYPE.float, dims: [1], data: f32([model.section.bias]) },
      { name: 'wp', type: ONNX_TYPE.float, dims: [F, 1], data: f32(model.page.weights) },
      { name: 'bp', type: ONNX_TYPE.float, dims: [1], data: f32([model.page.bias]) },
      { name: 'ga', type: ONNX_TYPE.float, dims: [1], data: f32([model.gate.a]) },
      { name: 'gb', type: ONNX_TYPE.float, dims: [1], data: f32([model.gate.b]) },
      { name: 'wn', type: ONNX_TYPE.float, dims: [F, 1], data: f32(model.natural.weights) },
      { name: 'bn', type: ONNX_TYPE.float, dims: [1], data: f32([model.natural.bias]) },
    ],
    nodes: [
      { op: 'MatMul', inputs: ['features', 'ws'], outputs: ['s0'] },
      { op: 'Add', inputs: ['s0', 'bs'], outputs: ['s'] },
      { op: 'MatMul', inputs: ['features', 'wp'], outputs: ['p0'] },
      { op: 'Add', inputs: ['p0', 'bp'], outputs: ['p'] },
      { op: 'Mul', inputs: ['multi', 'ga'], outputs: ['g0'] },
      { op: 'Add', inputs: ['g0', 'gb'], outputs: ['g1'] },
      { op: 'Sigmoid', inputs: ['g1'], outputs: ['g'] },
      { op: 'Sub', inputs: ['p', 's'], outputs: ['d'] },
      { op: 'Mul', inputs: ['d', 'g'], outputs: ['gd'] },
      { op: 'Add', inputs: ['s', 'gd'], outputs: ['keyword'] },
      { op: 'MatMul', inputs: ['features', 'wn'], outputs: ['n0'] },
      { op: 'Add', inputs: ['n0', 'bn'], outputs: ['n'] },
      { op: 'Sub', inputs: ['n', 'keyword'], outputs: ['e'] },
      { op: 'Mul', inputs: ['e', 'natural'], outputs: ['ne'] },
      { op: 'Add', inputs: ['keyword', 'ne'], outputs: ['score'] },
    ],
    inputs: [
      { name: 'features', type: ONNX_TYPE.float, dims: ['n', F] },
      { name: 'multi', type: ONNX_TYPE.float, dims: [1] },
      { name: 'natural', type: ONNX_TYPE.float, dims: [1] },
    ],
    outputs: [{ name: 'score', type: ONNX_TYPE.float, dims: ['n', 1] }],
  });
}

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
  const scoreCandidates = async (
    question: string,
    head: readonly RerankCandidate[],
    vocabulary?: FeatureVocabulary,
  ) => {
    if (head.length === 0) return [];
    const natural = isNaturalQuestion(question);
    // Only the natural-question expert weighs the soft-match columns: keyword questions skip them.
    const rows = await fileFeatures(question, head, natural ? vocabulary : undefined);
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
