/**
 * The word vectors the oracle reads questions with, in one file the build writes (word-space-build.ts)
 * from the two shipped tables, each verified against embeddings/manifest.json: the everyday-English GloVe
 * vectors (embeddings/everyday.md) and the Debian-trained embedder (embeddings/word-embedder.md). Records
 * of fixed size are sorted by word, so a fresh process finds a question's words by binary search with a
 * few small reads, without parsing a vocabulary: a word, its SIF weight in each table (0 when the table
 * lacks it) and its unit vector in each, as int8.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSnapshotPath } from '../knowledge/load.js';

/** Bytes of the zero-padded UTF-8 word that opens each record; longer words are not stored. */
export const WORD_BYTES = 24;
/** int8 values stand for value / 127 of a unit vector. */
export const UNIT_SCALE = 127;

/** The file's header (its first line, JSON): sizes, and a key that changes with the content. */
export interface WordSpaceHeader {
  readonly key: string;
  readonly words: number;
  readonly dims: readonly [number, number];
}

/** A word as the two tables know it. */
export interface WordEntry {
  /** SIF weight (Arora 2017) in each table, 0 where the table lacks the word. */
  readonly weights: readonly [number, number];
  /** Unit vector in each table (zeros where it lacks the word). */
  readonly vectors: readonly [Float32Array, Float32Array];
}

/** Looks words up in the file; one open descriptor, read on demand. */
export interface WordSpace {
  readonly header: WordSpaceHeader;
  entry(word: string): WordEntry | null;
}

/** Where the build writes the file: beside the knowledge snapshot. */
export function defaultWordSpacePath(): string {
  return join(dirname(defaultSnapshotPath()), 'oracle-words.bin');
}

/** Bytes of one record for tables of these dimensions. */
export function recordBytes(dims: readonly [number, number]): number {
  return WORD_BYTES + 8 + dims[0] + dims[1];
}

/**
 * Opens the file; undefined when it is missing or its header is unreadable (reading by meaning is then
 * off, as with a missing meanings table). Entries are cached, so a word is read once per process; the
 * descriptor stays open for the life of the process, which reads words until it ends.
 */
export function openWordSpace(path = defaultWordSpacePath()): WordSpace | undefined {
  let fd: number;
  let header: WordSpaceHeader;
  let start: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    const end = head.subarray(0, read).indexOf(10);
    header = JSON.parse(head.subarray(0, end).toString('utf8')) as WordSpaceHeader;
    if (typeof header.key !== 'string' || !Number.isInteger(header.words) || end < 0) throw new Error();
    start = end + 1;
  } catch {
    closeSync(fd);
    return undefined;
  }
  const size = recordBytes(header.dims);
  const cache = new Map<string, WordEntry | null>();
  const wordAt = Buffer.alloc(WORD_BYTES);
  const compareAt = (index: number, target: Buffer): number => {
    readSync(fd, wordAt, 0, WORD_BYTES, start + index * size);
    return Buffer.compare(wordAt, target);
  };
  const read = (word: string): WordEntry | null => {
    const target = Buffer.alloc(WORD_BYTES);
    if (Buffer.byteLength(word) > WORD_BYTES) return null;
    target.write(word, 'utf8');
    let low = 0;
    let high = header.words - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = compareAt(middle, target);
      if (order === 0) return decode(fd, start + middle * size, header.dims);
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  };
  return {
    header,
    entry(word) {
      if (!cache.has(word)) cache.set(word, read(word));
      return cache.get(word) ?? null;
    },
  };
}

function decode(fd: number, at: number, dims: readonly [number, number]): WordEntry {
  const bytes = Buffer.alloc(8 + dims[0] + dims[1]);
  readSync(fd, bytes, 0, bytes.length, at + WORD_BYTES);
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + 8, dims[0] + dims[1]);
  const unit = (from: number, dim: number) =>
    Float32Array.from(values.subarray(from, from + dim), (v) => v / UNIT_SCALE);
  return {
    weights: [bytes.readFloatLE(0), bytes.readFloatLE(4)],
    vectors: [unit(0, dims[0]), unit(dims[0], dims[1])],
  };
}
