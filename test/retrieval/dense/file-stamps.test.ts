import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileStamps, stampOf } from '../../../src/retrieval/dense/file-stamps.js';
import {
  EMBEDDER_FILE,
  type Manifest,
  readVerified,
  readVerifiedScales,
  sha256,
} from '../../../src/retrieval/dense/model-files.js';
import { tempDir } from '../../temp-dirs.js';

const REBUILD = 'rebuild it';
const ROWS = 3;
const DIM = 4;
const VECTORS = `${EMBEDDER_FILE}.vectors.bin`;

/** A stamp store in memory, counting what it is asked. */
function memoryStamps(): FileStamps & { readonly saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return { saved, read: (path) => saved.get(path) ?? null, write: (path, stamp) => saved.set(path, stamp) };
}

/** int8 input and output rows, then their float32 scales: the layout of a vectors file. */
function vectorsBytes(): Buffer {
  const n = ROWS * DIM;
  const bytes = Buffer.alloc(2 * n + 8 * ROWS);
  for (let i = 0; i < 2 * n; i++) bytes.writeInt8(((i * 7) % 100) - 50, i);
  for (let r = 0; r < 2 * ROWS; r++) bytes.writeFloatLE(0.01 * (r + 1), 2 * n + 4 * r);
  return bytes;
}

/** Flips one byte in place, keeping the size. */
function flip(path: string, bytes: Buffer, at: number): void {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  writeFileSync(path, copy);
}

describe('model files verified once', () => {
  let dir: string;
  let manifest: Manifest;
  const text = Buffer.from('96\nword\t3\n');
  beforeEach(() => {
    dir = tempDir('batuta-stamps-');
    writeFileSync(join(dir, 'model.txt'), text);
    writeFileSync(join(dir, VECTORS), vectorsBytes());
    // Written an hour ago: the flips below, within the same clock tick, still change the modification time.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of ['model.txt', VECTORS]) utimesSync(join(dir, file), hourAgo, hourAgo);
    manifest = {
      files: {
        'model.txt': { sha256: sha256(text), bytes: text.length },
        [VECTORS]: { sha256: sha256(vectorsBytes()), bytes: vectorsBytes().length },
      },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers a file that matched its manifest, and hashes it again once it is written', () => {
    const stamps = memoryStamps();
    expect(readVerified(dir, 'model.txt', manifest, REBUILD, stamps)).toEqual(text);
    expect(stamps.saved.get(join(dir, 'model.txt'))).toBe(stampOf(join(dir, 'model.txt'), sha256(text)));
    flip(join(dir, 'model.txt'), text, 3);
    expect(() => readVerified(dir, 'model.txt', manifest, REBUILD, stamps)).toThrow(/is corrupt/);
  });

  it('does not hash a file whose stamp it remembers, and never remembers a file that failed', () => {
    const path = join(dir, 'model.txt');
    flip(path, text, 3);
    const stamps = memoryStamps();
    expect(() => readVerified(dir, 'model.txt', manifest, REBUILD, stamps)).toThrow(/is corrupt/);
    expect(stamps.saved.size).toBe(0);
    // A stamp remembered for exactly this file as it is now stands for a verification: it is trusted.
    stamps.write(path, stampOf(path, sha256(text)) ?? '');
    expect(readVerified(dir, 'model.txt', manifest, REBUILD, stamps)[3]).not.toBe(text[3]);
    // Without stamps every read hashes.
    expect(() => readVerified(dir, 'model.txt', manifest, REBUILD)).toThrow(/is corrupt/);
  });

  it('reads the same input scales of a vectors file with or without a remembered stamp', () => {
    const stamps = memoryStamps();
    const hashed = readVerifiedScales(dir, manifest, REBUILD, ROWS, DIM, stamps);
    expect(stamps.saved.size).toBe(1);
    const remembered = readVerifiedScales(dir, manifest, REBUILD, ROWS, DIM, stamps);
    expect(remembered).toEqual(hashed);
    expect(Array.from(hashed)).toEqual([0.01, 0.02, 0.03].map(Math.fround));
    // A flipped int8 value, which the scales do not hold, still fails the hash.
    flip(join(dir, VECTORS), vectorsBytes(), 1);
    expect(() => readVerifiedScales(dir, manifest, REBUILD, ROWS, DIM, stamps)).toThrow(/is corrupt/);
  });
});
