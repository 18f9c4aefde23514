import { createHash } from 'node:crypto';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../src/retrieval/dense/hnsw.js';
import { checkHnswFile } from '../../../src/retrieval/dense/hnsw-file.js';
import { tempDir } from '../../temp-dirs.js';

const DIMENSION = 8;
/** Header (96 bytes) then per element: 33 links of level 0 (4 + 32 * 4 bytes), the vector, the label. */
const ELEMENT = 4 + 32 * 4 + DIMENSION * 4 + 8;

describe('checkHnswFile', () => {
  let dir: string;
  let path: string;
  let bytes: Buffer;
  beforeAll(async () => {
    dir = tempDir('batuta-hnsw-file-');
    path = join(dir, 'index.hnsw');
    const index = await VectorIndex.create(DIMENSION, 16);
    for (let label = 0; label < 200; label += 1) {
      index.add(
        label,
        Float32Array.from({ length: DIMENSION }, (_, i) => Math.sin(label * 7 + i)),
      );
    }
    await index.save(path);
    bytes = readFileSync(path);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const variant = (name: string, change: (copy: Buffer) => Buffer): string => {
    const target = join(dir, name);
    writeFileSync(target, change(Buffer.from(bytes)));
    return target;
  };

  it('accepts the file hnswlib wrote and returns its sha256 and size', () => {
    const check = checkHnswFile(path, DIMENSION);
    expect(check).toMatchObject({ ok: true, dimension: DIMENSION, count: 200 });
    const digest = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    expect(check.ok && check.digest).toEqual(digest);
    expect(checkHnswFile(path, DIMENSION, digest).ok).toBe(true);
  });

  it('reports a missing file as missing and a file of another dimension as damaged', () => {
    expect(checkHnswFile(join(dir, 'none.hnsw'), DIMENSION)).toMatchObject({ ok: false, missing: true });
    expect(checkHnswFile(path, 16)).toMatchObject({ ok: false, missing: false, reason: /8-d vectors/ });
  });

  it('refuses a truncated file, a neighbour past the end and a bad header', () => {
    const short = variant('short.hnsw', (copy) => copy.subarray(0, copy.length - 3));
    expect(checkHnswFile(short, DIMENSION)).toMatchObject({ ok: false, reason: /truncated/ });
    const far = variant('far.hnsw', (copy) => {
      copy.writeUInt16LE(1, 96 + ELEMENT * 5);
      copy.writeUInt32LE(5000, 96 + ELEMENT * 5 + 4);
      return copy;
    });
    expect(checkHnswFile(far, DIMENSION)).toMatchObject({ ok: false, reason: /neighbour id \(5000\)/ });
    const m = variant('m.hnsw', (copy) => {
      copy.writeBigUInt64LE(1n << 40n, 72);
      return copy;
    });
    expect(checkHnswFile(m, DIMENSION)).toMatchObject({ ok: false, reason: /link sizes/ });
    const cut = join(dir, 'cut.hnsw');
    writeFileSync(cut, bytes);
    truncateSync(cut, 50);
    expect(checkHnswFile(cut, DIMENSION)).toMatchObject({ ok: false, reason: /shorter than a header/ });
  });

  it('passes a flipped vector value on structure alone, and refuses it against the written digest', () => {
    const flipped = variant('flipped.hnsw', (copy) => {
      const at = 96 + ELEMENT * 3 + 132 + 2;
      copy[at] = copy[at]! ^ 0x10;
      return copy;
    });
    expect(checkHnswFile(flipped, DIMENSION).ok).toBe(true);
    const written = checkHnswFile(path, DIMENSION);
    if (!written.ok) throw new Error(written.reason);
    expect(checkHnswFile(flipped, DIMENSION, written.digest)).toMatchObject({
      ok: false,
      reason: /sha256 is not the one written/,
    });
  });
});

describe('VectorIndex.open with remembered checks', () => {
  /** File stamps kept in memory, with the number of checks remembered (writes). */
  function memoryStamps() {
    const kept = new Map<string, string>();
    const stamps = {
      kept,
      writes: 0,
      read: (path: string) => kept.get(path) ?? null,
      write: (path: string, stamp: string) => {
        stamps.writes += 1;
        kept.set(path, stamp);
      },
    };
    return stamps;
  }

  it('remembers a checked file, and checks it again once it is written', async () => {
    const dir = tempDir('batuta-hnsw-stamps-');
    const path = join(dir, 'index.hnsw');
    const index = await VectorIndex.create(DIMENSION, 16);
    for (let label = 0; label < 40; label += 1)
      index.add(
        label,
        Float32Array.from({ length: DIMENSION }, (_, i) => Math.cos(label * 3 + i)),
      );
    await index.save(path);
    const bytes = readFileSync(path);
    const digest = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    const stamps = memoryStamps();
    const first = await VectorIndex.open(path, DIMENSION, digest, undefined, stamps);
    expect('index' in first && first.digest).toEqual(digest);
    expect([...stamps.kept.keys()]).toEqual([path]);
    expect(stamps.writes).toBe(1);
    // Asked for another dimension, the remembered check does not stand: the file is walked and refused.
    expect(await VectorIndex.open(path, 16, digest, undefined, stamps)).toMatchObject({
      reason: /8-d vectors/,
    });
    expect('index' in (await VectorIndex.open(path, DIMENSION, digest, undefined, stamps))).toBe(true);
    // Remembered: not checked (so not remembered) again.
    expect(stamps.writes).toBe(1);
    // Same size, other bytes: a new stamp, so the file is checked (and refused) again.
    const damaged = Buffer.from(bytes);
    damaged.writeUInt16LE(1, 96 + ELEMENT * 5);
    damaged.writeUInt32LE(5000, 96 + ELEMENT * 5 + 4);
    writeFileSync(path, damaged);
    expect(await VectorIndex.open(path, DIMENSION, digest, undefined, stamps)).toMatchObject({
      missing: false,
      reason: /bytes|sha256|neighbour/,
    });
  });

  it('remembers nothing for a file without a recorded digest', async () => {
    const dir = tempDir('batuta-hnsw-stamps-');
    const path = join(dir, 'index.hnsw');
    const index = await VectorIndex.create(DIMENSION, 16);
    index.add(
      1,
      Float32Array.from({ length: DIMENSION }, (_, i) => i + 1),
    );
    await index.save(path);
    const stamps = memoryStamps();
    expect('index' in (await VectorIndex.open(path, DIMENSION, null, undefined, stamps))).toBe(true);
    expect(stamps.kept.size).toBe(0);
  });
});
