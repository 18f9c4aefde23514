/**
 * The word-vector embedder as an ONNX graph: SIF-weighted sum of int8 word vectors (Arora 2017), then
 * L2 normalisation. Gather → Cast → weighted ReduceSum → divide by max(norm, ε), so a text with no known
 * word gives the zero vector instead of NaN.
 */
import { encodeOnnxModel, ONNX_TYPE, type OnnxGraph } from './proto.js';

/** Quantised vectors: row r is `values[r*dim … ]` times `scales[r]`. */
export interface QuantizedMatrix {
  readonly rows: number;
  readonly dim: number;
  readonly values: Int8Array;
  readonly scales: Float32Array;
}

/** Per-row symmetric int8 quantisation (error ≤ half a step of the row's largest value / 127). */
export function quantizeRows(matrix: Float32Array, dim: number): QuantizedMatrix {
  const rows = matrix.length / dim;
  const values = new Int8Array(matrix.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(matrix[r * dim + k]!));
    const scale = max > 0 ? max / 127 : 1;
    scales[r] = scale;
    for (let k = 0; k < dim; k++) values[r * dim + k] = Math.round(matrix[r * dim + k]! / scale);
  }
  return { rows, dim, values, scales };
}

/** Back to float32, for continued training. */
export function dequantizeRows(q: QuantizedMatrix): Float32Array {
  const out = new Float32Array(q.values.length);
  for (let r = 0; r < q.rows; r++) {
    for (let k = 0; k < q.dim; k++) out[r * q.dim + k] = q.values[r * q.dim + k]! * q.scales[r]!;
  }
  return out;
}

/** SIF weight a / (a + p(w)) for each word from its count. */
export function sifWeights(counts: Float64Array, a = 1e-3): Float32Array {
  let total = 0;
  for (const c of counts) total += c;
  return Float32Array.from(counts, (c) => a / (a + c / Math.max(total, 1)));
}

/** Builds the ONNX model bytes: inputs `ids` [batch, length] int64 and `mask` [batch, length] float. */
export function buildEmbedderOnnx(vectors: QuantizedMatrix, weights: Float32Array): Buffer {
  const rowWeight = Float32Array.from(weights, (w, i) => w * vectors.scales[i]!);
  const graph: OnnxGraph = {
    name: 'sif-word-embedder',
    opset: 13,
    initializers: [
      { name: 'table', type: ONNX_TYPE.int8, dims: [vectors.rows, vectors.dim], data: vectors.values },
      { name: 'row_weight', type: ONNX_TYPE.float, dims: [vectors.rows], data: rowWeight },
      { name: 'axis_last', type: ONNX_TYPE.int64, dims: [1], data: BigInt64Array.from([-1n]) },
      { name: 'axis_tokens', type: ONNX_TYPE.int64, dims: [1], data: BigInt64Array.from([1n]) },
      { name: 'epsilon', type: ONNX_TYPE.float, dims: [], data: Float32Array.from([1e-9]) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['table', 'ids'], outputs: ['rows8'] },
      { op: 'Cast', inputs: ['rows8'], outputs: ['rows'], attributes: { to: { int: ONNX_TYPE.float } } },
      { op: 'Gather', inputs: ['row_weight', 'ids'], outputs: ['w'] },
      { op: 'Mul', inputs: ['w', 'mask'], outputs: ['wm'] },
      { op: 'Unsqueeze', inputs: ['wm', 'axis_last'], outputs: ['wm3'] },
      { op: 'Mul', inputs: ['rows', 'wm3'], outputs: ['weighted'] },
      {
        op: 'ReduceSum',
        inputs: ['weighted', 'axis_tokens'],
        outputs: ['sum'],
        attributes: { keepdims: { int: 0 } },
      },
      {
        op: 'ReduceL2',
        inputs: ['sum'],
        outputs: ['norm'],
        attributes: { axes: { ints: [-1] }, keepdims: { int: 1 } },
      },
      { op: 'Max', inputs: ['norm', 'epsilon'], outputs: ['safe_norm'] },
      { op: 'Div', inputs: ['sum', 'safe_norm'], outputs: ['embedding'] },
    ],
    inputs: [
      { name: 'ids', type: ONNX_TYPE.int64, dims: ['batch', 'length'] },
      { name: 'mask', type: ONNX_TYPE.float, dims: ['batch', 'length'] },
    ],
    outputs: [{ name: 'embedding', type: ONNX_TYPE.float, dims: ['batch', vectors.dim] }],
  };
  return encodeOnnxModel(graph);
}
