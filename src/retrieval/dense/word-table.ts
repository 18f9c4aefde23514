/**
 * A word model's vocabulary as a search reads it: `<name>.words.bin`, written beside `<name>.vocab.txt` with
 * the same words, counts and dimension, plus a hash table of the words, so a fresh process looks words up
 * in the file's bytes as read (typed arrays over them) instead of parsing some 50,000 lines into strings
 * and a Map first (15-20 ms of a cold search, and their garbage).
 *
 * Layout (little-endian): "BWT1", u32 dim, u32 rows, u32 distinct words, u32 slots (a power of two),
 * u32 bytes of words; f64 count per row; i32 per slot (row + 1, 0 for an empty slot; FNV-1a of the word's
 * UTF-8 bytes, linear probing); u32 start per row and one past the last (where each word's UTF-8 bytes
 * start in the words that follow); the words, one after the other.
 */
import { InvalidDataError } from '../../errors.js';
import { say, type Text } from '../../fixes.js';

/** The lookups a search makes in a vocabulary (a ReadonlyMap<string, number> is one too). */
export interface WordIndex {
  /** The row of `word`, or undefined when the vocabulary does not list it. */
  get(word: string): number | undefined;
  /** How many distinct words it holds. */
  readonly size: number;
}

const MAGIC = 'BWT1';
const HEADER = 24;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 0;
}

function sameBytes(a: Uint8Array, a0: number, b: Uint8Array, b0: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[a0 + i] !== b[b0 + i]) return false;
  return true;
}

/**
 * Writes the UTF-8 bytes of `word` into `into` when it is all ASCII (nearly every word a search looks up),
 * without a call into the encoder; returns their count, or -1 for a word with other characters.
 */
function asciiInto(word: string, into: Uint8Array): number {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x80) return -1;
    into[i] = code;
  }
  return word.length;
}

/** Serialises a vocabulary (words in row order, a count per row) with its hash table. */
export function encodeWordTable(words: readonly string[], counts: Float64Array, dim: number): Buffer {
  const encoded = words.map((word) => Buffer.from(word, 'utf8'));
  const blob = Buffer.concat(encoded);
  const starts = new Uint32Array(words.length + 1);
  encoded.forEach((bytes, row) => {
    starts[row + 1] = starts[row]! + bytes.length;
  });
  let capacity = 16;
  while (capacity < 2 * words.length) capacity *= 2;
  const slots = new Int32Array(capacity);
  let distinct = 0;
  encoded.forEach((bytes, row) => {
    for (
      let slot = hashBytes(bytes, 0, bytes.length) & (capacity - 1);
      ;
      slot = (slot + 1) & (capacity - 1)
    ) {
      const held = slots[slot]! - 1;
      if (held < 0) distinct++;
      // A word listed twice keeps its last row, as a Map filled in row order would.
      if (held < 0 || encoded[held]!.equals(bytes)) {
        slots[slot] = row + 1;
        break;
      }
    }
  });
  const header = Buffer.alloc(HEADER);
  header.write(MAGIC, 0, 'latin1');
  [dim, words.length, distinct, capacity, blob.length].forEach((value, i) => {
    header.writeUInt32LE(value, 4 + 4 * i);
  });
  const bytesOf = (array: Float64Array | Int32Array | Uint32Array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return Buffer.concat([header, bytesOf(Float64Array.from(counts)), bytesOf(slots), bytesOf(starts), blob]);
}

/** A view of `length` items of `Kind` at `offset` of `bytes`, copied only when the bytes are misaligned. */
function view<T>(
  Kind: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
  bytes: Uint8Array,
  offset: number,
  length: number,
): T {
  const at = bytes.byteOffset + offset;
  if (at % Kind.BYTES_PER_ELEMENT === 0) return new Kind(bytes.buffer, at, length);
  const copy = bytes.slice(offset, offset + length * Kind.BYTES_PER_ELEMENT);
  return new Kind(copy.buffer, 0, length);
}

/**
 * Reads a words file (bytes already checked against the model's manifest): its dimension, counts and a
 * WordIndex over its table. A file whose parts do not add up to its size, or whose table points outside
 * it, is an error naming the file and how to rebuild it. Words are compared as UTF-8 bytes, which is string
 * equality for the words a search looks up (tokens of letters and digits, never a lone surrogate).
 */
export function readWordTable(
  bytes: Uint8Array,
  path: string,
  rebuild: Text,
): { dim: number; counts: Float64Array; index: WordIndex } {
  const damaged = (why: string) =>
    new InvalidDataError(say`models: ${path} is damaged (${why}; ${rebuild})`, { file: path });
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER));
  if (header.length < HEADER || header.toString('latin1', 0, 4) !== MAGIC) throw damaged('not a words file');
  const [dim, rows, distinct, capacity, blobBytes] = [4, 8, 12, 16, 20].map((at) =>
    header.readUInt32LE(at),
  ) as [number, number, number, number, number];
  const slotsAt = HEADER + 8 * rows;
  const startsAt = slotsAt + 4 * capacity;
  const blobAt = startsAt + 4 * (rows + 1);
  if (blobAt + blobBytes !== bytes.length || (capacity & (capacity - 1)) !== 0 || capacity < 2 * rows)
    throw damaged('its parts do not add up to its size');
  const counts = view(Float64Array, bytes, HEADER, rows);
  const slots = view(Int32Array, bytes, slotsAt, capacity);
  const starts = view(Uint32Array, bytes, startsAt, rows + 1);
  const blob = bytes.subarray(blobAt);
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(64);
  return {
    dim,
    counts,
    index: {
      size: distinct,
      get(word) {
        if (scratch.length < 3 * word.length) scratch = new Uint8Array(3 * word.length);
        const ascii = asciiInto(word, scratch);
        const length = ascii >= 0 ? ascii : encoder.encodeInto(word, scratch).written;
        let slot = hashBytes(scratch, 0, length) & (capacity - 1);
        for (let probes = 0; probes < capacity; probes++, slot = (slot + 1) & (capacity - 1)) {
          const row = slots[slot]! - 1;
          if (row < 0) return undefined;
          const start = starts[row];
          const end = starts[row + 1];
          if (row >= rows || start === undefined || end === undefined || end < start || end > blobBytes)
            throw damaged('its table points outside it');
          if (end - start === length && sameBytes(blob, start, scratch, 0, length)) return row;
        }
        throw damaged('its table has no empty slot');
      },
    },
  };
}
