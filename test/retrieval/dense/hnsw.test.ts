import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../src/retrieval/dense/hnsw.js';
import { tempDir } from '../../temp-dirs.js';

/** Seeded xorshift so the vectors are the same on every run. */
function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimension }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

function bruteForce(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  const dot = (a: Float32Array) => a.reduce((sum, value, i) => sum + value * query[i]!, 0);
  return vectors
    .map((vector, label) => ({ label, score: dot(vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.label);
}

describe('VectorIndex', () => {
  it('finds at least 90% of the exact top 10 on seeded random vectors', async () => {
    const vectors = randomVectors(2000, 32, 7);
    const index = await VectorIndex.create(32, 100);
    for (const [label, vector] of vectors.entries()) index.add(label, vector);
    const queries = randomVectors(50, 32, 99);
    let found = 0;
    for (const query of queries) {
      const exact = new Set(bruteForce(vectors, query, 10));
      found += index.search(query, 10).filter((hit) => exact.has(hit.label)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.9);
  });

  it('saves atomically, loads back, and forgets removed labels', async () => {
    const dir = tempDir('hnsw-');
    const path = join(dir, 'c.hnsw');
    const vectors = randomVectors(100, 16, 3);
    const index = await VectorIndex.create(16, 10);
    for (const [label, vector] of vectors.entries()) index.add(label + 1000, vector);
    expect(index.remove(1005)).toBe(true);
    expect(index.remove(1005)).toBe(false);
    await index.save(path);
    expect(readdirSync(dir)).toEqual(['c.hnsw']);
    const loaded = await VectorIndex.load(path, 16);
    expect(loaded).not.toBeNull();
    expect(loaded!.search(vectors[7]!, 1)[0]).toMatchObject({ label: 1007 });
    expect(loaded!.search(vectors[5]!, 5).map((hit) => hit.label)).not.toContain(1005);
    expect(await VectorIndex.load(path, 8)).toBeNull();
    expect(await VectorIndex.load(join(dir, 'missing.hnsw'), 16)).toBeNull();
    expect(existsSync(path)).toBe(true);
  });
});
