import { beforeAll, describe, expect, it } from 'vitest';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  FILE_FEATURE_NAMES,
  fileFeatures,
  isNaturalQuestion,
} from '../../../src/retrieval/rerank/file-features.js';
import { createWordSimilarities } from '../../../src/retrieval/rerank/similarity.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { candidate, chunk } from './file-fixtures.js';

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
  let rows: number[][] = [];
  beforeAll(async () => {
    rows = await fileFeatures('memory pool allocator', head);
  });

  it('gives one row of every feature per candidate', async () => {
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(FILE_FEATURE_COUNT);
      for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }
    expect(await fileFeatures('anything', [])).toEqual([]);
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

  it('matches question words softly through the word vectors, and gives 0 without them', async () => {
    // "allocator" and "malloc" point the same way; "weather" points elsewhere.
    const vocabulary = featureVocabulary(
      ['allocator', 'malloc', 'weather', 'the'],
      Float64Array.from([40, 40, 40, 1_000_000]),
      2,
      Float32Array.from([1, 0.1, 0.95, 0.2, 0, 1, 0, 1]),
    );
    const soft = [
      candidate(1, [chunk('malloc.md', 0, 'Use malloc and free with care.')]),
      candidate(2, [chunk('weather.md', 0, 'The weather is fine.')]),
      candidate(3, [chunk('exact.md', 0, 'The allocator.')]),
    ];
    const [near, far, exact] = await fileFeatures('the allocator', soft, {
      vocabulary,
      similarities: createWordSimilarities(),
    });
    expect(exact![col('soft_max')]).toBeCloseTo(1);
    expect(near![col('soft_max')]).toBeGreaterThan(0.95);
    expect(far![col('soft_max')]).toBeLessThan(0.1);
    expect(near![col('soft_0.9')]).toBeGreaterThan(far![col('soft_0.9')]!);
    expect(exact![col('soft_0.9')]).toBeCloseTo(0);
    for (const row of await fileFeatures('the allocator', soft)) expect(row[col('soft_max')]).toBe(0);
  });

  it("takes each file's size when the collection gives every file's, else gives 0", async () => {
    const sized = head.map((c, i) => ({ ...c, evidence: { ...c.evidence, fileChars: 100 * (i + 1) } }));
    const withSizes = await fileFeatures('memory pool allocator', sized);
    expect(withSizes.map((row) => row[col('file_chars')])).toEqual([
      Math.log1p(100),
      Math.log1p(200),
      Math.log1p(300),
    ]);
    expect(rows.map((row) => row[col('file_chars')])).toEqual([0, 0, 0]);
    const partly = [sized[0]!, head[1]!, sized[2]!];
    for (const row of await fileFeatures('memory pool allocator', partly))
      expect(row[col('file_chars')]).toBe(0);
  });

  it("scores the files' titles by the embedder's cosine to the question, as z-scores in the head", async () => {
    const vocabulary = featureVocabulary(['pool'], Float64Array.from([1]), 1, Float32Array.from([1]));
    const embedded: string[][] = [];
    // A one-dimensional embedder: 1 for a text that mentions a pool, -1 otherwise.
    const embed = async (texts: readonly string[]) => {
      embedded.push([...texts]);
      return texts.map((text) => Float32Array.of(/pool/i.test(text) ? 1 : -1));
    };
    const similarities = createWordSimilarities();
    const titled = await fileFeatures('memory pool', head, { vocabulary, similarities, embed });
    expect(embedded).toEqual([['memory pool', 'intro md ', 'pool md Memory Pool ', 'other md ']]);
    const z = titled.map((row) => row[col('title_cos')]!);
    expect(z[1]).toBeCloseTo(Math.SQRT2);
    expect(z[0]).toBeCloseTo(-Math.SQRT1_2);
    expect(z[0]).toBeCloseTo(z[2]!);
    const plain = await fileFeatures('memory pool', head, { vocabulary, similarities });
    expect(plain.map((row) => row[col('title_cos')])).toEqual([0, 0, 0]);
  });

  it('tells questions phrased as questions from keyword questions', () => {
    expect(isNaturalQuestion('How do I make the binary smaller?')).toBe(true);
    expect(isNaturalQuestion('can trueno use AVX-512')).toBe(true);
    expect(isNaturalQuestion('Which crate does SIMD?')).toBe(true);
    expect(isNaturalQuestion('memory pool allocator')).toBe(false);
    expect(isNaturalQuestion('Howto for release builds')).toBe(false);
  });

  it('measures how many pooled chunks a head file has', () => {
    expect(chunksPerFile(head)).toBeCloseTo(Math.log(4 / 3));
  });
});
