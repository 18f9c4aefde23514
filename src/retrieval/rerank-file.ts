/**
 * The shipped file-level reranker: features of each head file (rerank-file-features.ts) scored by a
 * two-expert linear model (one expert trained on collections of short section files, one on whole
 * pages; a logistic gate on the head's chunks per file mixes them), exported as ONNX and run with
 * onnxruntime-node. Trained by `npm run train:models` (train/train-file-reranker.ts, RankNet loss).
 */
import { readManifest, readVerified, sha256 } from './embed-files.js';
import { createSession } from './embed-static.js';
import { chunksPerFile, FILE_FEATURE_COUNT, fileFeatures } from './rerank-file-features.js';
import { encodeOnnxModel, ONNX_TYPE } from './train/onnx-proto.js';
import type { FileRerankerModel } from './train/train-file-reranker.js';
import type { Chunk, RerankCandidate, Reranker } from './types.js';

/** File name of the shipped file-level reranker in embeddings/. */
export const FILE_RERANKER_FILE = 'reranker-file.onnx';

const f32 = (values: readonly number[]) => Float32Array.from(values);

/** Serialises the model; inputs `features` [n, FILE_FEATURE_COUNT] and `multi` [1], output `score` [n, 1]. */
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
      { op: 'Add', inputs: ['s', 'gd'], outputs: ['score'] },
    ],
    inputs: [
      { name: 'features', type: ONNX_TYPE.float, dims: ['n', F] },
      { name: 'multi', type: ONNX_TYPE.float, dims: [1] },
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
  const scoreCandidates = async (question: string, head: readonly RerankCandidate[]) => {
    if (head.length === 0) return [];
    const features = Float32Array.from(fileFeatures(question, head).flat());
    const result = await session.run({
      features: new ort.Tensor('float32', features, [head.length, FILE_FEATURE_COUNT]),
      multi: new ort.Tensor('float32', Float32Array.from([chunksPerFile(head)]), [1]),
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
