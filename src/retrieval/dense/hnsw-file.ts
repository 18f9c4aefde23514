/**
 * Checks an hnswlib index file before the native library reads it. hnswlib trusts its file: a neighbour
 * id past the end, a link count larger than the list or a neighbour without the level it is linked on
 * makes a search read outside its memory (the process dies by signal). This walks the whole file once,
 * in slices, checking every header field against the others, every link list against the graph and every
 * label for uniqueness, and hashes it on the way, so a stored digest can be compared in the same pass.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** sha256 and size of a file, as stored in the index database when the file is written. */
export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

/** What a check found: a sound file with its digest and shape, or the reason it cannot be loaded. */
export type HnswFileCheck =
  | { readonly ok: true; readonly digest: FileDigest; readonly dimension: number; readonly count: number }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string };

const HEADER_BYTES = 96;
const ID_BYTES = 4;
const LABEL_BYTES = 8;
/** hnswlib caps M at 10,000; ours is 16. */
const MAX_M = 10_000;
/** Elements hashed and checked per read of the level-0 block. */
const SLICE_ELEMENTS = 4096;

interface Header {
  readonly maxElements: number;
  readonly count: number;
  readonly bytesPerElement: number;
  readonly labelOffset: number;
  readonly dataOffset: number;
  readonly maxLevel: number;
  readonly entryPoint: number;
  readonly maxM: number;
  readonly maxM0: number;
  readonly m: number;
}

/** Why a header cannot describe a file of `size` bytes, or null when it can. */
function headerProblem(h: Header, mult: number, efConstruction: number, size: number): string | null {
  const linksLevel0 = h.maxM0 * ID_BYTES + 4;
  const dataBytes = h.labelOffset - h.dataOffset;
  if (h.maxM < 1 || h.maxM > MAX_M || h.maxM0 !== 2 * h.maxM || h.m !== h.maxM)
    return 'its link sizes are not hnswlib’s';
  if (h.dataOffset !== linksLevel0 || dataBytes <= 0 || dataBytes % 4 !== 0)
    return 'its offsets do not agree';
  if (h.bytesPerElement !== h.labelOffset + LABEL_BYTES) return 'its element size does not agree';
  if (!Number.isFinite(mult) || Math.abs(mult - 1 / Math.log(h.maxM)) > 1e-9)
    return 'its level factor is wrong';
  if (efConstruction < 1 || efConstruction > 1_000_000) return 'its build parameter is out of range';
  if (h.count > h.maxElements || h.maxElements > 2 * h.count + 1024) return 'its capacity is out of range';
  if (HEADER_BYTES + h.count * (h.bytesPerElement + 4) > size) return 'it is shorter than its header says';
  if (h.count === 0) return h.maxLevel === -1 ? null : 'an empty index has levels';
  if (h.entryPoint >= h.count || h.maxLevel < 0 || h.maxLevel > 64) return 'its entry point is out of range';
  return null;
}

function readHeader(bytes: Buffer): { header: Header; mult: number; efConstruction: number } | string {
  const big = (offset: number): number => {
    const value = bytes.readBigUInt64LE(offset);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  };
  if (big(0) !== 0) return 'its level-0 offset is not zero';
  return {
    header: {
      maxElements: big(8),
      count: big(16),
      bytesPerElement: big(24),
      labelOffset: big(32),
      dataOffset: big(40),
      maxLevel: bytes.readInt32LE(48),
      entryPoint: bytes.readUInt32LE(52),
      maxM: big(56),
      maxM0: big(64),
      m: big(72),
    },
    mult: bytes.readDoubleLE(80),
    efConstruction: big(88),
  };
}

/** A link list at `offset` of `block`: its neighbours, or a reason when it is malformed. */
function linkList(block: Buffer, offset: number, limit: number, count: number): number[] | string {
  const size = block.readUInt16LE(offset);
  if (size > limit) return `a node lists ${size} neighbours (at most ${limit})`;
  const ids: number[] = [];
  for (let i = 0; i < size; i += 1) {
    const id = block.readUInt32LE(offset + 4 + i * ID_BYTES);
    if (id >= count) return `a neighbour id (${id}) is past the last node (${count - 1})`;
    ids.push(id);
  }
  return ids;
}

/** Reads exactly `length` bytes at `position`, hashing them. */
function readSlice(
  fd: number,
  position: number,
  length: number,
  hash: ReturnType<typeof createHash>,
): Buffer {
  const slice = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, slice, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  const filled = slice.subarray(0, done);
  hash.update(filled);
  return filled;
}

/** Checks the level-0 block slice by slice: link lists and labels. */
function checkLevel0(fd: number, h: Header, hash: ReturnType<typeof createHash>): string | null {
  const labels = new Set<bigint>();
  for (let first = 0; first < h.count; first += SLICE_ELEMENTS) {
    const elements = Math.min(SLICE_ELEMENTS, h.count - first);
    const block = readSlice(fd, HEADER_BYTES + first * h.bytesPerElement, elements * h.bytesPerElement, hash);
    if (block.length < elements * h.bytesPerElement) return 'it is truncated';
    for (let i = 0; i < elements; i += 1) {
      const at = i * h.bytesPerElement;
      const links = linkList(block, at, h.maxM0, h.count);
      if (typeof links === 'string') return links;
      const label = block.readBigUInt64LE(at + h.labelOffset);
      if (labels.has(label)) return `label ${label} appears twice`;
      labels.add(label);
    }
  }
  return null;
}

/** Checks the upper levels: sizes that add up to the file, and links only to nodes on that level. */
function checkUpperLevels(tail: Buffer, h: Header): string | null {
  const perLevel = h.maxM * ID_BYTES + 4;
  const levels = new Int32Array(h.count);
  const starts = new Float64Array(h.count);
  let at = 0;
  for (let node = 0; node < h.count; node += 1) {
    if (at + 4 > tail.length) return 'it is truncated';
    const size = tail.readUInt32LE(at);
    if (size % perLevel !== 0 || size / perLevel > h.maxLevel)
      return `node ${node} has a malformed level list`;
    levels[node] = size / perLevel;
    starts[node] = at + 4;
    at += 4 + size;
  }
  if (at !== tail.length) return at > tail.length ? 'it is truncated' : 'it has bytes past its end';
  if (h.count === 0) return null;
  if (levels[h.entryPoint] !== h.maxLevel) return 'its entry point is not on the top level';
  for (let node = 0; node < h.count; node += 1) {
    for (let level = 1; level <= levels[node]!; level += 1) {
      const links = linkList(tail, starts[node]! + (level - 1) * perLevel, h.maxM, h.count);
      if (typeof links === 'string') return links;
      if (links.some((id) => levels[id]! < level)) return `node ${node} links to a node below level ${level}`;
    }
  }
  return null;
}

/**
 * Checks an hnswlib file of `dimension`-float vectors (null: any); with `expected`, also that its size
 * and sha256 are the ones recorded when it was written.
 */
export function checkHnswFile(
  path: string,
  dimension: number | null,
  expected?: FileDigest | null,
): HnswFileCheck {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { ok: false, missing: true, reason: 'it is missing' };
  }
  try {
    const size = fstatSync(fd).size;
    const fail = (reason: string): HnswFileCheck => ({ ok: false, missing: false, reason });
    if (expected && expected.bytes !== size)
      return fail(`it has ${size} bytes, ${expected.bytes} were written`);
    const hash = createHash('sha256');
    const head = readSlice(fd, 0, HEADER_BYTES, hash);
    if (head.length < HEADER_BYTES) return fail('it is shorter than a header');
    const parsed = readHeader(head);
    if (typeof parsed === 'string') return fail(parsed);
    const { header } = parsed;
    const problem = headerProblem(header, parsed.mult, parsed.efConstruction, size);
    if (problem !== null) return fail(problem);
    const tailStart = HEADER_BYTES + header.count * header.bytesPerElement;
    const perNode = 4 + Math.max(0, header.maxLevel) * (header.maxM * ID_BYTES + 4);
    if (size - tailStart > header.count * perNode) return fail('it has bytes past its end');
    const fileDimension = (header.labelOffset - header.dataOffset) / 4;
    if (dimension !== null && fileDimension !== dimension)
      return fail(`it holds ${fileDimension}-d vectors, not ${dimension}-d`);
    const level0 = checkLevel0(fd, header, hash);
    if (level0 !== null) return fail(level0);
    const upper = checkUpperLevels(readSlice(fd, tailStart, size - tailStart, hash), header);
    if (upper !== null) return fail(upper);
    const digest = { sha256: hash.digest('hex'), bytes: size };
    if (expected && expected.sha256 !== digest.sha256) return fail('its sha256 is not the one written');
    return { ok: true, digest, dimension: fileDimension, count: header.count };
  } finally {
    closeSync(fd);
  }
}
