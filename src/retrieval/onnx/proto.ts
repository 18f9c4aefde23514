/**
 * A minimal ONNX model writer: encodes ModelProto/GraphProto/NodeProto/TensorProto as protocol buffers
 * (field numbers from onnx.proto3), enough for the small graphs we ship, with no protobuf dependency.
 */

/** ONNX TensorProto.DataType values we use. */
export const ONNX_TYPE = { float: 1, int8: 3, int32: 6, int64: 7 } as const;
export type OnnxType = (typeof ONNX_TYPE)[keyof typeof ONNX_TYPE];

/** A constant tensor stored in the model. */
export interface OnnxTensor {
  readonly name: string;
  readonly type: OnnxType;
  readonly dims: readonly number[];
  readonly data: Float32Array | Int8Array | BigInt64Array;
}

/** An attribute value: integer, float, or list of integers. */
export type OnnxAttribute =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] };

/** One operator in the graph. */
export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, OnnxAttribute>>;
}

/** A graph input or output; string dims are symbolic (batch, length). */
export interface OnnxValue {
  readonly name: string;
  readonly type: OnnxType;
  readonly dims: ReadonlyArray<number | string>;
}

/** A whole model. */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  readonly opset: number;
}

class Writer {
  private readonly parts: Buffer[] = [];

  varint(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.raw(BigInt(value));
    return this;
  }

  bytes(field: number, value: Buffer | Uint8Array): this {
    this.key(field, 2);
    this.raw(BigInt(value.length));
    this.parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  message(field: number, inner: Writer): this {
    return this.bytes(field, inner.finish());
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.parts.push(buffer);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }

  private key(field: number, wire: number): void {
    this.raw(BigInt(field * 8 + wire));
  }

  private raw(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.parts.push(Buffer.from(out));
  }
}

function tensor(t: OnnxTensor): Writer {
  const w = new Writer();
  for (const d of t.dims) w.varint(1, d);
  w.varint(2, t.type).string(8, t.name);
  return w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}

function attribute(name: string, value: OnnxAttribute): Writer {
  const w = new Writer().string(1, name);
  if ('int' in value) return w.varint(3, value.int).varint(20, 2);
  if ('float' in value) return w.float(2, value.float).varint(20, 1);
  for (const i of value.ints) w.varint(8, i);
  return w.varint(20, 7);
}

function node(n: OnnxNode, index: number): Writer {
  const w = new Writer();
  for (const input of n.inputs) w.string(1, input);
  for (const output of n.outputs) w.string(2, output);
  w.string(3, `${n.op}_${index}`).string(4, n.op);
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.message(5, attribute(name, value));
  return w;
}

function valueInfo(v: OnnxValue): Writer {
  const shape = new Writer();
  for (const d of v.dims) {
    shape.message(1, typeof d === 'number' ? new Writer().varint(1, d) : new Writer().string(2, d));
  }
  const tensorType = new Writer().varint(1, v.type).message(2, shape);
  return new Writer().string(1, v.name).message(2, new Writer().message(1, tensorType));
}

/** Serialises a graph as an ONNX model file (IR version 8). */
export function encodeOnnxModel(graph: OnnxGraph): Buffer {
  const g = new Writer();
  graph.nodes.forEach((n, i) => {
    g.message(1, node(n, i));
  });
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, tensor(t));
  for (const v of graph.inputs) g.message(11, valueInfo(v));
  for (const v of graph.outputs) g.message(12, valueInfo(v));
  const opset = new Writer().string(1, '').varint(2, graph.opset);
  return new Writer().varint(1, 8).string(2, 'batuta-oracle').message(8, opset).message(7, g).finish();
}
