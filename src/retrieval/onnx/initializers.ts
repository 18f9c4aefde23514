/**
 * Reads the constant tensors (initializers) of an ONNX model file: the inverse of proto.ts for the graphs
 * we write, so a model's tables can be used without starting onnxruntime. Field numbers from onnx.proto3.
 */
import { InvalidDataError } from '../../errors.js';

/** One initializer: its shape, element type (ONNX_TYPE) and raw little-endian bytes, read in place. */
export interface Initializer {
  readonly dims: readonly number[];
  readonly type: number;
  readonly raw: Uint8Array;
}

interface Field {
  readonly number: number;
  readonly wire: number;
  /** The varint value (wire 0) or the bytes (wire 2). */
  readonly value: number | Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length; i++) {
    value += (bytes[i]! & 0x7f) * scale;
    if (bytes[i]! < 0x80) return [value, i + 1];
    scale *= 128;
  }
  throw new InvalidDataError('models: an ONNX file ends inside a number');
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let at = 0;
  while (at < bytes.length) {
    const [key, next] = readVarint(bytes, at);
    const wire = key % 8;
    at = next;
    if (wire === 0) {
      const [value, after] = readVarint(bytes, at);
      at = after;
      yield { number: Math.floor(key / 8), wire, value };
    } else if (wire === 2) {
      const [length, start] = readVarint(bytes, at);
      at = start + length;
      if (at > bytes.length) throw new InvalidDataError('models: an ONNX file ends inside a field');
      yield { number: Math.floor(key / 8), wire, value: bytes.subarray(start, at) };
    } else if (wire === 1 || wire === 5) {
      at += wire === 1 ? 8 : 4;
    } else {
      throw new InvalidDataError(`models: an ONNX file holds an unknown field type ${wire}`);
    }
  }
}

function tensorOf(bytes: Uint8Array): { name: string; tensor: Initializer } {
  const dims: number[] = [];
  let type = 0;
  let name = '';
  let raw: Uint8Array = new Uint8Array(0);
  for (const field of fields(bytes)) {
    if (field.number === 1 && field.wire === 0) dims.push(field.value as number);
    else if (field.number === 1) {
      const packed = field.value as Uint8Array;
      for (let at = 0; at < packed.length; ) {
        const [dim, next] = readVarint(packed, at);
        dims.push(dim);
        at = next;
      }
    } else if (field.number === 2) type = field.value as number;
    else if (field.number === 8) name = Buffer.from(field.value as Uint8Array).toString('utf8');
    else if (field.number === 9) raw = field.value as Uint8Array;
  }
  return { name, tensor: { dims, type, raw } };
}

/** The initializers of an ONNX model, by name. */
export function readInitializers(model: Uint8Array): Map<string, Initializer> {
  const found = new Map<string, Initializer>();
  for (const field of fields(model)) {
    if (field.number !== 7 || field.wire !== 2) continue;
    for (const inner of fields(field.value as Uint8Array)) {
      if (inner.number !== 5 || inner.wire !== 2) continue;
      const { name, tensor } = tensorOf(inner.value as Uint8Array);
      found.set(name, tensor);
    }
  }
  return found;
}

/** Float32 values of raw bytes, copied (raw bytes inside a file need not be 4-byte aligned). */
export function float32Of(raw: Uint8Array): Float32Array {
  const values = new Float32Array(raw.length / 4);
  new Uint8Array(values.buffer).set(raw);
  return values;
}
