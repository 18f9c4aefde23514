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
