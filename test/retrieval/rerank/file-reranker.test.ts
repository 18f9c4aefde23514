import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../../../src/errors.js';
import { shippedModelDir } from '../../../src/retrieval/models/provider.js';
import { buildFileRerankerOnnx } from '../../../src/retrieval/onnx/reranker-graph.js';
import {
  chunksPerFile,
  FILE_FEATURE_COUNT,
  FILE_FEATURE_NAMES,
  fileFeatures,
  isNaturalQuestion,
} from '../../../src/retrieval/rerank/file-features.js';
import { scoreFileHead } from '../../../src/retrieval/rerank/file-model.js';
import {
  createFileReranker,
  FILE_RERANKER_FILE,
  loadFileReranker,
} from '../../../src/retrieval/rerank/file-reranker.js';
import { createWordSimilarities } from '../../../src/retrieval/rerank/similarity.js';
import { encodeTranslationTable, TRANSLATION_FILE } from '../../../src/retrieval/rerank/translation-table.js';
import { packageFile } from '../../../src/retrieval/train/package-models.js';
import { featureVocabulary } from '../../../src/retrieval/wordvec/feature-vocabulary.js';
import { tempDir } from '../../temp-dirs.js';
import { createFakeEmbedder } from '../fakes.js';
import { candidate, chunk } from './file-fixtures.js';

const col = (name: (typeof FILE_FEATURE_NAMES)[number]) => FILE_FEATURE_NAMES.indexOf(name);

const MODEL = {
  section: { weights: Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => (k % 3) - 0.5), bias: 0.1 },
  page: { weights: Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => 0.2 * k - 1), bias: -0.3 },
  gate: { a: 3, b: -1 },
  natural: { weights: Array.from({ length: FILE_FEATURE_COUNT }, (_, k) => 0.5 - 0.1 * k), bias: 0.2 },
};
const HEAD = [
  candidate(1, [chunk('a.md', 0, 'memory pool allocator'), chunk('a.md', 1, 'pool sizes')], 9, 0.8),
  candidate(2, [chunk('b.md', 0, 'pinned memory buffers')], 7, 0.6),
  candidate(3, [chunk('c.md', 0, 'gardening')], undefined, 0.1),
];

describe('file reranker (ONNX)', () => {
  it('scores a head as the training code does', async () => {
    const reranker = await createFileReranker('test', buildFileRerankerOnnx(MODEL));
    for (const question of ['memory pool', 'How do I size the memory pool?']) {
      const scores = await reranker.scoreCandidates!(question, HEAD);
      const natural = isNaturalQuestion(question);
      const features = await fileFeatures(question, HEAD);
      const expected = scoreFileHead(MODEL, features, chunksPerFile(HEAD), natural);
      expect(scores).toHaveLength(3);
      scores.forEach((s, i) => {
        expect(s).toBeCloseTo(expected[i]!, 4);
      });
    }
    expect(await reranker.score('memory pool', [HEAD[0]!.chunk, HEAD[1]!.chunk])).toHaveLength(2);
    expect(await reranker.scoreCandidates!('memory pool', [])).toEqual([]);
  });

  it('matches words softly for natural questions only (the keyword experts give those columns no weight)', async () => {
    const vocabulary = featureVocabulary(
      ['memory', 'pool', 'buffers', 'size', 'the'],
      Float64Array.from([30, 30, 30, 30, 1_000_000]),
      2,
      Float32Array.from([1, 0, 0.9, 0.1, 0.8, 0.3, 0, 1, 0.7, 0.7]),
    );
    const reranker = await createFileReranker('test', buildFileRerankerOnnx(MODEL));
    const natural = 'How do I size the memory pool?';
    const embedder = { ...createFakeEmbedder(), vocabulary: () => vocabulary };
    const softRows = await fileFeatures(natural, HEAD, {
      vocabulary,
      similarities: createWordSimilarities(),
      embed: (texts) => embedder.embed(texts),
    });
    const expected = scoreFileHead(MODEL, softRows, chunksPerFile(HEAD), true);
    const scores = await reranker.scoreCandidates!(natural, HEAD, embedder);
    scores.forEach((s, i) => {
      expect(s).toBeCloseTo(expected[i]!, 4);
    });
    expect(softRows.some((row) => row[col('soft_max')]! > 0)).toBe(true);
    expect(await reranker.scoreCandidates!('memory pool', HEAD, embedder)).toEqual(
      await reranker.scoreCandidates!('memory pool', HEAD),
    );
    // An embedder without word vectors (a transformer) is not asked to embed the titles.
    const plain = createFakeEmbedder();
    await reranker.scoreCandidates!(natural, HEAD, plain);
    expect(plain.calls).toBe(0);
  });

  it('loads only when shipped, and refuses a file that does not match its hash', async () => {
    const dir = tempDir('file-rerank-');
    writeFileSync(join(dir, 'manifest.json'), '{"files":{}}\n');
    expect(await loadFileReranker(dir, 'run npm run train:models')).toBeNull();
    packageFile(dir, FILE_RERANKER_FILE, buildFileRerankerOnnx(MODEL), 'reranker', {});
    // Its translation table must be shipped beside it.
    const unlisted = loadFileReranker(dir, 'run npm run train:models');
    await expect(unlisted).rejects.toBeInstanceOf(InvalidDataError);
    await expect(unlisted).rejects.toThrow(/reranker-translation\.bin.*npm run train:models/);
    packageFile(dir, TRANSLATION_FILE, encodeTranslationTable(new Map()), 'reranker', {});
    expect((await loadFileReranker(dir, 'run npm run train:models'))?.id).toMatch(/^file-rerank\//);
    const bytes = readFileSync(join(dir, FILE_RERANKER_FILE));
    writeFileSync(join(dir, FILE_RERANKER_FILE), bytes.subarray(0, bytes.length - 10));
    const failure = loadFileReranker(dir, 'run npm run train:models');
    await expect(failure).rejects.toBeInstanceOf(InvalidDataError);
    await expect(failure).rejects.toThrow(/reranker-file\.onnx.*npm run train:models/);
  });

  it('is shipped and puts the file that answers first', async () => {
    const reranker = await loadFileReranker(shippedModelDir(), 'run npm run train:models');
    expect(reranker).not.toBeNull();
    const head = [
      candidate(1, [chunk('weather.md', 0, 'Weather and gardening notes, with a memory of rain.')], 5, 0.2),
      candidate(
        2,
        [
          chunk('pool.md', 0, 'The memory pool allocator hands out pinned buffers.', [
            'Memory pool allocator',
          ]),
          chunk('pool.md', 1, 'The memory pool allocator grows in pages.'),
        ],
        4.9,
        0.9,
      ),
    ];
    const scores = await reranker!.scoreCandidates!('memory pool allocator', head);
    expect(scores[1]).toBeGreaterThan(scores[0]!);
  });
});
