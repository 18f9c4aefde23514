/** The file reranker's model (rerank/file-model.ts) as an ONNX graph. */
import type { FileRerankerModel } from '../rerank/file-model.js';
import { encodeOnnxModel, ONNX_TYPE } from './proto.js';

const f32 = (values: readonly number[]) => Float32Array.from(values);

/**
 * Serialises the model; inputs `features` [n, feature count], `multi` [1] (chunks per file) and
 * `natural` [1] (1 for a question phrased as one), output `score` [n, 1].
 */
export function buildFileRerankerOnnx(model: FileRerankerModel): Buffer {
  const F = model.section.weights.length;
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
