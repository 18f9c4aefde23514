/**
 * On-disk form of a word-vector model, shared by the shipped base model (embeddings/) and the adapted
 * models stored with a collection: `<name>.onnx` (what embedding runs), `<name>.vocab.txt` (dim, then
 * word<TAB>count per line), `<name>.vectors.bin` (int8 input and context vectors + row scales, what
 * adaptation continues from) and `<name>.words.bin` (the vocabulary as a search reads it, word-table.ts).
 * A `manifest.json` beside them lists sha256 and size of each file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import { say, type Text } from '../../fixes.js';
import {
  buildEmbedderOnnx,
  dequantizeRows,
  type QuantizedMatrix,
  quantizeRows,
  sifWeights,
} from '../onnx/embedder-graph.js';
import type { WordVectors } from '../wordvec/skipgram.js';
import { type FileStamps, isRemembered, stampOf } from './file-stamps.js';
import { encodeWordTable } from './word-table.js';

export const EMBEDDER_FILE = 'word-embedder';
/**
 * The vocabulary as a search reads it (word-table.ts); models written before it existed have only the
 * `.vocab.txt`, which is then parsed instead.
 */
export const WORDS_SUFFIX = '.words.bin';

/** sha256 and size of each model file, as written to manifest.json. */
export interface Manifest {
  readonly files: Record<string, { sha256: string; bytes: number }>;
  readonly models?: Record<string, Record<string, unknown>>;
}

/** Hex sha256 of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes bytes to a temporary name and renames, so readers never see half a file. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}

/**
 * Reads a model file and checks it against the manifest; a missing, wrong or truncated file is a one-line
 * error naming the file and how to rebuild it. With `stamps`, a file verified before and not written
 * since (file-stamps.ts) is not hashed again.
 */
export function readVerified(
  dir: string,
  file: string,
  manifest: Manifest,
  rebuild: Text,
  stamps?: FileStamps,
): Buffer {
  const entry = manifest.files[file];
  const path = join(dir, file);
  if (!entry)
    throw new InvalidDataError(say`models: ${path} is not in ${join(dir, 'manifest.json')} (${rebuild})`);
  const stamp = stamps === undefined ? null : stampOf(path, entry.sha256);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InvalidDataError(say`models: ${path} is missing (${rebuild})`, { file: path });
  }
  if (bytes.length === entry.bytes && isRemembered(stamps, path, stamp)) return bytes;
  if (bytes.length !== entry.bytes || sha256(bytes) !== entry.sha256) {
    throw unlikeManifest(path, bytes.length, entry.bytes, rebuild);
  }
  if (stamp !== null) stamps?.write(path, stamp);
  return bytes;
}

function unlikeManifest(path: string, bytes: number, expected: number, rebuild: Text): InvalidDataError {
  const what = bytes < expected ? 'truncated' : 'corrupt';
  return new InvalidDataError(
    say`models: ${path} is ${what} (${bytes} bytes, sha256 does not match the manifest; ${rebuild})`,
    { file: path, expectedBytes: expected, bytes },
  );
}

/**
 * The row scales of a vectors file's input (word) vectors: their int8 values are the embedder's table,
 * already in memory. The file is checked against the manifest as readVerified does, hashed a megabyte at a
 * time; a file `stamps` remembers as verified is not hashed, and only its scales are read.
 */
export function readVerifiedScales(
  dir: string,
  manifest: Manifest,
  rebuild: Text,
  rows: number,
  dim: number,
  stamps?: FileStamps,
): Float32Array {
  const file = `${EMBEDDER_FILE}.vectors.bin`;
  const entry = manifest.files[file];
  const path = join(dir, file);
  if (!entry)
    throw new InvalidDataError(say`models: ${path} is not in ${join(dir, 'manifest.json')} (${rebuild})`);
  const n = rows * dim;
  if (entry.bytes !== 2 * n + 8 * rows) {
    throw new InvalidDataError(say`models: ${path} vectors do not match the vocabulary size (${rebuild})`);
  }
  const stamp = stamps === undefined ? null : stampOf(path, entry.sha256);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InvalidDataError(say`models: ${path} is missing (${rebuild})`, { file: path });
  }
  const scales = new Float32Array(rows);
  const keep: [Uint8Array, number] = [new Uint8Array(scales.buffer), 2 * n];
  try {
    if (fstatSync(fd).size === entry.bytes && isRemembered(stamps, path, stamp)) {
      readFully(fd, ...keep);
      return scales;
    }
    const size = readHashed(fd, [keep], path, entry, rebuild);
    if (size !== entry.bytes) throw unlikeManifest(path, size, entry.bytes, rebuild);
  } finally {
    closeSync(fd);
  }
  if (stamp !== null) stamps?.write(path, stamp);
  return scales;
}

/** Fills `target` with the bytes of `fd` from `position` on. */
function readFully(fd: number, target: Uint8Array, position: number): void {
  for (let done = 0; done < target.length; ) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
}

/**
 * Reads the whole file a megabyte at a time, copying the `keep` ranges out and hashing every byte;
 * throws when the hash is not the manifest's. Returns the size read.
 */
function readHashed(
  fd: number,
  keep: readonly (readonly [Uint8Array, number])[],
  path: string,
  entry: { sha256: string; bytes: number },
  rebuild: Text,
): number {
  const hash = createHash('sha256');
  const piece = Buffer.allocUnsafe(1 << 20);
  let size = 0;
  for (let read = readSync(fd, piece); read > 0; read = readSync(fd, piece)) {
    const chunk = piece.subarray(0, read);
    hash.update(chunk);
    for (const [target, start] of keep) {
      const from = Math.max(start, size);
      const to = Math.min(start + target.length, size + read);
      if (from < to) target.set(chunk.subarray(from - size, to - size), from - start);
    }
    size += read;
  }
  if (size === entry.bytes && hash.digest('hex') !== entry.sha256) {
    throw unlikeManifest(path, size, entry.bytes, rebuild);
  }
  return size;
}

/**
 * Checks every file a model folder's manifest lists (size and sha256); throws the first problem as
 * readVerified does.
 */
export function verifyModelFiles(dir: string, rebuild: Text): void {
  const manifest = readManifest(dir, rebuild);
  for (const file of Object.keys(manifest.files)) readVerified(dir, file, manifest, rebuild);
}

/** Reads and shape-checks a manifest.json. */
export function readManifest(dir: string, rebuild: Text): Manifest {
  const path = join(dir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON';
    throw new InvalidDataError(say`models: ${path} ${why} (${rebuild})`, { file: path });
  }
  const files = (parsed as { files?: unknown }).files;
  if (typeof files !== 'object' || files === null) {
    throw new InvalidDataError(say`models: ${path} has no "files" table (${rebuild})`, { file: path });
  }
  return parsed as Manifest;
}

/** Writes a model's files and their manifest entries (the manifest itself is written by the caller). */
export function writeWordModel(dir: string, vectors: WordVectors): Manifest['files'] {
  const input = quantizeRows(vectors.input, vectors.dim);
  const output = quantizeRows(vectors.output, vectors.dim);
  const onnx = buildEmbedderOnnx(input, sifWeights(vectors.counts));
  const vocab = `${vectors.dim}\n${vectors.words.map((w, i) => `${w}\t${vectors.counts[i]}`).join('\n')}\n`;
  const bin = Buffer.concat([
    Buffer.from(input.values.buffer, input.values.byteOffset, input.values.byteLength),
    Buffer.from(output.values.buffer, output.values.byteOffset, output.values.byteLength),
    Buffer.from(input.scales.buffer, input.scales.byteOffset, input.scales.byteLength),
    Buffer.from(output.scales.buffer, output.scales.byteOffset, output.scales.byteLength),
  ]);
  const files: Manifest['files'] = {};
  for (const [suffix, bytes] of [
    ['.onnx', onnx],
    ['.vocab.txt', Buffer.from(vocab, 'utf8')],
    ['.vectors.bin', bin],
    [WORDS_SUFFIX, encodeWordTable(vectors.words, vectors.counts, vectors.dim)],
  ] as const) {
    const path = join(dir, EMBEDDER_FILE + suffix);
    writeAtomic(path, bytes);
    files[basename(path)] = { sha256: sha256(bytes), bytes: bytes.length };
  }
  return files;
}

/**
 * Walks a vocabulary file's text: the dimension line, then `word<TAB>count` per line (a line without a tab is
 * read as the word without its last character and the whole line as the count), calling `line` for each in
 * order. One pass over the text, without splitting it first: a search reads an adapted model's vocabulary,
 * some 50,000 lines, in every fresh process. Returns the dimension.
 */
function walkVocabulary(text: string, path: string, line: (word: string, count: number) => void): number {
  const body = text.trimEnd();
  let end = body.indexOf('\n');
  if (end < 0) end = body.length;
  const dim = Number(body.slice(0, end));
  if (!Number.isInteger(dim) || dim <= 0) throw new InvalidDataError(`models: ${path} has no dimension line`);
  while (end < body.length) {
    const start = end + 1;
    end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const tab = body.indexOf('\t', start);
    const split = tab >= 0 && tab < end;
    line(body.slice(start, split ? tab : end - 1), Number(body.slice(split ? tab + 1 : start, end)));
  }
  return dim;
}

/** Parses a vocabulary file (walkVocabulary) into dim, words and counts. */
export function parseVocabulary(
  text: string,
  path: string,
): { dim: number; words: string[]; counts: Float64Array } {
  const words: string[] = [];
  const counts: number[] = [];
  const dim = walkVocabulary(text, path, (word, count) => {
    words.push(word);
    counts.push(count);
  });
  return { dim, words, counts: Float64Array.from(counts) };
}

/**
 * A vocabulary file as a search uses it: each word's row (a word listed twice keeps its last row), the
 * counts, and the number of rows; no list of the words is built.
 */
export function parseVocabularyIndex(
  text: string,
  path: string,
): { dim: number; index: Map<string, number>; counts: Float64Array } {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const dim = walkVocabulary(text, path, (word, count) => {
    index.set(word, counts.length);
    counts.push(count);
  });
  return { dim, index, counts: Float64Array.from(counts) };
}

/** The quantised input and output matrices of a vectors file, checked against the vocabulary's size. */
function quantizedMatrices(
  bin: Buffer,
  rows: number,
  dim: number,
  path: string,
): { input: QuantizedMatrix; output: QuantizedMatrix } {
  const n = rows * dim;
  if (bin.length !== 2 * n + 8 * rows) {
    throw new InvalidDataError(`models: ${path} vectors do not match the vocabulary size`);
  }
  const copy = new Uint8Array(bin).buffer;
  const matrix = (offset: number, scaleOffset: number): QuantizedMatrix => ({
    rows,
    dim,
    values: new Int8Array(copy, offset, n),
    scales: new Float32Array(copy.slice(scaleOffset, scaleOffset + 4 * rows)),
  });
  return { input: matrix(0, 2 * n), output: matrix(n, 2 * n + 4 * rows) };
}

/** Reads a word model's vectors back (dequantised) for continued training. */
export function readWordVectors(vocabText: string, bin: Buffer, path: string): WordVectors {
  const { dim, words, counts } = parseVocabulary(vocabText, path);
  const { input, output } = quantizedMatrices(bin, words.length, dim, path);
  return { words, counts, dim, input: dequantizeRows(input), output: dequantizeRows(output) };
}

/** An embedder's words, their training counts and its dequantised input vectors (row-major, dim per word). */
export interface EmbedderWords {
  readonly dim: number;
  readonly words: readonly string[];
  readonly counts: Float64Array;
  readonly vectors: Float32Array;
}

/** The embedder's words of a model folder, verified against its manifest. */
export function readEmbedderWords(dir: string, rebuild: Text): EmbedderWords {
  const manifest = readManifest(dir, rebuild);
  const vocabFile = `${EMBEDDER_FILE}.vocab.txt`;
  const text = readVerified(dir, vocabFile, manifest, rebuild).toString('utf8');
  const { dim, words, counts } = parseVocabulary(text, join(dir, vocabFile));
  const binFile = `${EMBEDDER_FILE}.vectors.bin`;
  const bin = readVerified(dir, binFile, manifest, rebuild);
  return { dim, words, counts, vectors: readInputVectors(bin, words.length, dim, join(dir, binFile)) };
}

/** Only the input (word) vectors of a vectors file, dequantised. */
export function readInputVectors(bin: Buffer, rows: number, dim: number, path: string): Float32Array {
  const n = rows * dim;
  if (bin.length !== 2 * n + 8 * rows) {
    throw new InvalidDataError(`models: ${path} vectors do not match the vocabulary size`);
  }
  const scales = new Float32Array(rows);
  new Uint8Array(scales.buffer).set(bin.subarray(2 * n, 2 * n + 4 * rows));
  return dequantizeRows({ rows, dim, values: new Int8Array(bin.buffer, bin.byteOffset, n), scales });
}
