/**
 * Approximate nearest neighbours with HNSW (Malkov & Yashunin 2020) through hnswlib-node, cosine space.
 * Labels are chunk row ids. Files are written atomically (temporary file + rename), so a reader loads
 * either the old index or the new one, never a torn file; every file is checked before hnswlib reads it
 * (hnsw-file.ts). hnswlib-node is loaded lazily.
 */
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { HierarchicalNSW } from 'hnswlib-node';
import { type FileStamps, isRemembered, stampOf } from './file-stamps.js';
import { checkHnswFile, type FileDigest } from './hnsw-file.js';

/**
 * hnswlib-node (CommonJS, native), required when an index is first made or opened, as store/database.ts does
 * for better-sqlite3: an ES import of it would also have Node parse its source for named exports (about 2 ms
 * of a fresh search process).
 */
function requireHnswlib(): typeof import('hnswlib-node') {
  return createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node');
}

/** Build parameters; `seed` makes level assignment repeatable. */
export interface HnswOptions {
  readonly m: number;
  readonly efConstruction: number;
  readonly efSearch: number;
  readonly seed: number;
}

/** efConstruction 100: 2.3x faster inserts than 200 with the same recall@10 on 30k clustered 96-d vectors. */
export const HNSW_DEFAULTS: HnswOptions = { m: 16, efConstruction: 100, efSearch: 128, seed: 100 };

/** One neighbour: its label and cosine similarity (1 − hnswlib's cosine distance). */
export interface Neighbour {
  readonly label: number;
  readonly similarity: number;
}

/**
 * checkHnswFile, skipped for a file `stamps` remembers as checked with this very stamp: the digest recorded
 * when it was written, the dimension asked, and what stat says of the file (any write gives it another
 * stamp). Walking and hashing the file is most of what opening a collection's vectors costs a fresh search.
 */
function checkRemembered(
  path: string,
  dimension: number,
  expected: FileDigest | null | undefined,
  stamps: FileStamps | undefined,
): { ok: true; digest: FileDigest } | { ok: false; missing: boolean; reason: string } {
  const stamp = expected && stamps ? stampOf(path, `${expected.sha256} ${dimension}-d`) : null;
  if (expected && stamp !== null && isRemembered(stamps, path, stamp)) return { ok: true, digest: expected };
  const check = checkHnswFile(path, dimension, expected);
  if (check.ok && stamp !== null) stamps?.write(path, stamp);
  return check;
}

/** A mutable HNSW index of unit vectors keyed by integer labels. */
export class VectorIndex {
  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dimension: number,
  ) {}

  /** An empty index with room for `capacity` vectors (it grows when needed). */
  static async create(
    dimension: number,
    capacity: number,
    options: HnswOptions = HNSW_DEFAULTS,
  ): Promise<VectorIndex> {
    const hnswlib = requireHnswlib();
    const index = new hnswlib.HierarchicalNSW('cosine', dimension);
    index.initIndex({
      maxElements: Math.max(16, capacity),
      m: options.m,
      efConstruction: options.efConstruction,
      randomSeed: options.seed,
      allowReplaceDeleted: true,
    });
    index.setEf(options.efSearch);
    return new VectorIndex(index, dimension);
  }

  /**
   * Opens an index file after checking it (hnsw-file.ts): a missing, damaged or other-dimension file is
   * a reason, never handed to the native library. With `expected`, the file must also be the one written;
   * with `stamps` too, a file checked before and not written since (file-stamps.ts) is not walked again.
   */
  static async open(
    path: string,
    dimension: number,
    expected?: FileDigest | null,
    options: HnswOptions = HNSW_DEFAULTS,
    stamps?: FileStamps,
  ): Promise<{ index: VectorIndex; digest: FileDigest } | { missing: boolean; reason: string }> {
    const check = checkRemembered(path, dimension, expected, stamps);
    if (!check.ok) return { missing: check.missing, reason: check.reason };
    const hnswlib = requireHnswlib();
    const index = new hnswlib.HierarchicalNSW('cosine', dimension);
    try {
      await index.readIndex(path, true);
    } catch (error) {
      return { missing: false, reason: `hnswlib could not read it (${(error as Error).message})` };
    }
    index.setEf(options.efSearch);
    return { index: new VectorIndex(index, dimension), digest: check.digest };
  }

  /** Loads an index file, or returns null when it is missing, damaged or of another dimension. */
  static async load(
    path: string,
    dimension: number,
    options: HnswOptions = HNSW_DEFAULTS,
  ): Promise<VectorIndex | null> {
    const opened = await VectorIndex.open(path, dimension, null, options);
    return 'index' in opened ? opened.index : null;
  }

  /** Labels stored, including ones marked deleted. */
  labels(): number[] {
    return this.index.getIdsList();
  }

  add(label: number, vector: Float32Array): void {
    if (this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(Math.ceil(this.index.getMaxElements() * 1.5) + 16);
    }
    this.index.addPoint(Array.from(vector), label, true);
  }

  /** Marks a label deleted (its slot is reused by a later add); false when it was not live. */
  remove(label: number): boolean {
    try {
      this.index.markDelete(label);
      return true;
    } catch {
      return false;
    }
  }

  /** The `k` nearest labels, most similar first. */
  search(vector: Float32Array, k: number): Neighbour[] {
    const count = this.index.getCurrentCount();
    if (count === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(
      Array.from(vector),
      Math.min(k, this.index.getMaxElements()),
    );
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }

  /**
   * Writes the index to `path` atomically, on a libuv thread (the event loop keeps running), and returns
   * the digest of what was written (checked like any file read back).
   */
  async save(path: string): Promise<FileDigest> {
    const temporary = `${path}.tmp-${process.pid}`;
    try {
      await this.index.writeIndex(temporary);
      const check = checkHnswFile(temporary, this.dimension);
      if (!check.ok) throw new Error(`hnsw: the index written to ${path} does not check: ${check.reason}`);
      renameSync(temporary, path);
      return check.digest;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
}
