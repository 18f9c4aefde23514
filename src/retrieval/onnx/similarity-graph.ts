/** The word-similarity graph of the reranker's soft matching: one Gather + MatMul. */
import { encodeOnnxModel, ONNX_TYPE } from './proto.js';

/** Gather the words' unit rows from the table, multiply by the query vectors. */
export function similarityGraph(): Buffer {
  return encodeOnnxModel({
    name: 'word-similarity',
    opset: 13,
    initializers: [],
    nodes: [
      { op: 'Gather', inputs: ['table', 'ids'], outputs: ['rows'] },
      { op: 'MatMul', inputs: ['rows', 'queries'], outputs: ['cosines'] },
    ],
    inputs: [
      { name: 'table', type: ONNX_TYPE.float, dims: ['v', 'd'] },
      { name: 'ids', type: ONNX_TYPE.int32, dims: ['n'] },
      { name: 'queries', type: ONNX_TYPE.float, dims: ['d', 'q'] },
    ],
    outputs: [{ name: 'cosines', type: ONNX_TYPE.float, dims: ['n', 'q'] }],
  });
}
