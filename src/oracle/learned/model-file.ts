/**
 * The learned model's file, dist/oracle-model.bin, written by the build (model-build.ts) and read by a
 * question lazily: a JSON header line, the biases and dense weights (float32), then one fixed-size record
 * per sparse feature sorted by its bytes (the zero-padded UTF-8 feature, then one float32 weight per
 * class), so a fresh process finds a question's few features by binary search without parsing the rest.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import { defaultSnapshotPath } from '../../knowledge/load.js';
import { array, type Check, checkShape, nullable, number, object, ShapeError, string } from '../../shapes.js';
import type { SoftmaxWeights } from './softmax.js';

/** Bytes of the zero-padded feature that opens each record; longer features are not learned. */
export const FEATURE_BYTES = 40;

/** The header line of the model file. */
export interface ModelHeader {
  /** Hash of the body: changes whenever the weights do. */
  readonly key: string;
  /** Component names, in class order. */
  readonly classes: string[];
  /** Number of sparse feature records. */
  readonly features: number;
  /** Length of the dense meaning vector. */
  readonly dim: number;
  /** What the unit meaning vector is multiplied by. */
  readonly denseScale: number;
  /** Key of the word vectors file the meaning vectors came from. */
  readonly wordsKey: string | null;
}

/** A string that is not empty (zod's `string().min(1)`). */
const named: Check<string> = (value, at) => {
  if (string(value, at) === '') throw new ShapeError(at, 'a non-empty string', value);
  return value as string;
};

const checkFields = object<ModelHeader>({
  key: named,
  classes: (value, at) => {
    const classes = array(named)(value, at);
    if (classes.length < 2) throw new ShapeError(at, 'at least 2 classes', value);
    return classes;
  },
  features: number({ int: true, min: 0 }),
  dim: number({ int: true, min: 0 }),
  denseScale: number({ min: 0 }),
  wordsKey: nullable(string),
});

/**
 * The header as the build writes it, read through src/shapes.ts so that a question does not load zod: exactly
 * these fields, for a key the build does not write means a file from another build (zod's `strictObject`).
 */
export const checkModelHeader: Check<ModelHeader> = (value, at) => {
  const header = checkFields(value, at);
  const extra = Object.keys(value as object).find((key) => !Object.hasOwn(header, key));
  if (extra !== undefined) throw new ShapeError(at === '' ? extra : `${at}.${extra}`, 'no such field', extra);
  return header;
};

/** Where the build writes the model: beside the knowledge snapshot. */
export function defaultModelPath(): string {
  return join(dirname(defaultSnapshotPath()), 'oracle-model.bin');
}

/** Bytes of one feature record for `classes` classes. */
export function recordBytes(classes: number): number {
  return FEATURE_BYTES + 4 * classes;
}

/** Bytes of the biases and dense weights that follow the header. */
export function denseBytes(header: Pick<ModelHeader, 'classes' | 'dim'>): number {
  return 4 * header.classes.length * (1 + header.dim);
}

/** The model as a question reads it: the header and the weights of the features it asks for. */
export interface LearnedModel extends SoftmaxWeights {
  readonly header: ModelHeader;
}

function damaged(path: string, problem: string): never {
  throw new InvalidDataError(
    `oracle: the learned model ${path} is damaged: ${problem} (run npm run build to rebuild it)`,
    { file: path },
  );
}

/** Fills `target` with the model's bytes from position `at` on; returns how many there were. */
type ReadAt = (target: Buffer, at: number) => number;

function readHeader(readAt: ReadAt, path: string): { header: ModelHeader; start: number } {
  const head = Buffer.alloc(65536);
  const read = readAt(head, 0);
  const end = head.subarray(0, read).indexOf(10);
  if (end < 0) damaged(path, 'no header line');
  let json: unknown;
  try {
    json = JSON.parse(head.subarray(0, end).toString('utf8'));
  } catch {
    damaged(path, 'the header is not JSON');
  }
  const parsed = checkShape(checkModelHeader, json);
  if ('problem' in parsed) damaged(path, `the header is wrong (${parsed.problem})`);
  return { header: parsed.value, start: end + 1 };
}

function floats(readAt: ReadAt, at: number, count: number): Float32Array {
  const bytes = Buffer.alloc(4 * count);
  readAt(bytes, at);
  return Float32Array.from({ length: count }, (_, i) => bytes.readFloatLE(4 * i));
}

/** How the model's bytes are read: the whole file once (a long-running server), or as asked (a fresh process). */
export interface OpenModelOptions {
  readonly inMemory?: boolean;
}

interface ModelBytes {
  readonly size: number;
  readonly readAt: ReadAt;
  /** Lets go of the file (after a failed check: a model in use keeps it open). */
  close(): void;
}

/** The model file's size and a reader of its bytes; undefined when it cannot be opened. */
function openBytes(path: string, inMemory: boolean): ModelBytes | undefined {
  if (inMemory) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    return {
      size: bytes.length,
      readAt: (target, at) => bytes.copy(target, 0, at, at + target.length),
      close: () => undefined,
    };
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  return {
    size: fstatSync(fd).size,
    readAt: (target, at) => readSync(fd, target, 0, target.length, at),
    close: () => closeSync(fd),
  };
}

/**
 * Opens the model; undefined when the file is missing (the learned signal is then off, as reading by
 * meaning is without its word file). A file of the wrong size or with a bad header throws
 * InvalidDataError naming it and the command that rebuilds it. A fresh process reads only the header and
 * the records a question's features find by binary search; `inMemory` reads the file once and answers
 * every question from memory. Rows are cached per process.
 */
export function openLearnedModel(
  path = defaultModelPath(),
  options: OpenModelOptions = {},
): LearnedModel | undefined {
  const opened = openBytes(path, options.inMemory === true);
  if (opened === undefined) return undefined;
  const { readAt } = opened;
  let header: ModelHeader;
  let start: number;
  try {
    ({ header, start } = readHeader(readAt, path));
    const expected = start + denseBytes(header) + header.features * recordBytes(header.classes.length);
    if (opened.size !== expected) damaged(path, `${opened.size} bytes, expected ${expected}`);
  } catch (error) {
    opened.close();
    throw error;
  }
  const C = header.classes.length;
  const bias = floats(readAt, start, C);
  const dense = floats(readAt, start + 4 * C, C * header.dim);
  const size = recordBytes(C);
  const recordsAt = start + denseBytes(header);
  const keyAt = Buffer.alloc(FEATURE_BYTES);
  const cache = new Map<string, Float32Array | null>();
  const find = (feature: string): Float32Array | null => {
    if (Buffer.byteLength(feature) > FEATURE_BYTES) return null;
    const target = Buffer.alloc(FEATURE_BYTES);
    target.write(feature, 'utf8');
    let low = 0;
    let high = header.features - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      readAt(keyAt, recordsAt + middle * size);
      const order = Buffer.compare(keyAt, target);
      if (order === 0) return floats(readAt, recordsAt + middle * size + FEATURE_BYTES, C);
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  };
  return {
    header,
    classes: header.classes,
    bias,
    dense,
    dim: header.dim,
    denseScale: header.denseScale,
    row(feature) {
      if (!cache.has(feature)) cache.set(feature, find(feature));
      return cache.get(feature) ?? null;
    },
  };
}
