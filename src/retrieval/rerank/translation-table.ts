/**
 * The shipped word-translation table of the reranker (train/translation-model.ts, IBM Model 1): per
 * question stem, the answer stems that translate into it with t(q | w). A search reads only the rows of
 * its question's stems: the file is sorted by stem, so each row is found by binary search over a fixed-width
 * index with a few small reads, never parsed whole.
 *
 * Layout (little-endian): "BTT1", u32 rows, u32 key width K; `rows` index records of K bytes (the stem in
 * UTF-8, zero-padded) + u32 offset + u32 length of its row, sorted by key bytes; then the rows, each a run of
 * entries u8 length, that many bytes of UTF-8 (the answer stem), f32 t(q | w).
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidDataError } from '../../errors.js';
import { say, type Text } from '../../fixes.js';
import { type FileStamps, isRemembered, stampOf } from '../dense/file-stamps.js';
import { type Manifest, readVerified } from '../dense/model-files.js';

/** File name of the shipped translation table in embeddings/. */
export const TRANSLATION_FILE = 'reranker-translation.bin';

/** Question stem → its answer stems with t(q | w), best first. */
export type TranslationRows = Map<string, Array<[string, number]>>;

/** Rows of a table, read for the stems asked (a stem without a row is absent from the answer). */
export interface TranslationTable {
  rowsOf(stems: readonly string[]): TranslationRows;
}

const MAGIC = 'BTT1';
const HEADER = 12;
const KEY_WIDTH = 32;

/** Serialises rows; a stem longer than the key width (32 bytes of UTF-8) is left out. */
export function encodeTranslationTable(rows: TranslationRows): Buffer {
  const keyed = [...rows]
    .map(([stem, row]) => ({ key: Buffer.from(stem, 'utf8'), row }))
    .filter(({ key }) => key.length <= KEY_WIDTH)
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const bodies = keyed.map(({ row }) =>
    Buffer.concat(
      row.flatMap(([word, p]) => {
        const bytes = Buffer.from(word, 'utf8').subarray(0, 255);
        const value = Buffer.alloc(4);
        value.writeFloatLE(p);
        return [Buffer.from([bytes.length]), bytes, value];
      }),
    ),
  );
  const index = Buffer.alloc(keyed.length * (KEY_WIDTH + 8));
  let offset = HEADER + index.length;
  keyed.forEach(({ key }, i) => {
    const at = i * (KEY_WIDTH + 8);
    key.copy(index, at);
    index.writeUInt32LE(offset, at + KEY_WIDTH);
    index.writeUInt32LE(bodies[i]!.length, at + KEY_WIDTH + 4);
    offset += bodies[i]!.length;
  });
  const header = Buffer.alloc(HEADER);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(keyed.length, 4);
  header.writeUInt32LE(KEY_WIDTH, 8);
  return Buffer.concat([header, index, ...bodies]);
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
type ReadAt = (position: number, length: number) => Buffer;

function damaged(path: string, why: string, rebuild: Text): InvalidDataError {
  return new InvalidDataError(say`models: ${path} is damaged (${why}; ${rebuild})`, { file: path });
}

/** The rows of `stems` found through `read` in a file of `size` bytes. */
function lookUp(read: ReadAt, size: number, stems: readonly string[], path: string, rebuild: Text) {
  const header = read(0, HEADER);
  if (header.length < HEADER || header.toString('latin1', 0, 4) !== MAGIC)
    throw damaged(path, 'not a translation table', rebuild);
  const count = header.readUInt32LE(4);
  const width = header.readUInt32LE(8);
  const record = width + 8;
  if (width !== KEY_WIDTH || HEADER + count * record > size) throw damaged(path, 'truncated index', rebuild);
  const rows: TranslationRows = new Map();
  for (const stem of new Set(stems)) {
    const key = Buffer.alloc(width);
    const bytes = Buffer.from(stem, 'utf8');
    if (bytes.length > width) continue;
    bytes.copy(key);
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = read(HEADER + middle * record, record);
      const order = Buffer.compare(entry.subarray(0, width), key);
      if (order === 0) {
        rows.set(
          stem,
          rowAt(read, size, entry.readUInt32LE(width), entry.readUInt32LE(width + 4), path, rebuild),
        );
        break;
      }
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
  }
  return rows;
}

function rowAt(read: ReadAt, size: number, offset: number, length: number, path: string, rebuild: Text) {
  if (offset + length > size) throw damaged(path, 'a row runs past the end', rebuild);
  const body = read(offset, length);
  const row: Array<[string, number]> = [];
  for (let at = 0; at < body.length; ) {
    const n = body[at]!;
    if (at + 1 + n + 4 > body.length) throw damaged(path, 'a row ends inside an entry', rebuild);
    const p = body.readFloatLE(at + 1 + n);
    if (!(p >= 0 && p <= 1)) throw damaged(path, 'a probability outside [0, 1]', rebuild);
    row.push([body.toString('utf8', at + 1, at + 1 + n), p]);
    at += 1 + n + 4;
  }
  return row;
}

/** A table over bytes in memory (`path` names it in errors). */
export function translationTableOf(bytes: Buffer, path: string, rebuild: Text): TranslationTable {
  const read: ReadAt = (position, length) => bytes.subarray(position, position + length);
  return { rowsOf: (stems) => lookUp(read, bytes.length, stems, path, rebuild) };
}

/** A table read from its file a row at a time, for each question; the file is opened per question. */
function fileTable(path: string, rebuild: Text): TranslationTable {
  return {
    rowsOf(stems) {
      const fd = openSync(path, 'r');
      try {
        const read: ReadAt = (position, length) => {
          const out = Buffer.alloc(length);
          return out.subarray(0, readSync(fd, out, 0, length, position));
        };
        return lookUp(read, fstatSync(fd).size, stems, path, rebuild);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * The shipped table of a model folder, opened on its first question: a file `stamps` remembers as
 * verified (file-stamps.ts) is read a row at a time; otherwise it is read whole and checked against the
 * manifest (a missing, changed or truncated file is an InvalidDataError naming it and `rebuild`).
 */
export function openTranslationTable(
  dir: string,
  manifest: Manifest,
  rebuild: Text,
  stamps?: FileStamps,
): TranslationTable {
  const path = join(dir, TRANSLATION_FILE);
  if (!manifest.files[TRANSLATION_FILE])
    throw new InvalidDataError(say`models: ${path} is not in ${join(dir, 'manifest.json')} (${rebuild})`);
  let table: TranslationTable | undefined;
  const opened = (): TranslationTable => {
    if (table) return table;
    const entry = manifest.files[TRANSLATION_FILE]!;
    const stamp = stamps === undefined ? null : stampOf(path, entry.sha256);
    const size = stamp === null ? -1 : statSync(path).size;
    table =
      size === entry.bytes && isRemembered(stamps, path, stamp)
        ? fileTable(path, rebuild)
        : translationTableOf(readVerified(dir, TRANSLATION_FILE, manifest, rebuild, stamps), path, rebuild);
    return table;
  };
  return { rowsOf: (stems) => opened().rowsOf(stems) };
}
