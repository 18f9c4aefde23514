import { describe, expect, it } from 'vitest';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  FILE_FEATURE_NAMES,
  fileFeatures,
} from '../../src/retrieval/rerank-file-features.js';
import { candidate, chunk } from './rerank-file-fixtures.js';

const col = (name: (typeof FILE_FEATURE_NAMES)[number]) => FILE_FEATURE_NAMES.indexOf(name);

describe('file reranker features', () => {
  const head = [
    candidate(1, [chunk('intro.md', 0, 'An overview of many things and some memory words.')], 8, 0.5),
    candidate(
      2,
      [
        chunk('pool.md', 0, 'The memory pool allocator hands out pinned buffers.', ['Memory Pool']),
        chunk('pool.md', 1, 'Buffers return to the pool when dropped.'),
      ],
      6,
      0.9,
    ),
    candidate(3, [chunk('other.md', 0, 'Gardening and weather.')]),
  ];
  const rows = fileFeatures('memory pool allocator', head);

  it('gives one row of every feature per candidate', () => {
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(FILE_FEATURE_COUNT);
      for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }
    expect(fileFeatures('anything', [])).toEqual([]);
  });

  it('normalises first-stage evidence within the question', () => {
    expect(rows[0]![col('fused_rank')]).toBeCloseTo(0);
    expect(rows[1]![col('fused_rank')]).toBeLessThan(rows[0]![col('fused_rank')]!);
    expect(rows[0]![col('bm25_rel')]).toBeCloseTo(1);
    expect(rows[2]![col('bm25_rel')]).toBe(0);
    expect(rows[1]![col('dense_z')]).toBeGreaterThan(rows[0]![col('dense_z')]!);
    expect(rows[1]![col('chunks_log')]).toBeCloseTo(Math.log(3));
  });

  it('rewards covering the question terms, in headings, close together and in order', () => {
    const [intro, pool, other] = rows;
    expect(pool![col('file_coverage')]).toBeGreaterThan(intro![col('file_coverage')]!);
    expect(other![col('file_coverage')]).toBe(0);
    expect(pool![col('title_coverage')]).toBeGreaterThan(0);
    expect(intro![col('title_coverage')]).toBe(0);
    expect(pool![col('proximity')]).toBeCloseTo(1);
    expect(intro![col('proximity')]).toBe(0);
    expect(pool![col('bigrams')]).toBeCloseTo(1);
  });

  it('measures how many pooled chunks a head file has', () => {
    expect(chunksPerFile(head)).toBeCloseTo(Math.log(4 / 3));
  });
});
